import { z as zod } from 'zod';

import { nullableText, numberLike } from '../core/schemas';

export const accountsSchema = zod.object({
  userId: numberLike.optional(),
  accounts: zod.array(
    zod.object({
      accountId: numberLike,
      accountName: zod.string(),
      accountType: zod.string(),
      userRole: zod.string().optional(),
    }),
  ),
});

export type AwinAccount = zod.infer<typeof accountsSchema>['accounts'][number];

export const programmeSchema = zod.object({
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
  validDomains: zod
    .array(zod.object({ domain: zod.string() }))
    .nullish()
    .transform((domains) => domains ?? []),
});

export type AwinProgramme = zod.infer<typeof programmeSchema>;

export const generateSchema = zod.object({ url: zod.string(), shortUrl: zod.string().optional() });

export const echoSchema = zod
  .object({ advertiserId: numberLike.optional(), destinationUrl: zod.string().nullish() })
  .optional();

export const batchSchema = zod.object({
  responses: zod.array(
    zod.object({ status: zod.number(), body: zod.unknown(), request: echoSchema }),
  ),
});

const quotaFields = zod.object({
  publisherId: numberLike.optional(),
  limit: numberLike.nullish(),
  usage: numberLike.nullish(),
});

// The wiki wraps the fields in `shorten`; help.awin.com shows them bare. Accept both, nothing else.
export const quotaSchema = zod.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && 'shorten' in value
      ? (value as { shorten: unknown }).shorten
      : value,
  quotaFields,
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

export type BatchResponse = zod.infer<typeof batchSchema>['responses'][number];
