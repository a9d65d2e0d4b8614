import { readCredential } from '../core/input';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';
import { callApi } from '../core/http';
import { apiBaseUrl } from '../core/baseUrl';

import { invalidInput, isBlank } from '../core/input';

import {
  DEFAULT_REJECTION_HINT,
  envelopeProblem,
  OFFERSLOOK_AUTH_HINT,
  OFFERSLOOK_NAME,
  offerslookProblem,
} from './errors';

import { offerslookOfferStatusesSchema, type OfferslookOfferStatus } from './schemas';
import {
  envelopeOf,
  envelopeSchema,
  offerslookOffersSchema,
  offerTrackingLinkSchema,
  trackingLinksSchema,
  type OfferListType,
  type OfferPage,
  type OfferQuery,
  type OfferslookOffer,
  type OfferslookOfferTrackingLink,
  type OfferslookTrackingLink,
} from './schemas';

/**
 * Offerslook Affiliate API client: the network's own host (`{network}.api.offerslook.com`), HTTP
 * Basic authentication, and the `{code, message, data}` envelope every answer comes in. Actions
 * call these methods and never build requests themselves.
 */

/** Points the client elsewhere (tests, the sandbox); `{network}` is replaced by the network name. */
export const OFFERSLOOK_URL_ENV = 'OFFERSLOOK_API_URL';
export const OFFERSLOOK_DEFAULT_URL = 'https://{network}.api.offerslook.com';

/** Offerslook documents no rate limit; after a 429 without Retry-After, wait a minute. */
export const OFFERSLOOK_WINDOW_SECONDS = 60;

/** Ids per tracking-link call (not documented: the list endpoints' page cap). */
export const OFFERSLOOK_BATCH_SIZE = 100;

export const OFFERSLOOK_MAX_IDS_PER_RUN = 1000;

/** Most offers one list page holds. */
export const OFFERSLOOK_PAGE_SIZE = 100;

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const NETWORK_NAME_FIX =
  'Offerslook Network Name must be just the first part of your API address, e.g. acme for ' +
  'acme.api.offerslook.com';

/**
 * The network name becomes part of a host name, so only a DNS label is accepted: trimmed and
 * lower-cased, letters, digits and inner hyphens, at most 63 characters. Undefined otherwise.
 */
export function normalizeNetworkName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase();
  return DNS_LABEL.test(name) ? name : undefined;
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

export function requireCredential(z: ZObject, value: unknown, label: string): string {
  return readCredential(
    z,
    value,
    label,
    'Reconnect and fill in "Offerslook Network Name", "Offerslook Email" and "Offerslook API Key".',
  );
}

/**
 * The API base for a validated network name, from OFFERSLOOK_API_URL when set (tests, the
 * sandbox); the override, once `{network}` is filled in, must point at this machine.
 */
export function offerslookBaseUrl(z: ZObject, network: string): string {
  return apiBaseUrl(z, {
    env: OFFERSLOOK_URL_ENV,
    defaultUrl: OFFERSLOOK_DEFAULT_URL,
    network: OFFERSLOOK_NAME,
    fill: (template) => template.split('{network}').join(network),
  });
}

export class OfferslookClient {
  readonly network: string;
  private readonly baseUrl: string;
  private readonly credential: string;
  private readonly secrets: string[];

  constructor(
    private readonly z: ZObject,
    bundle: Bundle,
  ) {
    const auth = bundle.authData;
    this.network = requireNetworkName(z, auth.offerslook_network);
    this.baseUrl = offerslookBaseUrl(z, this.network);
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

  /**
   * One GET through callApi, which redacts, throws and logs skipped list items for every network:
   * the `{code, message, data}` envelope is read there too, a `code` ≠ 0 as Offerslook's refusal.
   */
  private get<T>(
    path: string,
    schema: zod.ZodType<T>,
    params: Record<string, string | number> = {},
    hint = DEFAULT_REJECTION_HINT,
  ): Promise<T> {
    return callApi(this.z, {
      network: OFFERSLOOK_NAME,
      method: 'GET',
      url: `${this.baseUrl}${path}`,
      headers: { Authorization: `Basic ${this.credential}` },
      params,
      schema: envelopeOf(schema),
      refusal: (body) => {
        const envelope = envelopeSchema.safeParse(body);
        return envelope.success && envelope.data.code !== 0
          ? envelopeProblem(envelope.data, hint)
          : undefined;
      },
      throttleWindowSeconds: OFFERSLOOK_WINDOW_SECONDS,
      authHint: OFFERSLOOK_AUTH_HINT,
      secrets: this.secrets,
      mapError: (status, body) => offerslookProblem(status, body, this.network),
      overridden: Boolean(process.env[OFFERSLOOK_URL_ENV]),
    });
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
    const { rowset, totalPages } = await this.get(
      '/aff/v1/batches/offers',
      offerslookOffersSchema,
      {
        type,
        offset: page,
        limit,
        sort,
      },
    );
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

  /**
   * One offer's tracking link with its landing pages (`offer_url`: Default, Random and each named
   * offer URL, whose `tracking_link` carries its `url_id`). Only for offers the affiliate may run.
   */
  async offerTrackingLink(offerId: number): Promise<OfferslookOfferTrackingLink> {
    const { tracking_link } = await this.get(
      `/aff/v1/offers/${offerId}/tracking_links`,
      offerTrackingLinkSchema,
      {},
      `Check the offer (${offerId}) in this step: it must be approved for you or public.`,
    );
    return tracking_link;
  }

  /** One page of offers with their status and end date (link checks), and whether more follow. */
  async offerStatusesPage(
    page: number,
  ): Promise<{ offers: OfferslookOfferStatus[]; more: boolean }> {
    const { rowset, totalPages } = await this.get(
      '/aff/v1/batches/offers',
      offerslookOfferStatusesSchema,
      { type: 'all', offset: page, limit: OFFERSLOOK_PAGE_SIZE, sort: '+id' },
    );
    const more =
      totalPages === undefined ? rowset.length >= OFFERSLOOK_PAGE_SIZE : page < totalPages;
    return { offers: rowset, more };
  }
}
