import { type Clock, type RateGate } from '../core/rateLimit';
import {
  EVERFLOW_REGION_URLS,
  EVERFLOW_URL_ENV,
  everflowKeyType,
  type EverflowKeyType,
} from './keyType';
import { apiBaseUrl } from '../core/baseUrl';
import { runOf } from '../core/run';
import { MIN_REQUEST_MS } from '../core/deadline';
import { readCredential, invalidInput, isBlank } from '../core/input';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { callApi } from '../core/http';
import { EVERFLOW_AUTH_HINT, EVERFLOW_NAME, everflowProblem, needsKeyTypeMessage } from './errors';

import {
  everflowOfferStatusesSchema,
  type EverflowOfferStatus,
  offerPayoutsSchema,
  type EverflowOfferPayouts,
  assetCouponsPageSchema,
  assetCreativesPageSchema,
  assetOfferDetailSchema,
  assetOffersPageSchema,
  runnableOfferIdsSchema,
  type EverflowAssetCouponsPage,
  type EverflowAssetCreativesPage,
  type EverflowAssetOffer,
  type EverflowAssetOffersPage,
  affiliateInfoSchema,
  affiliatesSchema,
  clickSchema,
  couponsSchema,
  creativesSchema,
  impressionUrlSchema,
  networkInfoSchema,
  offerSchema,
  offersSchema,
  offerUrlsSchema,
  trackingDomainsSchema,
  trackingUrlSchema,
  type CouponFilter,
  type EverflowAffiliate,
  type EverflowCoupon,
  type EverflowCreative,
  type EverflowOffer,
  type EverflowOfferUrl,
  type EverflowTrackingDomain,
  type NetworkClickRequest,
  type PartnerLinkType,
  conversionsPageSchema,
  entityTableSchema,
  type EverflowConversionsPage,
  type EverflowEntityTable,
} from './schemas';

/** Everflow's token bucket refills every second; a 429 without Retry-After waits that long. */
const EVERFLOW_WINDOW_SECONDS = 1;

/** Documented limits per Everflow customer: network keys 30 requests/s, partner keys 5/s. */
export const EVERFLOW_DOCUMENTED_RATE: Record<EverflowKeyType, number> = {
  network: 30,
  affiliate: 5,
};

/** Dropdown pages: Zapier's meta.page counts from 0, Everflow's page from 1. */
const EVERFLOW_PAGE_SIZE = 100;

/** Searches and the polling trigger read one large page instead of walking pages. */
export const EVERFLOW_LIST_ALL_SIZE = 2000;

type Params = Record<string, string | number>;

interface CallOptions {
  params?: Params;
  json?: unknown;
  offerId?: number;
}

/**
 * The region's address (blank = us), or EVERFLOW_API_URL when set (tests, the sandbox), which must
 * point at this machine: the key goes nowhere else.
 */
function everflowBaseUrl(z: ZObject, region: unknown): string {
  const chosen = isBlank(region) ? 'us' : String(region).trim().toLowerCase();
  if (chosen !== 'us' && chosen !== 'eu') {
    throw invalidInput(
      z,
      `Everflow Region must be "us" or "eu", but it was "${String(region)}". Reconnect and choose one.`,
    );
  }
  return apiBaseUrl(z, {
    env: EVERFLOW_URL_ENV,
    defaultUrl: EVERFLOW_REGION_URLS[chosen],
    network: EVERFLOW_NAME,
  });
}

/** Zapier's page (from 0) as Everflow's paging parameters (from 1). */
export function pageParams(page: number, pageSize = EVERFLOW_PAGE_SIZE): Params {
  return { page: page + 1, page_size: pageSize };
}

export interface EverflowClientOptions {
  /** Every request waits for its turn here (bulk actions pass a token bucket). */
  gate?: RateGate;
  /** Clock time in ms after which no new request starts (bulk actions stay inside 30 s). */
  deadline?: number;
  /** The clock `deadline` is on (tests pass their own); the system clock by default. */
  clock?: Clock;
}

export class EverflowClient {
  readonly keyType: EverflowKeyType;
  private readonly baseUrl: string;
  private readonly key: string;

  /** Reads and checks the connection's Everflow settings; throws before any request. */
  constructor(
    private readonly z: ZObject,
    bundle: Bundle,
    private options: EverflowClientOptions = {},
  ) {
    this.key = readCredential(
      z,
      bundle.authData.everflow_api_key,
      'Everflow API Key',
      'Reconnect and fill in "Everflow API Key".',
    );
    this.keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
    this.baseUrl = everflowBaseUrl(z, bundle.authData.everflow_region);
  }

  /**
   * The raw API key, for naming it in shared cache keys, which hash it (core/sharedPace). A secret:
   * never in a URL, a log line or a message.
   */
  get apiKey(): string {
    return this.key;
  }

  /** Paces every later request through `gate` (a bulk run's share of the key's rate). */
  useGate(gate: RateGate): void {
    this.options = { ...this.options, gate };
  }

  /** Throws before any request when the step needs the other key type. */
  requireKeyType(needed: EverflowKeyType, what: string, fix = ''): void {
    if (this.keyType !== needed) {
      throw invalidInput(this.z, needsKeyTypeMessage(what, needed, fix));
    }
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: zod.ZodType<T>,
    options: CallOptions = {},
  ): Promise<T> {
    const key = this.key;
    await this.waitForTurn();
    return callApi(this.z, {
      network: EVERFLOW_NAME,
      method,
      url: `${this.baseUrl}${path}`,
      headers: { 'X-Eflow-API-Key': key },
      params: options.params,
      json: options.json,
      schema,
      throttleWindowSeconds: EVERFLOW_WINDOW_SECONDS,
      authHint: EVERFLOW_AUTH_HINT,
      secrets: [key],
      mapError: (status, body) =>
        everflowProblem(status, body, { keyType: this.keyType, offerId: options.offerId }),
      overridden: Boolean(process.env[EVERFLOW_URL_ENV]),
    });
  }

  private async waitForTurn(): Promise<void> {
    const { gate } = this.options;
    // A turn that would leave less than a request's least time before the run's deadline is not taken.
    if (!gate || (await gate.take(runOf(this.z).deadline.at - MIN_REQUEST_MS))) return;
    throw runOf(this.z).outOfTime(`a turn within Everflow's rate limit`, EVERFLOW_NAME);
  }

  // --- account ---------------------------------------------------------------------------------

  network() {
    return this.call('GET', '/networks', networkInfoSchema);
  }

  affiliate() {
    return this.call('GET', '/affiliates', affiliateInfoSchema);
  }

  // --- offers ----------------------------------------------------------------------------------

  /** One page of offers: the network's offers table, or the partner's runnable offers. */
  async offers(params: Params, search?: string, activeOnly = false): Promise<EverflowOffer[]> {
    if (this.keyType === 'affiliate') {
      const query = search ? { ...params, search } : params;
      const { offers } = await this.call('GET', '/affiliates/offersrunnable', offersSchema, {
        params: query,
      });
      return offers;
    }
    const json = {
      search_terms: search ? [{ search_type: 'name', value: search }] : [],
      filters: activeOnly ? { offer_status: 'active' } : {},
    };
    const { offers } = await this.call('POST', '/networks/offerstable', offersSchema, {
      params,
      json,
    });
    return offers;
  }

  /** A partner's view of one offer, with its offer URLs. */
  partnerOffer(offerId: number): Promise<EverflowOffer> {
    return this.call('GET', `/affiliates/offers/${offerId}`, offerSchema);
  }

  // --- network lists ---------------------------------------------------------------------------

  async affiliates(params: Params): Promise<EverflowAffiliate[]> {
    const { affiliates } = await this.call('POST', '/networks/affiliatestable', affiliatesSchema, {
      params,
      json: { filters: { account_status: 'active' } },
    });
    return affiliates;
  }

  trackingDomains(): Promise<EverflowTrackingDomain[]> {
    return this.call('GET', '/networks/trackingdomains', trackingDomainsSchema);
  }

  /**
   * Offer URLs, of one offer when given. The OpenAPI file filters with `filter[network_offer_id]`,
   * the guide with `filter=network_offer_id=N`: both are sent, and the answer is checked again.
   */
  async offerUrls(params: Params, offerId?: number): Promise<EverflowOfferUrl[]> {
    const filter: Params =
      offerId === undefined
        ? {}
        : { 'filter[network_offer_id]': offerId, filter: `network_offer_id=${offerId}` };
    const { urls } = await this.call('GET', '/networks/offerurls', offerUrlsSchema, {
      params: { ...params, ...filter },
    });
    return urls.filter(
      (url) =>
        offerId === undefined ||
        url.network_offer_id === undefined ||
        url.network_offer_id === offerId,
    );
  }

  async creatives(params: Params, offerId?: number): Promise<EverflowCreative[]> {
    const terms = [{ search_type: 'creative_status', value: 'active' }];
    if (offerId !== undefined) {
      terms.push({ search_type: 'network_offer_id', value: String(offerId) });
    }
    const { creatives } = await this.call('POST', '/networks/creativestable', creativesSchema, {
      params,
      json: { search_terms: terms },
    });
    return creatives;
  }

  // --- links -----------------------------------------------------------------------------------

  async networkLink(request: NetworkClickRequest): Promise<string> {
    const { url } = await this.call('POST', '/networks/tracking/offers/clicks', clickSchema, {
      json: request,
      offerId: request.network_offer_id,
    });
    return url;
  }

  /** The partner's own link for an offer (urlId 0 = the offer's default URL). */
  partnerLink(offerId: number, urlId: number, linkType: PartnerLinkType): Promise<string> {
    return linkType === 'click'
      ? this.call('GET', `/affiliates/offers/${offerId}/url/${urlId}`, trackingUrlSchema, {
          offerId,
        })
      : this.call(
          'GET',
          `/affiliates/offers/${offerId}/impressionurl/${urlId}`,
          impressionUrlSchema,
          {
            offerId,
          },
        );
  }

  // --- coupon codes ----------------------------------------------------------------------------

  /** Coupon codes matching the filter: read from Everflow, then checked again locally. */
  async couponCodes(filter: CouponFilter): Promise<EverflowCoupon[]> {
    const coupons =
      this.keyType === 'affiliate'
        ? await this.call('GET', '/affiliates/couponcodes', couponsSchema)
        : await this.call('GET', '/networks/couponcodes', couponsSchema, {
            params: networkCouponParams(filter),
          });
    return coupons.filter((coupon) => couponMatches(coupon, filter));
  }

  // --- link checks -----------------------------------------------------------------------------

  /** One page of the partner's runnable offers with their status, end date and links. */
  async runnableOfferStatuses(params: Params): Promise<EverflowOfferStatus[]> {
    const { offers } = await this.call(
      'GET',
      '/affiliates/offersrunnable',
      everflowOfferStatusesSchema,
      { params },
    );
    return offers;
  }

  // --- tracking links & assets package ---------------------------------------------------------

  /** One page of the partner's runnable offers, with their links and relationship blocks. */
  runnableOffersPage(page: number, pageSize: number): Promise<EverflowAssetOffersPage> {
    return this.call('GET', '/affiliates/offersrunnable', assetOffersPageSchema, {
      params: { page, page_size: pageSize },
    });
  }

  /** A partner's full view of one offer (its links, offer URLs and creatives). */
  partnerOfferDetails(offerId: number): Promise<EverflowAssetOffer> {
    return this.call('GET', `/affiliates/offers/${offerId}`, assetOfferDetailSchema, { offerId });
  }

  /** The partner's active coupon codes (of offers it can run), in one answer. */
  partnerCouponCodes(): Promise<EverflowAssetCouponsPage> {
    return this.call('GET', '/affiliates/couponcodes', assetCouponsPageSchema);
  }

  /** The ids of the offers one affiliate may run (network key). */
  affiliateRunnableOfferIds(affiliateId: number): Promise<number[]> {
    return this.call('GET', '/networks/offers/runnable/affiliate/ids', runnableOfferIdsSchema, {
      params: { network_affiliate_id: affiliateId },
    });
  }

  /** One page of the network's active offers, with their offer URLs. */
  activeOffersPage(page: number, pageSize: number): Promise<EverflowAssetOffersPage> {
    return this.call('POST', '/networks/offerstable', assetOffersPageSchema, {
      params: { page, page_size: pageSize, relationship: 'urls' },
      json: { filters: { offer_status: 'active' } },
    });
  }

  /** One network offer, with its offer URLs. */
  networkOfferDetails(offerId: number): Promise<EverflowAssetOffer> {
    return this.call('GET', `/networks/offers/${offerId}`, assetOfferDetailSchema, {
      params: { relationship: 'urls' },
      offerId,
    });
  }

  /** An affiliate's impression link for an offer (network key). */
  networkImpressionLink(offerId: number, affiliateId: number): Promise<string> {
    return this.call('POST', `/networks/offers/${offerId}/impressionurl`, impressionUrlSchema, {
      json: { network_affiliate_id: affiliateId },
      offerId,
    });
  }

  /** One page of the network's active creatives, with their files and HTML. */
  activeCreativesPage(page: number, pageSize: number): Promise<EverflowAssetCreativesPage> {
    return this.call('POST', '/networks/creativestable', assetCreativesPageSchema, {
      params: { page, page_size: pageSize },
      json: { search_terms: [{ search_type: 'creative_status', value: 'active' }] },
    });
  }

  /** One page of an affiliate's active coupon codes (network key). */
  affiliateCouponCodesPage(
    affiliateId: number,
    page: number,
    pageSize: number,
  ): Promise<EverflowAssetCouponsPage> {
    return this.call('GET', '/networks/couponcodes', assetCouponsPageSchema, {
      params: {
        page,
        page_size: pageSize,
        'filter[network_affiliate_id]': affiliateId,
        'filter[coupon_status]': 'active',
        relationship: 'offer',
      },
    });
  }

  /**
   * The newest offers, whatever the network's size: Everflow documents no sort order for its offer
   * lists, so pages of 2,000 are read until one is not full (at most NEWEST_MAX_PAGES) and the
   * highest ids, which Everflow gives in creation order, are kept.
   */
  async newestOffers(count: number): Promise<EverflowOffer[]> {
    const offers: EverflowOffer[] = [];
    for (let page = 0; page < NEWEST_MAX_PAGES; page += 1) {
      const found = await this.offers(pageParams(page, EVERFLOW_LIST_ALL_SIZE), undefined, true);
      offers.push(...found);
      if (found.length < EVERFLOW_LIST_ALL_SIZE) break;
    }
    return offers.sort((a, b) => b.network_offer_id - a.network_offer_id).slice(0, count);
  }

  // --- earnings (partner key) -------------------------------------------------------------------

  /** One page of the partner's conversions from `start` to `end` (UTC days); paging in the query. */
  conversionsPage(
    start: string,
    end: string,
    page: number,
    pageSize: number,
  ): Promise<EverflowConversionsPage> {
    return this.call('POST', '/affiliates/reporting/conversions', conversionsPageSchema, {
      params: { page, page_size: pageSize },
      json: {
        from: reportDay(start),
        to: reportDay(end),
        timezone_id: EVERFLOW_UTC,
        show_conversions: true,
        show_events: false,
        query: { filters: [] },
      },
    });
  }

  /**
   * Clicks per sub1 value from `start` to `end`: the entity report grouped by sub1, filtered to
   * `refs` (filters of one type are ORed, so one call covers them all).
   */
  clicksBySub1(start: string, end: string, refs: readonly string[]): Promise<EverflowEntityTable> {
    return this.call('POST', '/affiliates/reporting/entity/table', entityTableSchema, {
      json: {
        from: reportDay(start),
        to: reportDay(end),
        timezone_id: EVERFLOW_UTC,
        currency_id: 'USD',
        columns: [{ column: 'sub1' }],
        query: {
          filters: refs.map((ref) => ({ resource_type: 'sub1', filter_id_value: ref })),
        },
      },
    });
  }

  /** What a partner offer pays: its payouts (relationship block) and the offer's currency. */
  offerPayouts(offerId: number): Promise<EverflowOfferPayouts> {
    return this.call('GET', `/affiliates/offers/${offerId}`, offerPayoutsSchema, {
      params: { relationship: 'payouts' },
    });
  }
}

/** Everflow's time zone id for UTC (`GET /meta/timezones`): reports are read in UTC. */
const EVERFLOW_UTC = 67;

/** `YYYY-MM-DD` of an ISO-8601 UTC time. */
function reportDay(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10);
}

function networkCouponParams(filter: CouponFilter): Params {
  const params: Params = { page: 1, page_size: EVERFLOW_LIST_ALL_SIZE, relationship: 'offer' };
  if (filter.couponCode !== undefined) params['filter[coupon_code]'] = filter.couponCode;
  if (filter.offerId !== undefined) params['filter[network_offer_id]'] = filter.offerId;
  return params;
}

/** Coupon codes compare without regard to case or surrounding spaces. */
function couponMatches(coupon: EverflowCoupon, filter: CouponFilter): boolean {
  const code = filter.couponCode?.trim().toLowerCase();
  if (code !== undefined && coupon.coupon_code.trim().toLowerCase() !== code) return false;
  return filter.offerId === undefined || coupon.network_offer_id === filter.offerId;
}

/** Pages New Everflow Offer reads at most: 20,000 offers. */
const NEWEST_MAX_PAGES = 10;
