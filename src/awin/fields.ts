import { type PlainInputField, type ZObject } from 'zapier-platform-core';

import {
  describeValue,
  invalidInput,
  isBlank,
  optionalHttpUrl,
  optionalPositiveInt,
  optionalText,
  parseBoolean,
  requirePositiveInt,
} from '../core/input';

import { AWIN_CLICKREF_MAX } from './client';

import {
  AWIN_CLICK_PARAMETERS,
  AWIN_RELATIONSHIPS,
  type AwinLinkRequest,
  type AwinParameters,
  type AwinRelationship,
  AWIN_PROMOTION_STATUSES,
  AWIN_PROMOTION_TYPES,
  type AwinPromotionFilters,
  type AwinPromotionMembership,
  type AwinPromotionStatus,
  type AwinPromotionType,
} from './schemas';

/**
 * Input fields used by more than one action, defined once.
 *
 * Id fields are typed 'string', not 'integer': Zapier coerces integer fields loosely before the
 * action sees them ("1.5" becomes 1, "abc" becomes 0), which would pick the wrong record silently.
 * As text, a mapped value reaches core/input's `requirePositiveInt`, which accepts " 1111 " and
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
    "The page on the advertiser's site the link should land on, starting with http:// or https://. " +
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
function readAwinParameters(
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
    `Relationship must be one of ${AWIN_RELATIONSHIPS.join(', ')}, but it was ${describeValue(value)}.`,
  );
}

// --- promotions and vouchers ---------------------------------------------------------------------

export const awinPromotionTypeField = {
  key: 'type',
  label: 'Type',
  type: 'string',
  required: false,
  default: 'all',
  choices: {
    all: 'Promotions and vouchers',
    promotion: 'Promotions only (no code)',
    voucher: 'Vouchers only (with a code)',
  } satisfies Record<AwinPromotionType, string>,
  helpText: 'A voucher has a code shoppers type at checkout; a promotion is an offer without one.',
} as const satisfies PlainInputField;

export const awinPromotionStatusField = {
  key: 'status',
  label: 'Status',
  type: 'string',
  required: false,
  default: 'active',
  choices: {
    active: 'Active now',
    expiringSoon: 'Expiring soon (ends within 7 days)',
    upcoming: 'Upcoming (starts later)',
  } satisfies Record<AwinPromotionStatus, string>,
  helpText: 'Awin keeps no expired offers, so there is no choice for them.',
} as const satisfies PlainInputField;

export const awinPromotionQueryField = {
  key: 'query',
  label: 'Search Words',
  type: 'string',
  required: false,
  helpText:
    'Words to look for in the title, description or voucher code, e.g. "boots" or "BOOTS15". ' +
    'Every word must appear; the best matches come first. Leave empty for the newest offers.',
} as const satisfies PlainInputField;

export const awinPromotionAdvertiserField = {
  key: 'advertiserId',
  label: 'Advertiser',
  type: 'string',
  required: false,
  dynamic: 'awin_advertiser_list.id.name',
  helpText: "Only this advertiser's offers. Leave empty to look through every advertiser's.",
} as const satisfies PlainInputField;

export const awinPromotionAdvertisersField = {
  key: 'advertiserIds',
  label: 'Advertisers',
  type: 'string',
  list: true,
  required: false,
  dynamic: 'awin_advertiser_list.id.name',
  helpText: "Only these advertisers' offers. Leave empty for every advertiser.",
} as const satisfies PlainInputField;

export const awinPromotionMembershipField = {
  key: 'membership',
  label: 'Membership',
  type: 'string',
  required: false,
  default: 'joined',
  choices: {
    joined: 'Advertisers I have joined',
    all: 'All advertisers, joined or not',
  } satisfies Partial<Record<AwinPromotionMembership, string>>,
  helpText: 'Offers of advertisers you have not joined earn nothing until you join them.',
} as const satisfies PlainInputField;

export const awinPromotionRegionsField = {
  key: 'region_codes',
  label: 'Regions',
  type: 'string',
  list: true,
  required: false,
  helpText:
    'Two-letter country codes such as GB or DE: only offers valid in at least one of them. ' +
    'Leave empty for every region.',
} as const satisfies PlainInputField;

export const awinPromotionExclusiveField = {
  key: 'exclusive_only',
  label: 'Exclusive Offers Only',
  type: 'boolean',
  required: false,
  default: 'false',
  helpText: 'Yes: only offers Awin marks as exclusive to your publisher account.',
} as const satisfies PlainInputField;

export const awinPromotionClickrefField = {
  key: 'clickref',
  label: 'Click Reference',
  type: 'string',
  required: false,
  helpText:
    `Optional value of your own (up to ${AWIN_CLICKREF_MAX} characters) added to every tracking ` +
    'link as Awin\'s clickref, e.g. "slack" or "newsletter", so Awin reports which channel sold.',
} as const satisfies PlainInputField;

/** Compares choice values the way people type them: no case, spaces, dashes or underscores. */
const squash = (value: string) => value.toLowerCase().replace(/[\s_-]/g, '');

function readChoice<T extends string>(
  z: ZObject,
  value: unknown,
  label: string,
  choices: readonly T[],
  fallback: T,
): T {
  if (isBlank(value)) return fallback;
  const found = choices.find((choice) => squash(choice) === squash(String(value)));
  if (found !== undefined) return found;
  throw invalidInput(
    z,
    `${label} must be one of ${choices.join(', ')}, but it was ${describeValue(value)}.`,
  );
}

/** A list input: a list, or one text with values separated by commas, semicolons or spaces. */
function listValues(value: unknown): unknown[] {
  const values = Array.isArray(value) ? value : isBlank(value) ? [] : [value];
  return values
    .flatMap((item) => (typeof item === 'string' ? item.split(/[\s,;]+/) : [item]))
    .filter((item) => !isBlank(item));
}

function readAdvertiserIds(z: ZObject, value: unknown, label: string): number[] {
  const ids = listValues(value).map((item) => requirePositiveInt(z, item, label));
  return [...new Set(ids)];
}

function readRegionCodes(z: ZObject, value: unknown): string[] {
  const codes = listValues(value).map((item) => {
    const code = String(item).trim();
    if (!/^[A-Za-z]{2}$/.test(code)) {
      throw invalidInput(
        z,
        `Regions must be two-letter country codes such as GB or DE, but one was ${describeValue(item)}.`,
      );
    }
    return code.toUpperCase();
  });
  return [...new Set(codes)];
}

function readClickref(z: ZObject, value: unknown): string | undefined {
  return optionalText(z, value, 'Click Reference', AWIN_CLICKREF_MAX);
}

/** What Find Awin Promotion or Voucher sends to Awin, and what it does itself. */
export function readPromotionSearch(
  z: ZObject,
  input: Record<string, unknown>,
): { filters: AwinPromotionFilters; query?: string; clickref?: string } {
  const filters: AwinPromotionFilters = {
    type: readChoice(z, input.type, 'Type', AWIN_PROMOTION_TYPES, 'all'),
    status: readChoice(z, input.status, 'Status', AWIN_PROMOTION_STATUSES, 'active'),
  };
  const advertiserId = optionalPositiveInt(z, input.advertiserId, 'Advertiser');
  if (advertiserId !== undefined) filters.advertiserIds = [advertiserId];
  return {
    filters,
    query: optionalText(z, input.query, 'Search Words', 200),
    clickref: readClickref(z, input.clickref),
  };
}

/** What New Awin Promotion or Voucher sends to Awin (the trigger adds `updatedSince`). */
export function readPromotionTrigger(
  z: ZObject,
  input: Record<string, unknown>,
): { filters: AwinPromotionFilters; clickref?: string } {
  const filters: AwinPromotionFilters = {
    type: readChoice(z, input.type, 'Type', AWIN_PROMOTION_TYPES, 'all'),
    membership: readChoice(z, input.membership, 'Membership', ['joined', 'all'] as const, 'joined'),
  };
  const advertiserIds = readAdvertiserIds(z, input.advertiserIds, 'Advertisers');
  if (advertiserIds.length > 0) filters.advertiserIds = advertiserIds;
  const regionCodes = readRegionCodes(z, input.region_codes);
  if (regionCodes.length > 0) filters.regionCodes = regionCodes;
  if (parseBoolean(input.exclusive_only)) filters.exclusiveOnly = true;
  return { filters, clickref: readClickref(z, input.clickref) };
}
