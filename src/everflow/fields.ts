import { type PlainInputField, type ZObject } from 'zapier-platform-core';
import {
  describeValue,
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
const everflowSubFields = EVERFLOW_SUB_KEYS.map((key): PlainInputField => ({
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
function readOfferUrlId(z: ZObject, value: unknown, label: string): number | undefined {
  if (isBlank(value) || value === 0 || (typeof value === 'string' && value.trim() === '0')) {
    return undefined;
  }
  return optionalPositiveInt(z, value, label);
}

function readLinkType(z: ZObject, value: unknown, label: string): PartnerLinkType {
  if (isBlank(value)) return 'click';
  const type = String(value).trim().toLowerCase();
  if (type === 'click' || type === 'impression') return type;
  throw invalidInput(
    z,
    `${label} must be click or impression, but it was ${describeValue(value)}.`,
  );
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

// --- tracking links & assets package -------------------------------------------------------------

/** `selected`: the offers chosen in the step; `all`: every offer in reach (see the help text). */
type EverflowAssetScope = 'selected' | 'all';

/** One "Generate Everflow Tracking Links & Assets" step, read and checked before any request. */
export interface EverflowAssetRequest {
  keyType: EverflowKeyType;
  /** Network key: the affiliate the package is for. */
  affiliateId?: number;
  scope: EverflowAssetScope;
  /** The chosen offers (scope `selected`), distinct, in the order given; empty with `all`. */
  offerIds: number[];
  /** Distinct, in the order given; click when none is given. */
  linkTypes: PartnerLinkType[];
  includeOfferUrls: boolean;
  redirectLinks: boolean;
  subs: EverflowSubs;
  includeCouponCodes: boolean;
  includeCreatives: boolean;
}

export const ASSET_OFFERS_LABEL = 'Offers';
const ASSET_SCOPE_LABEL = 'Bundle Type';
const ASSET_LINK_TYPES_LABEL = 'Link Types';

function assetScopeField(keyType: EverflowKeyType): PlainInputField {
  const all =
    keyType === 'affiliate'
      ? 'every offer you can run'
      : 'every active offer of the network: the ones the affiliate can run get links, the others ' +
        'are listed under skipped with the reason';
  return {
    key: 'scope',
    label: ASSET_SCOPE_LABEL,
    type: 'string',
    required: false,
    default: 'selected',
    choices: { selected: 'Chosen Offers', all: 'All Offers' },
    helpText: `Chosen Offers: the offers picked below. All Offers: ${all}.`,
  };
}

const assetOffersField = {
  key: 'network_offer_ids',
  label: ASSET_OFFERS_LABEL,
  type: 'string',
  list: true,
  required: false,
  dynamic: 'everflow_offer_list.id.name',
  helpText:
    'The offers of the package when Bundle Type is Chosen Offers: pick them, or map offer IDs (a ' +
    'list, or one cell such as "1, 2, 6"). Ignored with All Offers.',
} as const satisfies PlainInputField;

const assetLinkTypesField = {
  key: 'link_types',
  label: ASSET_LINK_TYPES_LABEL,
  type: 'string',
  list: true,
  required: false,
  default: 'click',
  choices: { click: 'Click', impression: 'Impression' },
  helpText:
    'Click links go in ads and posts; impression links count views (only offers with impression ' +
    'tracking have them). Empty means Click.',
} as const satisfies PlainInputField;

const assetOfferUrlsField = {
  key: 'include_offer_urls',
  label: 'Include Additional Offer URLs',
  type: 'boolean',
  required: false,
  helpText:
    "Also make a link for every additional landing page (offer URL) of each offer, besides the offer's " +
    'default page.',
} as const satisfies PlainInputField;

const assetRedirectField = {
  key: 'is_redirect_link',
  label: 'Force Redirect Links',
  type: 'boolean',
  required: false,
  helpText:
    'On offers that use direct linking, return redirect links through the tracking domain instead ' +
    'of direct links to the advertiser. Other offers always get redirect links.',
} as const satisfies PlainInputField;

const assetCouponCodesField = {
  key: 'include_coupon_codes',
  label: 'Include Coupon Codes',
  type: 'boolean',
  required: false,
  helpText:
    "Add the active coupon codes of the offers (with a network key: the affiliate's codes), each " +
    'with its tracking link.',
} as const satisfies PlainInputField;

const assetCreativesField = {
  key: 'include_creatives',
  label: 'Include Creatives',
  type: 'boolean',
  required: false,
  helpText:
    'Add the active creatives of the offers (banners, HTML, email, text…) with their file address, ' +
    'HTML code and a click link for each.',
} as const satisfies PlainInputField;

/** The package's fields for a key type, in form order (a network key adds the affiliate). */
export function everflowAssetFields(keyType: EverflowKeyType): PlainInputField[] {
  const common = [
    assetScopeField(keyType),
    assetOffersField,
    assetLinkTypesField,
    assetOfferUrlsField,
    assetRedirectField,
    ...everflowSubFields,
    assetCouponCodesField,
    assetCreativesField,
  ];
  if (keyType === 'affiliate') return common;
  return [
    { ...affiliateField, helpText: 'The partner (affiliate) the links and assets are for.' },
    ...common,
  ];
}

/** Everything that separates ids in one spreadsheet cell: commas, semicolons, any white space. */
function idTokens(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(idTokens);
  if (typeof value === 'string') return value.split(/[\s,;]+/).filter((token) => token !== '');
  return isBlank(value) ? [] : [value];
}

/** Distinct positive ids from a list or one cell, first-seen order kept. */
function readOfferIdList(z: ZObject, value: unknown, label: string): number[] {
  const ids = new Set<number>();
  for (const token of idTokens(value)) {
    const id = parsePositiveInt(token);
    if (id === undefined) {
      throw invalidInput(
        z,
        `${label} must be offer IDs (positive whole numbers such as 12), but ${describeValue(token)} ` +
          'is not one. Choose offers from the list, or map numbers separated by commas.',
      );
    }
    ids.add(id);
  }
  return [...ids];
}

function readAssetScope(z: ZObject, value: unknown): EverflowAssetScope {
  if (isBlank(value)) return 'selected';
  const scope = String(value).trim().toLowerCase();
  if (scope === 'selected' || scope === 'all') return scope;
  throw invalidInput(
    z,
    `${ASSET_SCOPE_LABEL} must be "selected" (Chosen Offers) or "all" (All Offers), but it was ` +
      `${describeValue(value)}.`,
  );
}

/** Click and/or impression, distinct, in the order given; click when empty. */
function readLinkTypes(z: ZObject, value: unknown): PartnerLinkType[] {
  const types = new Set<PartnerLinkType>();
  for (const token of idTokens(value)) types.add(readLinkType(z, token, ASSET_LINK_TYPES_LABEL));
  return types.size === 0 ? ['click'] : [...types];
}

/** Reads and checks the package's input for the connection's key type, before any request. */
export function readEverflowAssetRequest(
  z: ZObject,
  input: Record<string, unknown>,
  keyType: EverflowKeyType,
): EverflowAssetRequest {
  if (keyType === 'affiliate' && !isBlank(input.network_affiliate_id)) {
    throw invalidInput(
      z,
      needsKeyTypeMessage(`${affiliateField.label} needs`, 'network', 'Clear that field, or'),
    );
  }
  const affiliateId =
    keyType === 'network'
      ? requirePositiveInt(z, input.network_affiliate_id, affiliateField.label)
      : undefined;
  const scope = readAssetScope(z, input.scope);
  const offerIds =
    scope === 'selected' ? readOfferIdList(z, input.network_offer_ids, ASSET_OFFERS_LABEL) : [];
  if (scope === 'selected' && offerIds.length === 0) {
    throw invalidInput(
      z,
      `${ASSET_OFFERS_LABEL} is empty. Choose at least one offer, or set ${ASSET_SCOPE_LABEL} to ` +
        'All Offers.',
    );
  }
  return {
    keyType,
    ...(affiliateId === undefined ? {} : { affiliateId }),
    scope,
    offerIds,
    linkTypes: readLinkTypes(z, input.link_types),
    includeOfferUrls: parseBoolean(input.include_offer_urls),
    redirectLinks: parseBoolean(input.is_redirect_link),
    subs: readEverflowSubs(z, input),
    includeCouponCodes: parseBoolean(input.include_coupon_codes),
    includeCreatives: parseBoolean(input.include_creatives),
  };
}
