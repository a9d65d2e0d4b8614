import { z as zod } from 'zod';

import { numberLike } from '../core/schemas';

/** Offerslook sends empty strings for missing text; read them as null. */
const blankAsNull = zod
  .string()
  .nullish()
  .transform((value) => value || null);

export const envelopeSchema = zod.object({
  code: numberLike,
  message: zod.string().nullish(),
  data: zod.unknown(),
});

export type Envelope = zod.infer<typeof envelopeSchema>;

const trackingLinkSchema = zod.object({
  offer_id: numberLike,
  url: zod.string(),
  impression_pixel: blankAsNull,
});

export type OfferslookTrackingLink = zod.infer<typeof trackingLinkSchema>;

export const trackingLinksSchema = zod.object({
  tracking_link: zod
    .array(trackingLinkSchema)
    .nullish()
    .transform((links) => links ?? []),
});

export const offerslookOfferSchema = zod.object({
  id: numberLike,
  name: zod.string(),
  status: blankAsNull,
  offer_approval: numberLike.nullish().transform((value) => value ?? null),
  preview_url: blankAsNull,
});

export type OfferslookOffer = zod.infer<typeof offerslookOfferSchema>;

export const offerslookOffersSchema = zod.object({
  // Each row nests the offer as `offer` (beside geo and cap details); a bare offer is read too.
  rowset: zod
    .array(
      zod.union([
        zod.object({ offer: offerslookOfferSchema }).transform((row) => row.offer),
        offerslookOfferSchema,
      ]),
    )
    .nullish()
    .transform((rows) => rows ?? []),
  totalPages: numberLike.optional(),
});

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
