import { z as zod } from 'zod';

import { lenientList, numberLike, webLink } from '../core/schemas';

// Every schema here is built on first use (zod.lazy), not when the app loads: a Zap run's cold start
// builds none of them, and a run builds only the ones it parses with.

/** Offerslook sends empty strings for missing text; read them as null. */
const blankAsNull = zod.lazy(() =>
  zod
    .string()
    .nullish()
    .transform((value) => value || null),
);

export const envelopeSchema = zod.lazy(() =>
  zod.object({
    code: numberLike,
    message: zod.string().nullish(),
    data: zod.unknown(),
  }),
);

export type Envelope = zod.infer<typeof envelopeSchema>;

/** An envelope whose `data` reads as `data`; hands on `data` only (a `code` ≠ 0 is the client's refusal). */
export function envelopeOf<T>(data: zod.ZodType<T>): zod.ZodType<T> {
  return zod.object({ code: numberLike, data }).transform((envelope) => envelope.data);
}

const trackingLinkSchema = zod.lazy(() =>
  zod.object({
    offer_id: numberLike,
    url: webLink,
    impression_pixel: blankAsNull,
  }),
);

export type OfferslookTrackingLink = zod.infer<typeof trackingLinkSchema>;

export const trackingLinksSchema = zod.lazy(() =>
  zod.object({
    // A malformed item (no offer id, an empty or non-web link) is skipped: its offer is then listed
    // with the offers Offerslook gave no link for, never handed out as a link.
    tracking_link: lenientList(trackingLinkSchema),
  }),
);

const offerslookOfferSchema = zod.lazy(() =>
  zod.object({
    id: numberLike,
    name: zod.string(),
    status: blankAsNull,
    offer_approval: numberLike.nullish().transform((value) => value ?? null),
    preview_url: blankAsNull,
    // What the offer pays (Any URL's commission): decimals as text, "" or absent when not said.
    payout: zod
      .union([zod.string(), zod.number()])
      .nullish()
      .transform((v) => ((v ?? '') === '' ? null : String(v))),
    percent_payout: zod
      .union([zod.string(), zod.number()])
      .nullish()
      .transform((v) => ((v ?? '') === '' ? null : String(v))),
    currency: blankAsNull,
  }),
);

export type OfferslookOffer = zod.infer<typeof offerslookOfferSchema>;

export const offerslookOffersSchema = zod.lazy(() =>
  zod.object({
    // Each row nests the offer as `offer` (beside geo and cap details); a bare offer is read too.
    rowset: lenientList(
      zod.union([
        zod.object({ offer: offerslookOfferSchema }).transform((row) => row.offer),
        offerslookOfferSchema,
      ]),
    ),
    totalPages: numberLike.optional(),
  }),
);

export interface OfferPage {
  offers: OfferslookOffer[];
  /** True when a later page may hold more offers. */
  more: boolean;
}

/** `all`: every offer the affiliate can see; `personal`: the offers approved for the affiliate. */
export type OfferListType = 'all' | 'personal';

export interface OfferQuery {
  /** Page number, from 1 (Offerslook's `offset`). */
  page: number;
  type?: OfferListType;
  limit?: number;
  /** `+id` (oldest first) or `-id` (newest first): Offerslook sorts by id only. */
  sort?: '+id' | '-id';
}

// --- One offer's tracking link and its landing pages ---------------------------------------------

/** One landing page of an offer: `Default`, `Random` or a named `Offer URL` (with `url_id=N`). */
const offerUrlSchema = zod.lazy(() =>
  zod.object({
    type: blankAsNull,
    name: blankAsNull,
    tracking_link: webLink,
    preview_url: blankAsNull,
  }),
);

export type OfferslookOfferUrl = zod.infer<typeof offerUrlSchema>;

/** `GET /aff/v1/offers/{offer_id}/tracking_links`: the offer's link, its pixel and its landing pages. */
export const offerTrackingLinkSchema = zod.lazy(() =>
  zod.object({
    tracking_link: zod.object({
      url: blankAsNull,
      impression_pixel: blankAsNull,
      // One odd landing page must not hide the others.
      offer_url: lenientList(offerUrlSchema),
    }),
  }),
);

export type OfferslookOfferTrackingLink = zod.infer<
  typeof offerTrackingLinkSchema
>['tracking_link'];

/** Parameters an affiliate may add to an Offerslook tracking link, in the order they are added. */
export const OFFERSLOOK_SUB_KEYS = [
  'source_id',
  'aff_sub1',
  'aff_sub2',
  'aff_sub3',
  'aff_sub4',
  'aff_sub5',
] as const;

export type OfferslookSubKey = (typeof OFFERSLOOK_SUB_KEYS)[number];

export type OfferslookSubs = Partial<Record<OfferslookSubKey, string>>;

/** Offerslook documents no limit; the same as Everflow's subs keeps links a sane length. */
export const OFFERSLOOK_SUB_MAX = 200;

/** The landing page of a one-offer link: the default, a random one, or `url_id=N`. */
export type OfferslookLandingPage =
  { kind: 'default' } | { kind: 'random' } | { kind: 'url'; urlId: number };

/** What "Get Offerslook Tracking Links" was asked for, read and checked before any request. */
export interface OfferslookLinksRequest {
  offerIds: number[];
  landingPage: OfferslookLandingPage;
  subs: OfferslookSubs;
}

// Link checks: an offer's status, end date and preview page.
const offerslookOfferStatusSchema = zod.lazy(() =>
  zod.object({
    id: numberLike,
    name: blankAsNull,
    status: blankAsNull,
    /** Unix seconds (0: no end date); some answers carry a date text instead. */
    end_date: zod
      .union([zod.number(), zod.string()])
      .nullish()
      .transform((value) => value ?? null),
    preview_url: blankAsNull,
  }),
);

export type OfferslookOfferStatus = zod.infer<typeof offerslookOfferStatusSchema>;

export const offerslookOfferStatusesSchema = zod.lazy(() =>
  zod.object({
    rowset: lenientList(
      zod.union([
        zod.object({ offer: offerslookOfferStatusSchema }).transform((row) => row.offer),
        offerslookOfferStatusSchema,
      ]),
    ),
    totalPages: numberLike.optional(),
  }),
);
