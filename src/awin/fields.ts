import { type PlainInputField, type ZObject } from 'zapier-platform-core';
import {
  invalidInput,
  isBlank,
  optionalHttpUrl,
  optionalText,
  requirePositiveInt,
} from '../core/input';

import { AWIN_CLICKREF_MAX } from './client';

import {
  AWIN_CLICK_PARAMETERS,
  AWIN_RELATIONSHIPS,
  type AwinLinkRequest,
  type AwinParameters,
  type AwinRelationship,
} from './schemas';

/**
 * Input fields used by more than one action, defined once.
 *
 * Id fields are typed 'string', not 'integer': Zapier coerces integer fields loosely before the
 * action sees them ("1.5" becomes 1, "abc" becomes 0), which would pick the wrong record silently.
 * As text, a mapped value reaches the validation in src/validate.ts, which accepts " 1111 " and
 * refuses "abc" or 1.5 with a message naming the field.
 */

export const awinPublisherField = {
  key: 'publisherId',
  label: 'Publisher Account',
  type: 'string',
  required: false,
  dynamic: 'awin_publisher_account_list.id.name',
  helpText:
    'The Awin publisher account the link is for. Leave empty to use the default from your connection, ' +
    'or your only publisher account.',
} as const satisfies PlainInputField;

export const awinAdvertiserField = {
  key: 'advertiserId',
  label: 'Advertiser',
  type: 'string',
  required: true,
  dynamic: 'awin_advertiser_list.id.name',
  search: 'awin_advertiser.id',
  helpText:
    'A joined Awin advertiser (programme). Pick one, map its numeric ID, or use Find Awin Advertiser ' +
    'to look it up by name.',
} as const satisfies PlainInputField;

export const awinDestinationUrlField = {
  key: 'destinationUrl',
  label: 'Destination URL',
  type: 'string',
  required: false,
  helpText:
    "The page on the advertiser's site the link should land on, starting with https://. " +
    "Leave empty for the advertiser's default landing page.",
} as const satisfies PlainInputField;

export const awinRelationshipField = {
  key: 'relationship',
  label: 'Relationship',
  type: 'string',
  required: false,
  default: 'joined',
  choices: {
    joined: 'Joined',
    pending: 'Pending',
    suspended: 'Suspended',
    rejected: 'Rejected',
    notjoined: 'Not joined',
  } satisfies Record<(typeof AWIN_RELATIONSHIPS)[number], string>,
  helpText: 'Which of your programmes to look in. Most Zaps want Joined.',
} as const satisfies PlainInputField;

const CLICK_PARAMETER_LABELS: Record<(typeof AWIN_CLICK_PARAMETERS)[number], string> = {
  campaign: 'Campaign',
  clickref: 'Click Reference',
  clickref2: 'Click Reference 2',
  clickref3: 'Click Reference 3',
  clickref4: 'Click Reference 4',
  clickref5: 'Click Reference 5',
  clickref6: 'Click Reference 6',
};

const AWIN_CAMPAIGN_MAX = 100;

/** campaign and clickref…clickref6, as Awin names them. */
export const awinClickParameterFields = AWIN_CLICK_PARAMETERS.map((key): PlainInputField => ({
  key,
  label: CLICK_PARAMETER_LABELS[key],
  type: 'string',
  required: false,
  helpText:
    key === 'campaign'
      ? 'Optional campaign name Awin reports with each click and sale.'
      : `Optional value of your own (up to ${AWIN_CLICKREF_MAX} characters), reported back by Awin with ` +
        `each click and sale, e.g. a row or deal ID.`,
}));

/** Reads campaign and clickrefs from input data; only filled values are sent. */
export function readAwinParameters(
  z: ZObject,
  input: Record<string, unknown>,
  where = '',
): AwinParameters | undefined {
  const parameters: AwinParameters = {};
  for (const key of AWIN_CLICK_PARAMETERS) {
    const max = key === 'campaign' ? AWIN_CAMPAIGN_MAX : AWIN_CLICKREF_MAX;
    const value = optionalText(z, input[key], `${where}${CLICK_PARAMETER_LABELS[key]}`, max);
    if (value !== undefined) parameters[key] = value;
  }
  return Object.keys(parameters).length > 0 ? parameters : undefined;
}

/** Reads and checks one Awin link request (advertiser, destination, click parameters). */
export function readAwinLinkRequest(
  z: ZObject,
  input: Record<string, unknown>,
  where = '',
): AwinLinkRequest {
  const request: AwinLinkRequest = {
    advertiserId: requirePositiveInt(z, input.advertiserId, `${where}Advertiser`),
  };
  const destinationUrl = optionalHttpUrl(z, input.destinationUrl, `${where}Destination URL`);
  if (destinationUrl !== undefined) request.destinationUrl = destinationUrl;
  const parameters = readAwinParameters(z, input, where);
  if (parameters !== undefined) request.parameters = parameters;
  return request;
}

export function readRelationship(z: ZObject, value: unknown): AwinRelationship {
  if (isBlank(value)) return 'joined';
  const relationship = String(value)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if ((AWIN_RELATIONSHIPS as readonly string[]).includes(relationship)) {
    return relationship as AwinRelationship;
  }
  throw invalidInput(
    z,
    `Relationship must be one of ${AWIN_RELATIONSHIPS.join(', ')}, but it was "${String(value)}".`,
  );
}
