import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import type { NetworkConnection } from './connection';
import { type ApiProblem, callApi, errorText, genericProblem } from './http';
import type { RateGate } from './rateLimit';
import { nullableText } from './schemas';
import { invalidInput, isBlank } from './validate';

/**
 * Everflow API client, for both key types: a network key (paths under /networks) and a partner
 * (affiliate) key (paths under /affiliates). It owns the base URL, the X-Eflow-API-Key header,
 * zod-checked answers and Everflow's own error language ("Out of realm" = the other key type).
 * Actions call these methods and never build requests themselves.
 */

export const EVERFLOW_REGION_URLS = {
  us: 'https://api.eflow.team/v1',
  eu: 'https://api-eu.eflow.team/v1',
} as const;

export type EverflowKeyType = 'network' | 'affiliate';

/** How the connection form names each key type (the choices of "Everflow Key Type"). */
export const KEY_TYPE_LABELS: Record<EverflowKeyType, string> = {
  network: 'Network',
  affiliate: 'Partner / affiliate',
};

/** Everflow's token bucket refills every second; a 429 without Retry-After waits that long. */
export const EVERFLOW_WINDOW_SECONDS = 1;
/** Documented limits per Everflow customer: network keys 30 requests/s, partner keys 5/s. */
export const EVERFLOW_DOCUMENTED_RATE: Record<EverflowKeyType, number> = {
  network: 30,
  affiliate: 5,
};
export const EVERFLOW_SUB_MAX = 200;
export const EVERFLOW_SUB_KEYS = ['source_id', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;
export type EverflowSubKey = (typeof EVERFLOW_SUB_KEYS)[number];
export type EverflowSubs = Partial<Record<EverflowSubKey, string>>;

/** Dropdown pages: Zapier's meta.page counts from 0, Everflow's page from 1. */
export const EVERFLOW_PAGE_SIZE = 100;
/** Searches and the polling trigger read one large page instead of walking pages. */
export const EVERFLOW_LIST_ALL_SIZE = 2000;

const AUTH_HINT =
  'Reconnect Everflow with a current API key: a network key is made in the Everflow Control Center ' +
  'under Security → API Keys, a partner key in the partner portal under My Account → API.';

// ---------------------------------------------------------------------------------------------
// Answer schemas (only the fields this integration reads; Everflow sends many more).

const idSchema = zod
  .union([zod.number().int(), zod.string().regex(/^\s*\d+\s*$/)])
  .transform((value) => Number(value));

/** Dates arrive as ISO text, "YYYY-MM-DD[ HH:mm:ss]" or Unix seconds; converted when output. */
const dateLike = zod
  .union([zod.string(), zod.number()])
  .nullish()
  .transform((value) => value ?? null);

/** A list inside an item: absent or null means none. */
const listOf = <T extends zod.ZodType>(item: T) =>
  zod
    .array(item)
    .nullish()
    .transform((items) => items ?? []);

/** The list an answer is about: it must be there (a renamed key fails loudly); null means none. */
const answerList = <T extends zod.ZodType>(item: T) =>
  zod
    .array(item)
    .nullable()
    .transform((items) => items ?? []);

const networkInfoSchema = zod.object({
  network_id: idSchema,
  name: zod.string(),
  status: nullableText,
});

const affiliateInfoSchema = zod.object({
  network_affiliate_id: idSchema,
  name: zod.string(),
  account_status: nullableText,
});

const offerUrlRefSchema = zod.object({
  network_offer_url_id: idSchema,
  name: zod.string(),
  url: nullableText,
  destination_url: nullableText,
});

const offerSchema = zod.object({
  network_offer_id: idSchema,
  name: zod.string(),
  offer_status: nullableText,
  tracking_url: nullableText,
  preview_url: nullableText,
  relationship: zod
    .object({ urls: listOf(offerUrlRefSchema) })
    .nullish()
    .transform((relationship) => ({ urls: relationship?.urls ?? [] })),
});
export type EverflowOffer = zod.infer<typeof offerSchema>;

const offersSchema = zod.object({ offers: answerList(offerSchema) });

const affiliatesSchema = zod.object({ affiliates: answerList(affiliateInfoSchema) });
export type EverflowAffiliate = zod.infer<typeof affiliateInfoSchema>;

const trackingDomainSchema = zod
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
  }));
export type EverflowTrackingDomain = zod.infer<typeof trackingDomainSchema>;

// The reference answers a bare array; some accounts wrap it as {tracking_domains: [...]}.
const trackingDomainsSchema = zod.union([
  zod.array(trackingDomainSchema),
  zod
    .object({ tracking_domains: zod.array(trackingDomainSchema) })
    .transform((body) => body.tracking_domains),
]);

const offerUrlSchema = zod.object({
  network_offer_url_id: idSchema,
  network_offer_id: idSchema.optional(),
  name: zod.string(),
  destination_url: nullableText,
  url_status: nullableText,
});
export type EverflowOfferUrl = zod.infer<typeof offerUrlSchema>;
const offerUrlsSchema = zod.object({ urls: answerList(offerUrlSchema) });

const creativeSchema = zod.object({
  network_offer_creative_id: idSchema,
  network_offer_id: idSchema.optional(),
  name: zod.string(),
  creative_type: nullableText,
  creative_status: nullableText,
});
export type EverflowCreative = zod.infer<typeof creativeSchema>;
const creativesSchema = zod.object({ creatives: answerList(creativeSchema) });

const couponSchema = zod.object({
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
});
export type EverflowCoupon = zod.infer<typeof couponSchema>;

// The partner list is `coupon_codes`, the network list `couponcodes`; either is read.
const couponsSchema = zod.union([
  zod.object({ coupon_codes: answerList(couponSchema) }).transform((body) => body.coupon_codes),
  zod.object({ couponcodes: answerList(couponSchema) }).transform((body) => body.couponcodes),
]);

const clickSchema = zod.object({ url: zod.string().min(1) });

// The reference page shows {"url"}, the OpenAPI file {"tracking_url"}: both are read.
const trackingUrlSchema = zod
  .object({ tracking_url: zod.string().min(1).optional(), url: zod.string().min(1).optional() })
  .refine((body) => body.tracking_url !== undefined || body.url !== undefined, {
    message: 'expected a tracking_url or url',
  })
  .transform((body) => (body.tracking_url ?? body.url) as string);

const impressionUrlSchema = zod
  .object({ impression_url: zod.string().min(1).optional(), url: zod.string().min(1).optional() })
  .refine((body) => body.impression_url !== undefined || body.url !== undefined, {
    message: 'expected an impression_url or url',
  })
  .transform((body) => (body.impression_url ?? body.url) as string);

// ---------------------------------------------------------------------------------------------
// Connection settings.

/** Reads "Everflow Key Type": blank = network (Zapier fills the default); partner = affiliate. */
export function everflowKeyType(z: ZObject, value: unknown): EverflowKeyType {
  if (isBlank(value)) return 'network';
  const type = String(value).trim().toLowerCase();
  if (type === 'network') return 'network';
  if (type === 'affiliate' || type === 'partner') return 'affiliate';
  throw invalidInput(
    z,
    `Everflow Key Type must be Network or Partner / affiliate, but it was "${String(value)}". ` +
      'Reconnect and choose one.',
  );
}

/** EVERFLOW_API_URL when set (tests, the sandbox), else the region's address. */
export function everflowBaseUrl(z: ZObject, region: unknown): string {
  const override = process.env.EVERFLOW_API_URL;
  if (override) return override.replace(/\/+$/, '');
  const chosen = isBlank(region) ? 'us' : String(region).trim().toLowerCase();
  if (chosen === 'us' || chosen === 'eu') return EVERFLOW_REGION_URLS[chosen];
  throw invalidInput(
    z,
    `Everflow Region must be "us" or "eu", but it was "${String(region)}". Reconnect and choose one.`,
  );
}

/** The message for a key used on the other side ("Out of realm"). */
export function wrongKeyTypeMessage(configured: EverflowKeyType): string {
  return configured === 'network'
    ? "This Everflow key is a partner (affiliate) key, but the connection's Everflow Key Type is " +
        'Network. Reconnect and set Everflow Key Type to Partner / affiliate.'
    : "This Everflow key is a network key, but the connection's Everflow Key Type is Partner / " +
        'affiliate. Reconnect and set Everflow Key Type to Network.';
}

/**
 * The message when a step asks for something only the other key type can do. `what` ends with
 * "need"/"needs" ("Listing affiliates needs"); `fix` is an optional first remedy ending in "or".
 */
export function needsKeyTypeMessage(what: string, needed: EverflowKeyType, fix: string): string {
  const other: EverflowKeyType = needed === 'network' ? 'affiliate' : 'network';
  const article = needed === 'network' ? 'a network' : 'a partner (affiliate)';
  const action = fix ? `${fix} use` : 'Use';
  return (
    `${what} ${article} key, but this connection's Everflow Key Type is ${KEY_TYPE_LABELS[other]}. ` +
    `${action} a connection with ${article} key (Everflow Key Type: ${KEY_TYPE_LABELS[needed]}).`
  );
}

function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export interface EverflowContext {
  keyType: EverflowKeyType;
  /** Set on link requests, so a refusal can name the offer. */
  offerId?: number;
}

/** Everflow-specific reading of an error answer; the rest is the generic mapping. */
export function everflowProblem(
  status: number,
  body: unknown,
  context: EverflowContext,
): ApiProblem {
  const text = errorText(body);
  const said = text ? `: ${clip(text)}` : '';
  if (status === 403 && /out of realm/i.test(text ?? '')) {
    return { kind: 'forbidden', status, message: wrongKeyTypeMessage(context.keyType) };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      message:
        `Everflow refused access (403${said}). Check that this API key may use this part of ` +
        'Everflow; if your network uses an API IP whitelist (Control Center → Security → API ' +
        "Whitelist), Zapier's servers must be allowed.",
    };
  }
  if ((status === 400 || status === 422) && context.offerId !== undefined) {
    const check =
      context.keyType === 'network'
        ? 'the affiliate is approved to run this offer, and that the offer URL and creative belong to it'
        : 'you are approved to run this offer, and that the offer URL belongs to it';
    return {
      kind: 'rejected',
      status,
      message:
        `Everflow would not make a link for offer ${context.offerId} (HTTP ${status}${said}). ` +
        `Check that ${check}.`,
    };
  }
  return genericProblem('Everflow', status, body, AUTH_HINT);
}

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

type Params = Record<string, string | number>;

interface CallOptions {
  params?: Params;
  json?: unknown;
  offerId?: number;
}

export const BUDGET_EXHAUSTED_CODE = 'EverflowTimeBudget';

/** The dropdown page Zapier asks for, from 0. `bundle.meta` is missing in some test runners. */
export function zapierPage(bundle: Bundle): number {
  const meta = bundle.meta as Partial<Bundle['meta']> | undefined;
  const page = meta?.page;
  return typeof page === 'number' && Number.isInteger(page) && page > 0 ? page : 0;
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
}

export class EverflowClient {
  readonly keyType: EverflowKeyType;
  private readonly baseUrl: string;
  private readonly key: string;

  /** Reads and checks the connection's Everflow settings; throws before any request. */
  constructor(
    private readonly z: ZObject,
    bundle: Bundle,
    private readonly options: EverflowClientOptions = {},
  ) {
    const key = bundle.authData.everflow_api_key;
    if (isBlank(key)) {
      throw invalidInput(
        z,
        'This connection has no Everflow API Key. Reconnect and fill in "Everflow API Key".',
      );
    }
    this.key = key.trim();
    this.keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
    this.baseUrl = everflowBaseUrl(z, bundle.authData.everflow_region);
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
      network: 'Everflow',
      method,
      url: `${this.baseUrl}${path}`,
      headers: { 'X-Eflow-API-Key': key },
      params: options.params,
      json: options.json,
      schema,
      throttleWindowSeconds: EVERFLOW_WINDOW_SECONDS,
      authHint: AUTH_HINT,
      secrets: [key],
      mapError: (status, body) =>
        everflowProblem(status, body, { keyType: this.keyType, offerId: options.offerId }),
    });
  }

  private async waitForTurn(): Promise<void> {
    const { gate, deadline } = this.options;
    if (!gate || (await gate.take(deadline))) return;
    throw new this.z.errors.Error(
      "Not made: this run reached the time Zapier allows one step (30 seconds) before this item's " +
        'turn. Run the step again for the remaining items, or split the list into smaller runs.',
      BUDGET_EXHAUSTED_CODE,
      408,
    );
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
}

function networkCouponParams(filter: CouponFilter): Params {
  const params: Params = { page: 1, page_size: EVERFLOW_LIST_ALL_SIZE, relationship: 'offer' };
  if (filter.couponCode !== undefined) params['filter[coupon_code]'] = filter.couponCode;
  if (filter.offerId !== undefined) params['filter[network_offer_id]'] = filter.offerId;
  return params;
}

/** Coupon codes compare without regard to case or surrounding spaces. */
export function couponMatches(coupon: EverflowCoupon, filter: CouponFilter): boolean {
  const code = filter.couponCode?.trim().toLowerCase();
  if (code !== undefined && coupon.coupon_code.trim().toLowerCase() !== code) return false;
  return filter.offerId === undefined || coupon.network_offer_id === filter.offerId;
}

/** Everflow dates as ISO-8601: dates stay dates, "date time" gets a T, Unix seconds become UTC. */
export function isoDate(value: string | number | null): string | null {
  if (value === null || value === '' || value === 0) return null;
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const text = value.trim();
  if (/^0000-00-00/.test(text)) return null;
  if (/^\d+$/.test(text)) return isoDate(Number(text));
  const dateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)(.*)$/.exec(text);
  if (dateTime) return `${dateTime[1]}T${dateTime[2]}${dateTime[4]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
}

// ---------------------------------------------------------------------------------------------
// Connection.

/**
 * The Everflow part of the connection. Only the key counts as "started": the key type and region
 * have defaults Zapier always fills, so they must not make an Awin-only connection half filled.
 */
export const everflowConnection: NetworkConnection = {
  network: 'Everflow',
  fields: [['everflow_api_key', 'Everflow API Key']],
  required: ['everflow_api_key'],
  async test(z, bundle) {
    const everflow = new EverflowClient(z, bundle);
    if (everflow.keyType === 'network') {
      const network = await everflow.network();
      return `Everflow ${network.name}`;
    }
    const affiliate = await everflow.affiliate();
    return `Everflow ${affiliate.name} (partner ${affiliate.network_affiliate_id})`;
  },
};
