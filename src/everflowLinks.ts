import type { PlainInputField, ZObject } from 'zapier-platform-core';
import {
  type EverflowClient,
  type EverflowKeyType,
  type EverflowSubs,
  EVERFLOW_SUB_KEYS,
  needsKeyTypeMessage,
  type NetworkClickRequest,
  type PartnerLinkType,
} from './everflow';
import { everflowSubFields, readEverflowSubs } from './fields';
import {
  invalidInput,
  isBlank,
  optionalPositiveInt,
  parseBoolean,
  parsePositiveInt,
  requirePositiveInt,
} from './validate';

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

// --- making the link -----------------------------------------------------------------------------

/**
 * Adds query parameters to a link: existing parameters are kept exactly as they are, except those
 * with the same name as a new one, which the new value replaces. Values are URL-encoded.
 */
export function withQueryParameters(link: string, parameters: [string, string][]): string {
  if (parameters.length === 0) return link;
  const hashAt = link.indexOf('#');
  const hash = hashAt >= 0 ? link.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? link.slice(0, hashAt) : link;
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  const replaced = new Set(parameters.map(([name]) => name));
  const kept = query.split('&').filter((pair) => pair !== '' && !replaced.has(pairName(pair)));
  const added = new URLSearchParams(parameters).toString();
  return `${base}?${[...kept, added].join('&')}${hash}`;
}

function pairName(pair: string): string {
  const raw = pair.split('=')[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** source_id and sub1…sub5 in Everflow's order, only the filled ones. */
export function subParameters(subs: EverflowSubs): [string, string][] {
  return EVERFLOW_SUB_KEYS.flatMap((key) => {
    const value = subs[key];
    return value === undefined ? [] : [[key, value] as [string, string]];
  });
}

export interface EverflowLink {
  url: string;
  link_type: PartnerLinkType;
  network_offer_id: number;
  network_affiliate_id: number | null;
}

/**
 * Partner base links of one run: each distinct (offer, offer URL, link type) is asked of Everflow
 * once, and the subs are added locally. Items asking at the same time share one request.
 */
export class PartnerBaseLinks {
  private readonly links = new Map<string, Promise<string>>();

  constructor(private readonly everflow: EverflowClient) {}

  get(offerId: number, urlId: number, linkType: PartnerLinkType): Promise<string> {
    const key = `${offerId}/${urlId}/${linkType}`;
    let link = this.links.get(key);
    if (link === undefined) {
      link = this.everflow.partnerLink(offerId, urlId, linkType);
      this.links.set(key, link);
    }
    return link;
  }

  get size(): number {
    return this.links.size;
  }
}

/** Makes one link: a network click request, or a partner base link plus the subs. */
export async function makeEverflowLink(
  everflow: EverflowClient,
  request: EverflowLinkRequest,
  partnerLinks: PartnerBaseLinks = new PartnerBaseLinks(everflow),
): Promise<EverflowLink> {
  if (request.keyType === 'network') {
    const url = await everflow.networkLink(request.body);
    return {
      url,
      link_type: 'click',
      network_offer_id: request.body.network_offer_id,
      network_affiliate_id: request.body.network_affiliate_id,
    };
  }
  const base = await partnerLinks.get(request.offerId, request.urlId, request.linkType);
  return {
    url: withQueryParameters(base, subParameters(request.subs)),
    link_type: request.linkType,
    network_offer_id: request.offerId,
    network_affiliate_id: null,
  };
}
