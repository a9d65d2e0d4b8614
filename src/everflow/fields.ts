import { type PlainInputField, type ZObject } from 'zapier-platform-core';
import {
  invalidInput,
  isBlank,
  optionalPositiveInt,
  optionalText,
  parseBoolean,
  parsePositiveInt,
  requirePositiveInt,
} from '../core/input';
import { needsKeyTypeMessage } from './errors';

import { type EverflowKeyType } from './keyType';

import {
  EVERFLOW_SUB_KEYS,
  EVERFLOW_SUB_MAX,
  type EverflowSubKey,
  type EverflowSubs,
  type NetworkClickRequest,
  type PartnerLinkType,
} from './schemas';

// --- Everflow ------------------------------------------------------------------------------------

const EVERFLOW_SUB_LABELS: Record<EverflowSubKey, string> = {
  source_id: 'Source ID',
  sub1: 'Sub 1',
  sub2: 'Sub 2',
  sub3: 'Sub 3',
  sub4: 'Sub 4',
  sub5: 'Sub 5',
};

/** source_id and sub1…sub5, as Everflow names them; the same for network and partner links. */
export const everflowSubFields = EVERFLOW_SUB_KEYS.map((key): PlainInputField => ({
  key,
  label: EVERFLOW_SUB_LABELS[key],
  type: 'string',
  required: false,
  helpText:
    key === 'source_id'
      ? `Optional name of the traffic source (up to ${EVERFLOW_SUB_MAX} characters), added to the link ` +
        'and shown in Everflow reports.'
      : `Optional value of your own (up to ${EVERFLOW_SUB_MAX} characters) added to the link, e.g. a ` +
        'row or deal ID; Everflow reports it with each click and conversion.',
}));

/** Reads source_id and sub1…sub5 from input data; only filled values are returned. */
export function readEverflowSubs(
  z: ZObject,
  input: Record<string, unknown>,
  where = '',
): EverflowSubs {
  const subs: EverflowSubs = {};
  for (const key of EVERFLOW_SUB_KEYS) {
    const value = optionalText(
      z,
      input[key],
      `${where}${EVERFLOW_SUB_LABELS[key]}`,
      EVERFLOW_SUB_MAX,
    );
    if (value !== undefined) subs[key] = value;
  }
  return subs;
}

/**
 * One Everflow tracking link, for the single and the bulk action: its input fields (which depend
 * on the connection's key type), reading and checking them, and making the link.
 */

// --- input fields --------------------------------------------------------------------------------

export const everflowOfferField = {
  key: 'network_offer_id',
  label: 'Offer',
  type: 'string',
  required: true,
  dynamic: 'everflow_offer_list.id.name',
  search: 'everflow_offer.id',
  helpText:
    'The Everflow offer to link to. Pick one, map its numeric ID, or use Find Everflow Offer to ' +
    'look it up by name.',
} as const satisfies PlainInputField;

const affiliateField = {
  key: 'network_affiliate_id',
  label: 'Affiliate',
  type: 'string',
  required: true,
  dynamic: 'everflow_affiliate_list.id.name',
  helpText: 'The partner (affiliate) the link is for. They must be allowed to run the offer.',
} as const satisfies PlainInputField;

const trackingDomainField = {
  key: 'network_tracking_domain_id',
  label: 'Tracking Domain',
  type: 'string',
  required: false,
  dynamic: 'everflow_tracking_domain_list.id.name',
  helpText: "Leave empty for the network's default tracking domain.",
} as const satisfies PlainInputField;

const offerUrlField = {
  key: 'network_offer_url_id',
  label: 'Offer URL',
  type: 'string',
  required: false,
  dynamic: 'everflow_offer_url_list.id.name',
  helpText:
    "Another landing page of the offer. Leave empty (or choose Default offer URL) for the offer's " +
    'default landing page.',
} as const satisfies PlainInputField;

const creativeField = {
  key: 'creative_id',
  label: 'Creative',
  type: 'string',
  required: false,
  dynamic: 'everflow_creative_list.id.name',
  helpText: 'Optional creative of the offer to report clicks against.',
} as const satisfies PlainInputField;

const trafficSourceField = {
  key: 'network_traffic_source_id',
  label: 'Traffic Source ID',
  type: 'string',
  required: false,
  helpText:
    'Optional Everflow traffic source. Everflow ignores it when the affiliate has a default ' +
    'traffic source.',
} as const satisfies PlainInputField;

const encryptField = {
  key: 'is_encrypt_parameters',
  label: 'Encrypt Parameters',
  type: 'boolean',
  required: false,
  helpText: 'Fold all query parameters of the link into one encrypted parameter.',
} as const satisfies PlainInputField;

const redirectField = {
  key: 'is_redirect_link',
  label: 'Force Redirect Link',
  type: 'boolean',
  required: false,
  helpText:
    'Only for direct-linking offers: return a redirect link through the tracking domain instead.',
} as const satisfies PlainInputField;

const linkTypeField = {
  key: 'link_type',
  label: 'Link Type',
  type: 'string',
  required: false,
  default: 'click',
  choices: { click: 'Click', impression: 'Impression' },
  helpText: 'Click links go in ads and posts; impression links count views (e.g. in an image tag).',
} as const satisfies PlainInputField;

/** The per-link fields a key type can use, in form order. */
export function everflowLinkFields(keyType: EverflowKeyType): PlainInputField[] {
  if (keyType === 'affiliate') {
    return [everflowOfferField, offerUrlField, ...everflowSubFields, linkTypeField];
  }
  return [
    everflowOfferField,
    affiliateField,
    trackingDomainField,
    offerUrlField,
    creativeField,
    trafficSourceField,
    ...everflowSubFields,
    encryptField,
    redirectField,
  ];
}

// --- reading one link request --------------------------------------------------------------------

export type EverflowLinkRequest =
  | { keyType: 'network'; body: NetworkClickRequest }
  | {
      keyType: 'affiliate';
      offerId: number;
      urlId: number;
      linkType: PartnerLinkType;
      subs: EverflowSubs;
    };

/** Fields only a network key can use, for the message when a partner key fills them. */
const NETWORK_ONLY_FIELDS = [
  affiliateField,
  trackingDomainField,
  creativeField,
  trafficSourceField,
] as const;

const NETWORK_ONLY_FLAGS = [encryptField, redirectField] as const;

/** Offer URL: blank or 0 mean the offer's default URL (undefined); else a positive whole number. */
export function readOfferUrlId(z: ZObject, value: unknown, label: string): number | undefined {
  if (isBlank(value) || value === 0 || (typeof value === 'string' && value.trim() === '0')) {
    return undefined;
  }
  return optionalPositiveInt(z, value, label);
}

export function readLinkType(z: ZObject, value: unknown, label: string): PartnerLinkType {
  if (isBlank(value)) return 'click';
  const type = String(value).trim().toLowerCase();
  if (type === 'click' || type === 'impression') return type;
  throw invalidInput(z, `${label} must be click or impression, but it was "${String(value)}".`);
}

function joinLabels(labels: string[]): string {
  return labels.length === 1
    ? labels[0]
    : `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function refuseNetworkOnlyFields(z: ZObject, input: Record<string, unknown>, where: string): void {
  const filled = [
    ...NETWORK_ONLY_FIELDS.filter((field) => !isBlank(input[field.key])),
    ...NETWORK_ONLY_FLAGS.filter((field) => parseBoolean(input[field.key])),
  ].map((field) => field.label);
  if (filled.length === 0) return;
  const one = filled.length === 1;
  const what = `${joinLabels(filled)} ${one ? 'needs' : 'need'}`;
  const fix = one ? 'Clear that field, or' : 'Clear these fields, or';
  throw invalidInput(z, where + needsKeyTypeMessage(what, 'network', fix));
}

function readPartnerRequest(
  z: ZObject,
  input: Record<string, unknown>,
  where: string,
): EverflowLinkRequest {
  refuseNetworkOnlyFields(z, input, where);
  return {
    keyType: 'affiliate',
    offerId: requirePositiveInt(z, input.network_offer_id, `${where}Offer`),
    urlId: readOfferUrlId(z, input.network_offer_url_id, `${where}Offer URL`) ?? 0,
    linkType: readLinkType(z, input.link_type, `${where}Link Type`),
    subs: readEverflowSubs(z, input, where),
  };
}

function readNetworkRequest(
  z: ZObject,
  input: Record<string, unknown>,
  where: string,
): EverflowLinkRequest {
  if (readLinkType(z, input.link_type, `${where}Link Type`) === 'impression') {
    throw invalidInput(
      z,
      where +
        needsKeyTypeMessage('Impression links need', 'affiliate', 'Set Link Type to Click, or'),
    );
  }
  const body: NetworkClickRequest = {
    network_offer_id: requirePositiveInt(z, input.network_offer_id, `${where}Offer`),
    network_affiliate_id: requirePositiveInt(z, input.network_affiliate_id, `${where}Affiliate`),
    ...definedOnly({
      network_tracking_domain_id: optionalPositiveInt(
        z,
        input.network_tracking_domain_id,
        `${where}Tracking Domain`,
      ),
      network_offer_url_id: readOfferUrlId(z, input.network_offer_url_id, `${where}Offer URL`),
      creative_id: optionalPositiveInt(z, input.creative_id, `${where}Creative`),
      network_traffic_source_id: optionalPositiveInt(
        z,
        input.network_traffic_source_id,
        `${where}Traffic Source ID`,
      ),
    }),
    ...readEverflowSubs(z, input, where),
    ...definedOnly({
      is_encrypt_parameters: optionalBoolean(input.is_encrypt_parameters),
      is_redirect_link: optionalBoolean(input.is_redirect_link),
    }),
  };
  return { keyType: 'network', body };
}

/** Drops the keys whose value is undefined, so only filled fields are sent. */
function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== undefined),
  ) as Partial<T>;
}

function optionalBoolean(value: unknown): boolean | undefined {
  return isBlank(value) ? undefined : parseBoolean(value);
}

/** Reads and checks one link's input for the connection's key type, before any request. */
export function readEverflowLinkRequest(
  z: ZObject,
  input: Record<string, unknown>,
  keyType: EverflowKeyType,
  where = '',
): EverflowLinkRequest {
  return keyType === 'affiliate'
    ? readPartnerRequest(z, input, where)
    : readNetworkRequest(z, input, where);
}

/** The offer id of an input item, for output even when the item is invalid. */
export function offerIdOf(input: Record<string, unknown>): number | null {
  return parsePositiveInt(input.network_offer_id) ?? null;
}
