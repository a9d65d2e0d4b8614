import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import type { NetworkConnection } from './connection';
import {
  type ApiProblem,
  callApi,
  describeSchemaError,
  errorText,
  genericProblem,
  malformed,
  redact,
  throwProblem,
} from './http';
import { numberLike } from './schemas';
import { invalidInput, isBlank } from './validate';

/**
 * Offerslook Affiliate API client: the network's own host (`{network}.api.offerslook.com`), HTTP
 * Basic authentication, and the `{code, message, data}` envelope every answer comes in. Actions
 * call these methods and never build requests themselves.
 */

export const OFFERSLOOK_DEFAULT_URL = 'https://{network}.api.offerslook.com';
/** Offerslook documents no rate limit; after a 429 without Retry-After, wait a minute. */
export const OFFERSLOOK_WINDOW_SECONDS = 60;
/** Ids per tracking-link call (not documented: the list endpoints' page cap). */
export const OFFERSLOOK_BATCH_SIZE = 100;
export const OFFERSLOOK_MAX_IDS_PER_RUN = 1000;
/** Most offers one list page holds. */
export const OFFERSLOOK_PAGE_SIZE = 100;

const NETWORK_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const NETWORK_NAME_FIX =
  'Offerslook Network Name must be just the first part of your API address, e.g. acme for ' +
  'acme.api.offerslook.com';

const AUTH_HINT =
  'Reconnect Offerslook with your current details: "Offerslook Email" is the address you sign in to ' +
  'the affiliate portal with, and "Offerslook API Key" is the key shown there (a regenerated key ' +
  'replaces the old one).';

const DEFAULT_REJECTION_HINT =
  'Check the values in this step; if they look right, ask your Offerslook network manager.';

/**
 * The network name becomes part of a host name, so only a DNS label is accepted: trimmed and
 * lower-cased, letters, digits and inner hyphens, at most 63 characters. Undefined otherwise.
 */
export function normalizeNetworkName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase();
  return NETWORK_LABEL.test(name) ? name : undefined;
}

export function requireNetworkName(z: ZObject, value: unknown): string {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      `This connection has no Offerslook Network Name. Reconnect and fill it in: ${NETWORK_NAME_FIX}.`,
    );
  }
  const name = normalizeNetworkName(value);
  if (name === undefined) {
    const shown = String(value).trim().slice(0, 70);
    throw invalidInput(
      z,
      `${NETWORK_NAME_FIX}, but it is "${shown}". Reconnect Offerslook and correct it.`,
    );
  }
  return name;
}

/** The API base for a validated network name, from OFFERSLOOK_API_URL when set. */
export function offerslookBaseUrl(network: string): string {
  const template = (process.env.OFFERSLOOK_API_URL || OFFERSLOOK_DEFAULT_URL).replace(/\/+$/, '');
  return template.split('{network}').join(network);
}

function requireCredential(z: ZObject, value: unknown, label: string): string {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      `This connection has no ${label}. Reconnect and fill in "Offerslook Network Name", ` +
        '"Offerslook Email" and "Offerslook API Key".',
    );
  }
  return String(value).trim();
}

/** Offerslook sends empty strings for missing text; read them as null. */
const blankAsNull = zod
  .string()
  .nullish()
  .transform((value) => value || null);

const envelopeSchema = zod.object({
  code: numberLike,
  message: zod.string().nullish(),
  data: zod.unknown(),
});
type Envelope = zod.infer<typeof envelopeSchema>;

const trackingLinkSchema = zod.object({
  offer_id: numberLike,
  url: zod.string(),
  impression_pixel: blankAsNull,
});
export type OfferslookTrackingLink = zod.infer<typeof trackingLinkSchema>;

const trackingLinksSchema = zod.object({
  tracking_link: zod
    .array(trackingLinkSchema)
    .nullish()
    .transform((links) => links ?? []),
});

const offerSchema = zod.object({
  id: numberLike,
  name: zod.string(),
  status: blankAsNull,
  offer_approval: numberLike.nullish().transform((value) => value ?? null),
  preview_url: blankAsNull,
});
export type OfferslookOffer = zod.infer<typeof offerSchema>;

const offersSchema = zod.object({
  // Each row nests the offer as `offer` (beside geo and cap details); a bare offer is read too.
  rowset: zod
    .array(
      zod.union([zod.object({ offer: offerSchema }).transform((row) => row.offer), offerSchema]),
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

/** Offerslook's `code` ≠ 0: its own message, and what the user can do. */
export function envelopeProblem(envelope: Envelope, hint: string): ApiProblem {
  const said = envelope.message?.trim();
  if (envelope.code === 401) {
    return genericProblem('Offerslook', 401, said ? { message: said } : undefined, AUTH_HINT);
  }
  const what = said
    ? `Offerslook said: ${said.slice(0, 300)} (code ${envelope.code}).`
    : `Offerslook refused the request (code ${envelope.code}) without saying why.`;
  return { kind: 'rejected', status: 400, message: `${what} ${hint}` };
}

/** Offerslook-specific reading of a non-2xx answer; undefined = the shared mapping. */
export function offerslookProblem(
  status: number,
  body: unknown,
  network: string,
): ApiProblem | undefined {
  if (status !== 404) return undefined;
  const detail = errorText(body);
  return {
    kind: 'notFound',
    status,
    message:
      `Offerslook could not find what was asked for (404${detail ? `: ${detail.slice(0, 300)}` : ''}). ` +
      `Check that "${network}" is your network's name in the connection (acme for ` +
      'acme.api.offerslook.com) and the offer IDs in this step.',
  };
}

export class OfferslookClient {
  readonly network: string;
  private readonly credential: string;
  private readonly secrets: string[];

  constructor(
    private readonly z: ZObject,
    bundle: Bundle,
  ) {
    const auth = bundle.authData;
    this.network = requireNetworkName(z, auth.offerslook_network);
    const email = requireCredential(z, auth.offerslook_email, 'Offerslook Email');
    const key = requireCredential(z, auth.offerslook_api_key, 'Offerslook API Key');
    if (email.includes(':')) {
      throw invalidInput(
        z,
        'Offerslook Email must be the email address you sign in with and cannot contain ":". ' +
          'Reconnect Offerslook and correct it.',
      );
    }
    this.credential = Buffer.from(`${email}:${key}`).toString('base64');
    this.secrets = [key, this.credential];
  }

  private fail(problem: ApiProblem): never {
    const message = redact(problem.message, this.secrets);
    return throwProblem(this.z, 'Offerslook', { ...problem, message }, OFFERSLOOK_WINDOW_SECONDS);
  }

  private async get<T>(
    path: string,
    schema: zod.ZodType<T>,
    params: Record<string, string | number> = {},
    hint = DEFAULT_REJECTION_HINT,
  ): Promise<T> {
    const envelope = await callApi(this.z, {
      network: 'Offerslook',
      method: 'GET',
      url: `${offerslookBaseUrl(this.network)}${path}`,
      headers: { Authorization: `Basic ${this.credential}` },
      params,
      schema: envelopeSchema,
      throttleWindowSeconds: OFFERSLOOK_WINDOW_SECONDS,
      authHint: AUTH_HINT,
      secrets: this.secrets,
      mapError: (status, body) => offerslookProblem(status, body, this.network),
    });
    if (envelope.code !== 0) this.fail(envelopeProblem(envelope, hint));
    const parsed = zod.object({ data: schema }).safeParse({ data: envelope.data });
    if (!parsed.success) {
      return this.fail(malformed('Offerslook', 200, describeSchemaError(parsed.error)));
    }
    return parsed.data.data;
  }

  /** Tracking links of at most OFFERSLOOK_BATCH_SIZE offers; offers it may not run are left out. */
  async trackingLinks(offerIds: number[]): Promise<OfferslookTrackingLink[]> {
    if (offerIds.length === 0 || offerIds.length > OFFERSLOOK_BATCH_SIZE) {
      throw new Error(`tracking links take 1 to ${OFFERSLOOK_BATCH_SIZE} offer ids per call`);
    }
    const { tracking_link } = await this.get(
      `/aff/v1/batches/offers/tracking_links/${offerIds.join(',')}`,
      trackingLinksSchema,
      {},
      'Check the offer IDs in this step: each must be the number of an offer in your Offerslook network.',
    );
    return tracking_link;
  }

  /** One page of offers: every offer the affiliate can see (`type=all`, the default) or its own. */
  async offers({
    page,
    type = 'all',
    limit = OFFERSLOOK_PAGE_SIZE,
    sort = '+id',
  }: OfferQuery): Promise<OfferPage> {
    const { rowset, totalPages } = await this.get('/aff/v1/batches/offers', offersSchema, {
      type,
      offset: page,
      limit,
      sort,
    });
    const more = totalPages === undefined ? rowset.length >= limit : page < totalPages;
    return { offers: rowset, more };
  }

  /** Reads pages from the first until there are no more or `maxPages` have been read. */
  async allOffers(maxPages: number, type: OfferListType = 'all'): Promise<OfferslookOffer[]> {
    const offers: OfferslookOffer[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const answer = await this.offers({ page, type });
      offers.push(...answer.offers);
      if (!answer.more) break;
    }
    return offers;
  }
}

/** The Offerslook part of the connection: read one offer and name the network. */
export const offerslookConnection: NetworkConnection = {
  network: 'Offerslook',
  fields: [
    ['offerslook_network', 'Offerslook Network Name'],
    ['offerslook_email', 'Offerslook Email'],
    ['offerslook_api_key', 'Offerslook API Key'],
  ],
  required: ['offerslook_network', 'offerslook_email', 'offerslook_api_key'],
  async test(z, bundle) {
    const offerslook = new OfferslookClient(z, bundle);
    await offerslook.offers({ page: 1, limit: 1 });
    return `Offerslook ${offerslook.network}`;
  },
};
