import { z as zod } from 'zod';

import {
  answerList,
  keepParsed,
  lenientList,
  nullableText,
  numberLike,
  webLink,
} from '../core/schemas';

// Every schema here is built on first use (zod.lazy), not when the app loads: a Zap run's cold start
// builds none of them, and a run builds only the ones it parses with.

export const accountsSchema = zod.lazy(() =>
  zod.object({
    userId: numberLike.optional(),
    accounts: answerList(
      zod.object({
        accountId: numberLike,
        accountName: zod.string(),
        accountType: zod.string(),
        userRole: zod.string().optional(),
      }),
    ),
  }),
);

export type AwinAccount = zod.infer<typeof accountsSchema>['accounts'][number];

const programmeSchema = zod.lazy(() =>
  zod.object({
    id: numberLike,
    name: zod.string(),
    displayUrl: nullableText,
    clickThroughUrl: nullableText,
    logoUrl: nullableText,
    linkStatus: nullableText,
    status: nullableText,
    primarySector: nullableText,
    currencyCode: nullableText,
    primaryRegion: zod
      .object({ name: zod.string().nullish(), countryCode: zod.string().nullish() })
      .nullish()
      .transform((region) => ({
        name: region?.name ?? null,
        countryCode: region?.countryCode ?? null,
      })),
    validDomains: lenientList(zod.object({ domain: zod.string() })),
  }),
);

/** The programmes list: one odd programme is skipped, never the whole list. */
export const programmesSchema = zod.lazy(() => answerList(programmeSchema));

export type AwinProgramme = zod.infer<typeof programmeSchema>;

export const generateSchema = zod.lazy(() =>
  zod.object({ url: webLink, shortUrl: webLink.optional() }),
);

/** The request Awin echoes with a generate-batch item: what identifies the item. */
export const echoSchema = zod.lazy(() =>
  zod.object({
    advertiserId: numberLike,
    destinationUrl: zod.string().nullish(),
    parameters: zod.record(zod.string(), zod.unknown()).nullish(),
  }),
);

/** One generate-batch item; a malformed one is kept as `unknown` so it fails only its own row. */
export const batchItemSchema = zod.lazy(() =>
  zod.object({
    status: numberLike,
    body: zod.unknown(),
    request: zod.unknown().optional(),
  }),
);

export const batchSchema = zod.lazy(() => zod.object({ responses: zod.array(zod.unknown()) }));

const quotaFields = zod.lazy(() =>
  zod.object({
    publisherId: numberLike.optional(),
    limit: numberLike.nullish(),
    usage: numberLike.nullish(),
  }),
);

// The wiki wraps the fields in `shorten`; help.awin.com shows them bare. Accept both, nothing else.
export const quotaSchema = zod.lazy(() =>
  zod.preprocess(
    (value) =>
      typeof value === 'object' && value !== null && 'shorten' in value
        ? (value as { shorten: unknown }).shorten
        : value,
    quotaFields,
  ),
);

export type AwinQuota = zod.infer<typeof quotaFields>;

export const AWIN_RELATIONSHIPS = [
  'joined',
  'pending',
  'suspended',
  'rejected',
  'notjoined',
] as const;

export type AwinRelationship = (typeof AWIN_RELATIONSHIPS)[number];

export const AWIN_CLICK_PARAMETERS = [
  'campaign',
  'clickref',
  'clickref2',
  'clickref3',
  'clickref4',
  'clickref5',
  'clickref6',
] as const;

export type AwinParameters = Partial<Record<(typeof AWIN_CLICK_PARAMETERS)[number], string>>;

export interface AwinLinkRequest {
  advertiserId: number;
  destinationUrl?: string;
  parameters?: AwinParameters;
}

/** One generate-batch item: either a link or the reason Awin refused it. */
export type AwinBatchOutcome =
  { url: string; error?: undefined } | { url?: undefined; error: string };

export type BatchItem = zod.infer<typeof batchItemSchema>;

// --- promotions and vouchers: POST /publisher/{publisherId}/promotions ----------------------------

export const AWIN_PROMOTION_TYPES = ['all', 'promotion', 'voucher'] as const;
export type AwinPromotionType = (typeof AWIN_PROMOTION_TYPES)[number];

export const AWIN_PROMOTION_STATUSES = ['active', 'expiringSoon', 'upcoming'] as const;
export type AwinPromotionStatus = (typeof AWIN_PROMOTION_STATUSES)[number];

/** Awin's own spelling (camel case), unlike the programmes API's `notjoined`. */
export type AwinPromotionMembership = 'all' | 'joined' | 'notJoined';

/** The `filters` of a promotions request, named as Awin names them; absent = Awin's default. */
export interface AwinPromotionFilters {
  advertiserIds?: number[];
  exclusiveOnly?: boolean;
  membership?: AwinPromotionMembership;
  regionCodes?: string[];
  status?: AwinPromotionStatus;
  type?: AwinPromotionType;
  /** `YYYY-MM-DD`: created or changed since that day. */
  updatedSince?: string;
}

/** A flag Awin may send as a boolean or as the text "true"/"false"; anything else reads as null. */
const flag = zod.lazy(() =>
  zod
    .unknown()
    .optional()
    .transform((value) =>
      value === true || value === 'true'
        ? true
        : value === false || value === 'false'
          ? false
          : null,
    ),
);

/**
 * One promotion or voucher. Only `promotionId` and the advertiser's id are required: an item
 * without them cannot be linked or deduplicated, so it is skipped (and logged) by the client.
 */
export const promotionSchema = zod.lazy(() =>
  zod.object({
    promotionId: numberLike,
    type: zod
      .string()
      .nullish()
      .transform((value) => value?.trim().toLowerCase() || null),
    advertiser: zod.object({ id: numberLike, name: nullableText, joined: flag }),
    title: nullableText,
    description: nullableText,
    terms: nullableText,
    startDate: nullableText,
    endDate: nullableText,
    url: nullableText,
    urlTracking: nullableText,
    dateAdded: nullableText,
    regions: zod
      .object({
        all: flag,
        list: zod
          .array(zod.object({ name: nullableText, countryCode: nullableText }))
          .nullish()
          .transform((list) => list ?? []),
      })
      .nullish()
      .transform((regions) => regions ?? null),
    voucher: zod
      .object({ code: nullableText, exclusive: flag, attributable: flag })
      .nullish()
      .transform((voucher) => voucher ?? null),
  }),
);

export type AwinPromotion = zod.infer<typeof promotionSchema>;

/**
 * One page of promotions: `{data: [...], pagination: {page, pageSize, total}}` (third-party
 * evidence, see the shared api/awin.md). A bare list is read as a page without pagination. The
 * items are checked one by one by the client (core's `keepParsed`), so one odd item never fails the page;
 * unreadable pagination counts as absent.
 */
export const promotionsPageSchema = zod.lazy(() =>
  zod.preprocess(
    (value) => (Array.isArray(value) ? { data: value } : value),
    zod.object({
      data: zod
        .array(zod.unknown())
        .nullish()
        .transform((data) => data ?? []),
      pagination: zod
        .object({
          page: numberLike.nullish().catch(null),
          pageSize: numberLike.nullish().catch(null),
          total: numberLike.nullish().catch(null),
        })
        .nullish()
        .catch(null)
        .transform((pagination) => pagination ?? null),
    }),
  ),
);

type AwinPromotionsAnswer = zod.infer<typeof promotionsPageSchema>;

/** One page as the client hands it on: the readable items, and how many Awin sent in all. */
export interface AwinPromotionsPage {
  promotions: AwinPromotion[];
  /** Items in Awin's answer, readable or not: what paging decisions count. */
  received: number;
  pagination: AwinPromotionsAnswer['pagination'];
}

// --- programme details: GET /publishers/{publisherId}/programmedetails ---------------------------

/** One kind of commission: `percentage`, or `amount` in the programme's currency. */
const commissionRangeSchema = zod.lazy(() =>
  zod.object({
    min: numberLike.nullish().transform((value) => value ?? null),
    max: numberLike.nullish().transform((value) => value ?? null),
    type: zod.string(),
  }),
);

export type AwinCommissionRange = zod.infer<typeof commissionRangeSchema>;

export const programmeDetailsSchema = zod.lazy(() =>
  zod.object({
    programmeInfo: zod.object({
      id: numberLike,
      name: nullableText,
      currencyCode: nullableText,
      // A boolean per help.awin.com; the wiki's example shows the text "true".
      deeplinkEnabled: flag,
      membershipStatus: nullableText,
    }),
    // An odd entry is dropped rather than failing the details: the commission is then partly known.
    commissionRange: zod
      .array(zod.unknown())
      .nullish()
      .transform((ranges) => keepParsed(commissionRangeSchema, ranges).items),
  }),
);

export type AwinProgrammeDetails = zod.infer<typeof programmeDetailsSchema>;

/** `relationship` of programme details: the programmes API's values, plus `any`. */
export type AwinDetailsRelationship = AwinRelationship | 'any';

/**
 * Transactions (`GET /publishers/{id}/transactions/`): one list for the whole window, no paging.
 * Each record is read on its own (awin/conversions.ts), so one odd record never fails the answer.
 */
export const transactionsSchema = zod.lazy(() => zod.array(zod.unknown()));
