import { type PlainInputField, type ZObject } from 'zapier-platform-core';

import {
  optionalHttpUrl,
  optionalPositiveInt,
  optionalText,
  requirePositiveInt,
} from '../core/input';

import { IMPACT_SHARED_ID_MAX, IMPACT_SUB_ID_MAX } from './client';
import {
  IMPACT_LINK_PARAMETERS,
  type ImpactLinkParameter,
  type ImpactLinkRequest,
} from './schemas';

/**
 * Input fields of the Impact actions, defined once, and the readers that turn a step's input into
 * a link request. Ids are typed 'string' (see awin/fields.ts): a mapped " 10306 " is read, "abc"
 * is refused with a message naming the field.
 */

const CAMPAIGN_LABEL = 'Campaign';
const DEEP_LINK_LABEL = 'Deep Link';
const MEDIA_PROPERTY_LABEL = 'Media Property ID';

export const impactCampaignField = {
  key: 'campaignId',
  label: CAMPAIGN_LABEL,
  type: 'string',
  required: true,
  dynamic: 'impact_campaign_list.id.name',
  helpText:
    'An Impact campaign (brand program) you have an active contract with. Pick one, or map its ' +
    'numeric ID.',
} as const satisfies PlainInputField;

export const impactDeepLinkField = {
  key: 'deepLink',
  label: DEEP_LINK_LABEL,
  type: 'string',
  required: false,
  helpText:
    "Optional page on the brand's site the link should land on, starting with http:// or https://. " +
    "It must be on one of the campaign's deep-link domains. Leave empty for the campaign's own " +
    'tracking link (its default landing page).',
} as const satisfies PlainInputField;

const PARAMETER_LABELS: Record<ImpactLinkParameter, string> = {
  subId1: 'Sub ID 1',
  subId2: 'Sub ID 2',
  subId3: 'Sub ID 3',
  sharedId: 'Shared ID',
};

const PARAMETER_MAX: Record<ImpactLinkParameter, number> = {
  subId1: IMPACT_SUB_ID_MAX,
  subId2: IMPACT_SUB_ID_MAX,
  subId3: IMPACT_SUB_ID_MAX,
  sharedId: IMPACT_SHARED_ID_MAX,
};

/** subId1…subId3 and sharedId, as Impact names them. */
export const impactParameterFields = IMPACT_LINK_PARAMETERS.map((key): PlainInputField => ({
  key,
  label: PARAMETER_LABELS[key],
  type: 'string',
  required: false,
  helpText:
    key === 'sharedId'
      ? `Optional value (up to ${IMPACT_SHARED_ID_MAX} characters) Impact shares with the brand, ` +
        'e.g. the placement or audience the link is for.'
      : `Optional value of your own (up to ${IMPACT_SUB_ID_MAX} characters), e.g. a row or deal ID; ` +
        'Impact reports it with each click and action (conversion).',
}));

export const impactMediaPropertyField = {
  key: 'mediaPropertyId',
  label: MEDIA_PROPERTY_LABEL,
  type: 'string',
  required: false,
  helpText:
    'Optional: the numeric ID of your website, app or social profile in Impact (Assets → ' +
    'Properties), so Impact credits clicks to it.',
} as const satisfies PlainInputField;

/** Reads subId1…subId3 and sharedId; only filled values are returned. */
function readImpactParameters(
  z: ZObject,
  input: Record<string, unknown>,
  where = '',
): ImpactLinkRequest['parameters'] {
  const parameters: ImpactLinkRequest['parameters'] = {};
  for (const key of IMPACT_LINK_PARAMETERS) {
    const label = `${where}${PARAMETER_LABELS[key]}`;
    const value = optionalText(z, input[key], label, PARAMETER_MAX[key]);
    if (value !== undefined) parameters[key] = value;
  }
  return parameters;
}

export function readMediaPropertyId(z: ZObject, value: unknown): number | undefined {
  return optionalPositiveInt(z, value, MEDIA_PROPERTY_LABEL);
}

/**
 * Reads and checks one link request (campaign, deep link, sub IDs, shared ID). The media property,
 * the same for every link of a run, is read once by the caller.
 */
export function readImpactLinkRequest(
  z: ZObject,
  input: Record<string, unknown>,
  where = '',
  mediaPropertyId?: number,
): ImpactLinkRequest {
  const request: ImpactLinkRequest = {
    campaignId: requirePositiveInt(z, input.campaignId, `${where}${CAMPAIGN_LABEL}`),
    parameters: readImpactParameters(z, input, where),
  };
  const deepLink = optionalHttpUrl(z, input.deepLink, `${where}${DEEP_LINK_LABEL}`);
  if (deepLink !== undefined) request.deepLink = deepLink;
  if (mediaPropertyId !== undefined) request.mediaPropertyId = mediaPropertyId;
  return request;
}
