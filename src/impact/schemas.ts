import { z as zod } from 'zod';

import { answerList, numberLike, webLink } from '../core/schemas';

// Every schema here is built on first use (zod.lazy), not when the app loads: a Zap run's cold start
// builds none of them, and a run builds only the ones it parses with.

/** Impact sends ids as text ("10306"); documented as integers. Either way a positive whole number. */
const impactId = zod.lazy(() =>
  numberLike.refine((value) => Number.isSafeInteger(value) && value > 0, {
    message: 'not a positive whole number',
  }),
);

/** Impact sends empty strings for missing text; read them as null. */
const blankAsNull = zod.lazy(() =>
  zod
    .string()
    .nullish()
    .transform((value) => value?.trim() || null),
);

/** `"true"`/`"false"` in JSON, a boolean in some clients: both read; anything else is false. */
const stringBoolean = zod.lazy(() =>
  zod
    .unknown()
    .optional()
    .transform((value) =>
      typeof value === 'string' ? value.trim().toLowerCase() === 'true' : value === true,
    ),
);

/**
 * `DeeplinkDomains`: a list of text in JSON; the XML form nests them as `DeeplinkDomain`, which
 * some converters keep as `{DeeplinkDomain: [...]}` or a single text. Every shape reads as a list
 * of raw values (cleaned by domains.ts); anything that is not text is dropped.
 */
const deeplinkDomains = zod.lazy(() =>
  zod
    .unknown()
    .optional()
    .transform((value): string[] => {
      const inner =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>).DeeplinkDomain
          : value;
      const list = Array.isArray(inner)
        ? inner
        : inner === undefined || inner === null
          ? []
          : [inner];
      return list.filter((item): item is string => typeof item === 'string');
    }),
);

/** One joined program (the API's "campaign"), with the fields this integration uses. */
export const campaignSchema = zod.lazy(() =>
  zod.object({
    CampaignId: impactId,
    CampaignName: zod.string().transform((name) => name.trim()),
    AdvertiserId: numberLike.nullish().catch(null),
    AdvertiserName: blankAsNull,
    AdvertiserUrl: blankAsNull,
    CampaignUrl: blankAsNull,
    TrackingLink: blankAsNull,
    ContractStatus: blankAsNull,
    Type: blankAsNull,
    AllowsDeeplinking: stringBoolean,
    DeeplinkDomains: deeplinkDomains,
  }),
);

export type ImpactCampaign = zod.infer<typeof campaignSchema>;

/** Paging keys beside the list: text in Impact's answers ("2"), a number in some clients. */
const pageNumber = zod.lazy(() => numberLike.nullish().catch(null));

/**
 * One page of `GET …/Campaigns`: the list must be there (a renamed key fails loudly), one odd
 * campaign is skipped, never the page. Paging metadata that cannot be read counts as absent.
 */
export const campaignsPageSchema = zod.lazy(() =>
  zod.object({
    Campaigns: answerList(campaignSchema),
    '@page': pageNumber,
    '@numpages': pageNumber,
    '@nextpageuri': zod.string().nullish().catch(null),
  }),
);

export type ImpactCampaignsPage = zod.infer<typeof campaignsPageSchema>;

/**
 * One page of `GET …/Actions` (conversions): the list must be there, each record raw (read one by
 * one by impact/conversions.ts, so one odd action never fails the page), paging as for campaigns.
 */
export const actionsPageSchema = zod.lazy(() =>
  zod.object({
    Actions: zod.array(zod.unknown()),
    '@page': pageNumber,
    '@numpages': pageNumber,
    '@nextpageuri': zod.string().nullish().catch(null),
  }),
);

export type ImpactActionsPage = zod.infer<typeof actionsPageSchema>;

/** `POST …/Programs/{ProgramId}/TrackingLinks`: the link, an absolute http(s) URL or a failure. */
export const trackingLinkSchema = zod.lazy(() => zod.object({ TrackingURL: webLink }));

/** What the integration keeps of a campaign (in z.cache, and for every run that reads the list). */
const storedCampaignSchema = zod.lazy(() =>
  zod.object({
    campaignId: zod.number(),
    campaignName: zod.string(),
    advertiserName: zod.string().nullable(),
    campaignUrl: zod.string().nullable(),
    trackingLink: zod.string().nullable(),
    contractStatus: zod.string().nullable(),
    allowsDeeplinking: zod.boolean(),
    deeplinkDomains: zod.array(zod.string()),
  }),
);

export type StoredCampaign = zod.infer<typeof storedCampaignSchema>;

export const storedCampaignsSchema = zod.lazy(() => zod.array(storedCampaignSchema));

/** The query parameters of one tracking link, named as Impact names them. */
export const IMPACT_LINK_PARAMETERS = ['subId1', 'subId2', 'subId3', 'sharedId'] as const;

export type ImpactLinkParameter = (typeof IMPACT_LINK_PARAMETERS)[number];

/** One tracking link to make, read and checked before any request. */
export interface ImpactLinkRequest {
  campaignId: number;
  deepLink?: string;
  parameters: Partial<Record<ImpactLinkParameter, string>>;
  mediaPropertyId?: number;
}
