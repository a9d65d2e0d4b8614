import { z as zod } from 'zod';

import { keepParsed, nullableText, numberLike, webLink } from '../core/schemas';

// Every schema here is built on first use (zod.lazy), not when the app loads: a Zap run's cold start
// builds none of them, and a run builds only the ones it parses with.

export const EVERFLOW_SUB_MAX = 200;

export const EVERFLOW_SUB_KEYS = ['source_id', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;

export type EverflowSubKey = (typeof EVERFLOW_SUB_KEYS)[number];

export type EverflowSubs = Partial<Record<EverflowSubKey, string>>;

// ---------------------------------------------------------------------------------------------
// Answer schemas (only the fields this integration reads; Everflow sends many more).

const idSchema = zod.lazy(() =>
  zod
    .union([zod.number().int(), zod.string().regex(/^\s*\d+\s*$/)])
    .transform((value) => Number(value)),
);

/** Dates arrive as ISO text, "YYYY-MM-DD[ HH:mm:ss]" or Unix seconds; converted when output. */
const dateLike = zod.lazy(() =>
  zod
    .union([zod.string(), zod.number()])
    .nullish()
    .transform((value) => value ?? null),
);

/**
 * The list an answer is about: it must be there (a renamed key fails loudly); null means none; an
 * item that does not parse is skipped (and logged), so one odd offer never fails the list.
 */
const answerList = <T extends zod.ZodType>(item: T) =>
  zod
    .array(zod.unknown())
    .nullable()
    .transform((values) => keepParsed(item, values).items);

// Relationship blocks: Everflow's convention is `relationship.<name> = {total, entries: [...]}`;
// the OpenAPI files show plain arrays, and answers come both ways (api/everflow.md). Every schema
// here reads every block through these two, so no reader knows only one of the shapes.

const relationshipShape = zod.lazy(() =>
  zod
    .union([zod.array(zod.unknown()), zod.object({ entries: zod.array(zod.unknown()).nullish() })])
    .nullish(),
);

/**
 * A relationship block in either shape, as the list of its items that parse (the others skipped
 * and logged); undefined when the answer lacks it, so a caller can tell "none" from "not sent".
 */
function relationshipBlock<T extends zod.ZodType>(item: T) {
  return relationshipShape.transform((block): zod.output<T>[] | undefined => {
    if (block === undefined) return undefined;
    const values = block === null ? [] : Array.isArray(block) ? block : (block.entries ?? []);
    return keepParsed(item, values).items;
  });
}

/** A relationship block in either shape where absent means none: always a list. */
const relationshipList = <T extends zod.ZodType>(item: T) =>
  relationshipBlock(item).transform((items) => items ?? []);

export const networkInfoSchema = zod.lazy(() =>
  zod.object({
    network_id: idSchema,
    name: zod.string(),
    status: nullableText,
  }),
);

export const affiliateInfoSchema = zod.lazy(() =>
  zod.object({
    network_affiliate_id: idSchema,
    name: zod.string(),
    account_status: nullableText,
  }),
);

const offerUrlRefSchema = zod.lazy(() =>
  zod.object({
    network_offer_url_id: idSchema,
    name: zod.string(),
    url: nullableText,
    destination_url: nullableText,
  }),
);

export const offerSchema = zod.lazy(() =>
  zod.object({
    network_offer_id: idSchema,
    name: zod.string(),
    offer_status: nullableText,
    tracking_url: nullableText,
    preview_url: nullableText,
    relationship: zod
      .object({ urls: relationshipList(offerUrlRefSchema) })
      .nullish()
      .transform((relationship) => ({ urls: relationship?.urls ?? [] })),
  }),
);

export type EverflowOffer = zod.infer<typeof offerSchema>;

export const offersSchema = zod.lazy(() => zod.object({ offers: answerList(offerSchema) }));

export const affiliatesSchema = zod.lazy(() =>
  zod.object({ affiliates: answerList(affiliateInfoSchema) }),
);

export type EverflowAffiliate = zod.infer<typeof affiliateInfoSchema>;

const trackingDomainSchema = zod.lazy(() =>
  zod
    .object({
      network_tracking_domain_id: idSchema,
      domain: zod.string().optional(),
      url: zod.string().optional(),
      is_default: zod.boolean().optional(),
      is_primary_domain: zod.boolean().optional(),
    })
    .transform((domain) => ({
      id: domain.network_tracking_domain_id,
      domain: domain.domain ?? domain.url ?? `tracking domain ${domain.network_tracking_domain_id}`,
      isDefault: domain.is_default ?? domain.is_primary_domain ?? false,
    })),
);

export type EverflowTrackingDomain = zod.infer<typeof trackingDomainSchema>;

// The reference answers a bare array; some accounts wrap it as {tracking_domains: [...]}.
export const trackingDomainsSchema = zod.lazy(() =>
  zod.union([
    zod.array(trackingDomainSchema),
    zod
      .object({ tracking_domains: zod.array(trackingDomainSchema) })
      .transform((body) => body.tracking_domains),
  ]),
);

const offerUrlSchema = zod.lazy(() =>
  zod.object({
    network_offer_url_id: idSchema,
    network_offer_id: idSchema.optional(),
    name: zod.string(),
    destination_url: nullableText,
    url_status: nullableText,
  }),
);

export type EverflowOfferUrl = zod.infer<typeof offerUrlSchema>;

export const offerUrlsSchema = zod.lazy(() => zod.object({ urls: answerList(offerUrlSchema) }));

const creativeSchema = zod.lazy(() =>
  zod.object({
    network_offer_creative_id: idSchema,
    network_offer_id: idSchema.optional(),
    name: zod.string(),
    creative_type: nullableText,
    creative_status: nullableText,
  }),
);

export type EverflowCreative = zod.infer<typeof creativeSchema>;

export const creativesSchema = zod.lazy(() =>
  zod.object({ creatives: answerList(creativeSchema) }),
);

const couponSchema = zod.lazy(() =>
  zod.object({
    network_coupon_code_id: idSchema,
    network_offer_id: idSchema,
    coupon_code: zod.string(),
    coupon_status: nullableText,
    tracking_link: nullableText,
    start_date: dateLike,
    end_date: dateLike,
    relationship: zod
      .object({ offer: zod.object({ name: zod.string().nullish() }).nullish() })
      .nullish(),
  }),
);

export type EverflowCoupon = zod.infer<typeof couponSchema>;

// The partner list is `coupon_codes`, the network list `couponcodes`; either is read.
export const couponsSchema = zod.lazy(() =>
  zod.union([
    zod.object({ coupon_codes: answerList(couponSchema) }).transform((body) => body.coupon_codes),
    zod.object({ couponcodes: answerList(couponSchema) }).transform((body) => body.couponcodes),
  ]),
);

export const clickSchema = zod.lazy(() => zod.object({ url: webLink }));

// The reference page shows {"url"}, the OpenAPI file {"tracking_url"}: both are read.
export const trackingUrlSchema = zod.lazy(() =>
  zod
    .object({ tracking_url: webLink.optional(), url: webLink.optional() })
    .refine((body) => body.tracking_url !== undefined || body.url !== undefined, {
      message: 'expected a tracking_url or url',
    })
    .transform((body) => (body.tracking_url ?? body.url) as string),
);

export const impressionUrlSchema = zod.lazy(() =>
  zod
    .object({ impression_url: webLink.optional(), url: webLink.optional() })
    .refine((body) => body.impression_url !== undefined || body.url !== undefined, {
      message: 'expected an impression_url or url',
    })
    .transform((body) => (body.impression_url ?? body.url) as string),
);

// ---------------------------------------------------------------------------------------------
// Requests.

/** Body of POST /networks/tracking/offers/clicks: only the fields the user filled. */
export interface NetworkClickRequest extends EverflowSubs {
  network_offer_id: number;
  network_affiliate_id: number;
  network_tracking_domain_id?: number;
  network_offer_url_id?: number;
  creative_id?: number;
  network_traffic_source_id?: number;
  is_encrypt_parameters?: boolean;
  is_redirect_link?: boolean;
}

export type PartnerLinkType = 'click' | 'impression';

export interface CouponFilter {
  couponCode?: string;
  offerId?: number;
}

// ---------------------------------------------------------------------------------------------
// Link checks: what a partner's runnable offer says about its links working (status, end date,
// the links themselves and where they land).

const everflowOfferStatusSchema = zod.lazy(() =>
  zod.object({
    network_offer_id: idSchema,
    name: nullableText,
    offer_status: nullableText,
    /** `YYYY-MM-DD` (empty or absent: no end date). */
    date_live_until: dateLike,
    tracking_url: nullableText,
    redirect_tracking_url: nullableText,
    preview_url: nullableText,
    /** True when the partner's `tracking_url` is the advertiser's own page (direct linking). */
    is_use_direct_linking: zod
      .boolean()
      .nullish()
      .transform((value) => value ?? null),
    relationship: zod
      .object({
        urls: relationshipList(zod.object({ url: nullableText, destination_url: nullableText })),
      })
      .nullish()
      .transform((relationship) => ({ urls: relationship?.urls ?? [] })),
  }),
);

export type EverflowOfferStatus = zod.infer<typeof everflowOfferStatusSchema>;

export const everflowOfferStatusesSchema = zod.lazy(() =>
  zod.object({
    offers: answerList(everflowOfferStatusSchema),
  }),
);

// ---------------------------------------------------------------------------------------------
// Tracking links & assets package (answers read by src/everflow/assets.ts). Lists keep the items
// that parse and skip the others; relationship blocks come as plain arrays (the OpenAPI files) or
// as `{total, entries}` (Everflow's convention), and an absent block stays undefined so the caller
// can tell "none" from "not sent".

/** A list an answer is about, kept lenient: it must be there, but odd items are skipped. */
const lenientAnswerList = <T extends zod.ZodType>(item: T) => answerList(item);

const pagingSchema = zod.lazy(() =>
  zod
    .object({ total_count: numberLike.nullish() })
    .nullish()
    .transform((paging) => ({ totalCount: paging?.total_count ?? undefined })),
);

const assetOfferUrlSchema = zod.lazy(() =>
  zod.object({
    network_offer_url_id: idSchema,
    name: nullableText,
    url: nullableText,
    destination_url: nullableText,
    url_status: nullableText,
  }),
);

export type EverflowAssetOfferUrl = zod.infer<typeof assetOfferUrlSchema>;

const assetCreativeSchema = zod.lazy(() =>
  zod.object({
    network_offer_creative_id: idSchema,
    network_offer_id: idSchema.nullish(),
    name: nullableText,
    creative_type: nullableText,
    creative_status: nullableText,
    is_private: zod.boolean().nullish(),
    resource_url: nullableText,
    html_code: nullableText,
    relationship: zod
      .object({ resource_asset: zod.object({ url: nullableText }).nullish() })
      .nullish(),
  }),
);

export type EverflowAssetCreative = zod.infer<typeof assetCreativeSchema>;

/** An offer as the package reads it, partner (runnable list, offer details) or network side. */
const assetOfferSchema = zod.lazy(() =>
  zod.object({
    network_offer_id: idSchema,
    name: zod.string(),
    offer_status: nullableText,
    tracking_url: nullableText,
    redirect_tracking_url: nullableText,
    impression_tracking_url: nullableText,
    is_use_direct_linking: zod.boolean().nullish(),
    relationship: zod
      .object({
        urls: relationshipBlock(assetOfferUrlSchema),
        creatives: relationshipBlock(assetCreativeSchema),
      })
      .nullish()
      .transform((relationship) => ({
        urls: relationship?.urls,
        creatives: relationship?.creatives,
      })),
  }),
);

export type EverflowAssetOffer = zod.infer<typeof assetOfferSchema>;

export const assetOfferDetailSchema = assetOfferSchema;

export const assetOffersPageSchema = zod.lazy(() =>
  zod.object({
    offers: lenientAnswerList(assetOfferSchema),
    paging: pagingSchema,
  }),
);

export type EverflowAssetOffersPage = zod.infer<typeof assetOffersPageSchema>;

export const runnableOfferIdsSchema = zod.lazy(() =>
  zod.object({ offer_ids: lenientAnswerList(idSchema) }).transform((body) => body.offer_ids),
);

export const assetCreativesPageSchema = zod.lazy(() =>
  zod.object({
    creatives: lenientAnswerList(assetCreativeSchema),
    paging: pagingSchema,
  }),
);

export type EverflowAssetCreativesPage = zod.infer<typeof assetCreativesPageSchema>;

/** Partner coupon codes (`coupon_codes`, one answer) or a network page (`couponcodes`, paged). */
export const assetCouponsPageSchema = zod.lazy(() =>
  zod.union([
    zod
      .object({ coupon_codes: lenientAnswerList(couponSchema), paging: pagingSchema })
      .transform((body) => ({ coupons: body.coupon_codes, paging: body.paging })),
    zod
      .object({ couponcodes: lenientAnswerList(couponSchema), paging: pagingSchema })
      .transform((body) => ({ coupons: body.couponcodes, paging: body.paging })),
  ]),
);

export type EverflowAssetCouponsPage = zod.infer<typeof assetCouponsPageSchema>;

// Any URL: what a partner offer pays (its payouts, in the offer's currency).
const payoutEntrySchema = zod.lazy(() =>
  zod.object({
    payout_type: nullableText,
    payout_amount: numberLike.nullish().transform((value) => value ?? null),
    payout_percentage: numberLike.nullish().transform((value) => value ?? null),
  }),
);

export type EverflowPayout = zod.infer<typeof payoutEntrySchema>;

export const offerPayoutsSchema = zod.lazy(() =>
  zod
    .object({
      network_offer_id: idSchema,
      currency_id: nullableText,
      relationship: zod.object({ payouts: relationshipList(payoutEntrySchema) }).nullish(),
    })
    .transform((offer) => ({
      network_offer_id: offer.network_offer_id,
      currency: offer.currency_id,
      payouts: offer.relationship?.payouts ?? [],
    })),
);

export type EverflowOfferPayouts = zod.infer<typeof offerPayoutsSchema>;

// ---------------------------------------------------------------------------------------------
// Earnings: the partner's conversions report and its entity report (everflow/conversions.ts).

/**
 * One page of `POST /affiliates/reporting/conversions`: the records raw (each read on its own,
 * so one odd record never fails the page) and the paging, nested or top-level (clients read both).
 */
export const conversionsPageSchema = zod.lazy(() =>
  zod.object({
    conversions: zod
      .array(zod.unknown())
      .nullable()
      .transform((values) => values ?? []),
    paging: zod.object({ total_count: numberLike.nullish() }).nullish(),
    total_count: numberLike.nullish(),
  }),
);

export type EverflowConversionsPage = zod.infer<typeof conversionsPageSchema>;

/** One row of the entity report grouped by sub1: its sub1 value and its total clicks. */
const entityRowSchema = zod.lazy(() =>
  zod.object({
    columns: zod.array(zod.object({ column_type: zod.string(), id: zod.coerce.string() })),
    reporting: zod.object({ total_click: numberLike.nullish() }),
  }),
);

/** `POST /affiliates/reporting/entity/table`: rows that parse, and whether Everflow cut it short. */
export const entityTableSchema = zod.lazy(() =>
  zod.object({
    table: zod
      .array(zod.unknown())
      .nullable()
      .transform((values) => keepParsed(entityRowSchema, values).items),
    incomplete_results: zod.boolean().nullish(),
  }),
);

export type EverflowEntityTable = zod.infer<typeof entityTableSchema>;
