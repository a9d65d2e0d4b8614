// The Everflow API, network and partner sides, imitated under the `/everflow/v1` prefix (see the
// shared api/everflow.md and the OpenAPI files beside it).
import { everflowConversions, everflowEntityTable } from './conversions';
import {
  EVERFLOW_AFFILIATES,
  EVERFLOW_APPROVED,
  EVERFLOW_COUPONS,
  EVERFLOW_CREATIVES,
  EVERFLOW_KEYS,
  EVERFLOW_NETWORK,
  EVERFLOW_OFFER_URLS,
  EVERFLOW_OFFERS,
  EVERFLOW_TRACKING_DOMAINS,
  extraEverflowOffers,
  type EverflowAffiliateData,
  type EverflowCouponData,
  type EverflowCreativeData,
  type EverflowKeyOwner,
  type EverflowOfferData,
  type EverflowRealm,
} from './data/everflow';
import {
  isRecord,
  json,
  parseJsonBody,
  type NetworkModule,
  type NetworkSettings,
  type RouteHandler,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

const EVERFLOW_PREFIX = '/everflow/v1';
const EVERFLOW_SUB_LIMIT = 200;
const MAX_PAGE_SIZE = 2000;
const DEFAULT_PAGE_SIZE = 50;

const INTEGER_FIELDS = [
  'network_offer_id',
  'network_affiliate_id',
  'network_tracking_domain_id',
  'network_offer_url_id',
  'creative_id',
  'network_traffic_source_id',
] as const;
const STRING_FIELDS = ['source_id', 'sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;
const BOOLEAN_FIELDS = ['is_encrypt_parameters', 'is_redirect_link'] as const;
const CLICK_FIELDS = new Set<string>([...INTEGER_FIELDS, ...STRING_FIELDS, ...BOOLEAN_FIELDS]);

/** A partner route's handler gets the affiliate the key belongs to. */
type PartnerHandler = (req: SandboxRequest, affiliateId: number) => SandboxResponse;

function error(status: number, message: string): SandboxResponse {
  return json(status, { error: message });
}

/** The partner offer endpoints answer errors in the older capital-E envelope. */
function legacyError(status: number, message: string): SandboxResponse {
  return json(status, { Error: message });
}

// --- tokens and paging ---------------------------------------------------------------------------

/** A token bucket per key type: `rate` tokens a second, at most `burst` in the bucket. */
class SandboxBucket {
  private tokens: number;
  private updatedAt: number | undefined;

  constructor(
    readonly rate: number,
    private readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token at time `now` (ms); false when the bucket is empty. */
  take(now: number): boolean {
    const elapsed = this.updatedAt === undefined ? 0 : Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.rate);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  get remaining(): number {
    return Math.max(0, Math.floor(this.tokens));
  }
}

interface Page {
  page: number;
  pageSize: number;
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Paging from the query (the reference) or the body (the quickstart); the docs disagree. */
function readPage(req: SandboxRequest, body: Record<string, unknown> = {}): Page | undefined {
  const rawPage = req.query.get('page') ?? body.page ?? 1;
  const rawSize = req.query.get('page_size') ?? body.page_size ?? DEFAULT_PAGE_SIZE;
  const page = positiveInteger(rawPage);
  const pageSize = positiveInteger(rawSize);
  if (page === undefined || pageSize === undefined || pageSize > MAX_PAGE_SIZE) return undefined;
  return { page, pageSize };
}

function paged<T>(items: T[], page: Page): { items: T[]; paging: Record<string, number> } {
  const start = (page.page - 1) * page.pageSize;
  return {
    items: items.slice(start, start + page.pageSize),
    paging: { page: page.page, page_size: page.pageSize, total_count: items.length },
  };
}

const BAD_PAGING = error(
  400,
  `page must be 1 or more and page_size between 1 and ${MAX_PAGE_SIZE}`,
);

function readBody(req: SandboxRequest): Record<string, unknown> | undefined {
  if (req.body.trim() === '') return {};
  const parsed = parseJsonBody(req.body);
  return parsed && isRecord(parsed.value) ? parsed.value : undefined;
}

function searchTerms(body: Record<string, unknown>): { type: string; value: string }[] {
  const terms = Array.isArray(body.search_terms) ? body.search_terms : [];
  return terms.filter(isRecord).map((term) => ({
    type: String(term.search_type ?? ''),
    value: String(term.value ?? '').toLowerCase(),
  }));
}

// --- links ---------------------------------------------------------------------------------------

/** Everflow-style short code for an id in a tracking link path. */
export function encodedId(id: number): string {
  return (id * 104_729 + 52_711).toString(36).toUpperCase();
}

function defaultDomain(): string {
  return (EVERFLOW_TRACKING_DOMAINS.find((d) => d.isDefault) ?? EVERFLOW_TRACKING_DOMAINS[0])
    .domain;
}

function redirectLink(domain: string, affiliateId: number, offerId: number): string {
  return `https://${domain}/${encodedId(affiliateId)}/${encodedId(offerId)}/`;
}

function withQuery(base: string, params: [string, string][]): string {
  if (params.length === 0) return base;
  const separator = base.includes('?') ? '&' : '?';
  return `${base}${separator}${new URLSearchParams(params).toString()}`;
}

/** The offers of one sandbox: the data set's, plus any `everflowExtraOffers`. */
type Offers = readonly EverflowOfferData[];

/** An offer of the built-in data set (coupon codes and creatives belong to these). */
function offerById(id: number, offers: Offers = EVERFLOW_OFFERS): EverflowOfferData | undefined {
  return offers.find((offer) => offer.id === id);
}

function affiliateById(id: number): EverflowAffiliateData | undefined {
  return EVERFLOW_AFFILIATES.find((affiliate) => affiliate.id === id);
}

function activeUrl(offerId: number, urlId: number) {
  return EVERFLOW_OFFER_URLS.find(
    (url) => url.id === urlId && url.offerId === offerId && url.status === 'active',
  );
}

/** Whether an affiliate may run an offer at all (paused offers included, as on the network side). */
function mayRun(affiliate: EverflowAffiliateData, offer: EverflowOfferData): boolean {
  if (affiliate.status !== 'active') return false;
  return (
    offer.visibility === 'public' || (EVERFLOW_APPROVED[offer.id] ?? []).includes(affiliate.id)
  );
}

/** Offers a partner sees, and those it may run now. */
function visibleOffers(offers: Offers): EverflowOfferData[] {
  return offers.filter((offer) => offer.status === 'active');
}

function runnableOffers(offers: Offers, affiliateId: number): EverflowOfferData[] {
  const affiliate = affiliateById(affiliateId) as EverflowAffiliateData;
  return visibleOffers(offers).filter((offer) => mayRun(affiliate, offer));
}

function hasImpressionTracking(offer: EverflowOfferData): boolean {
  return offer.impressionTracking !== false;
}

function partnerLink(affiliateId: number, offerId: number, urlId: number, impression: boolean) {
  const path = redirectLink(defaultDomain(), affiliateId, offerId);
  const base = impression ? path.replace(/^(https:\/\/[^/]+\/)/, '$1i/') : path;
  return withQuery(base, urlId > 0 ? [['uid', String(urlId)]] : []);
}

/** A direct link: the landing page itself, with the ids Everflow's on-page SDK reads. */
function directLink(
  offer: EverflowOfferData,
  affiliateId: number,
  urlId: number | undefined,
  params: [string, string][] = [],
): string {
  const landing = urlId === undefined ? undefined : activeUrl(offer.id, urlId)?.destinationUrl;
  const ids: [string, string][] = [
    ['oid', String(offer.id)],
    ['affid', String(affiliateId)],
  ];
  return withQuery(landing ?? offer.destinationUrl, [...ids, ...params]);
}

/** A partner's click link: the direct link on direct-linking offers, else the redirect link. */
function partnerClickLink(offer: EverflowOfferData, affiliateId: number, urlId: number): string {
  return offer.directLinking
    ? directLink(offer, affiliateId, urlId)
    : partnerLink(affiliateId, offer.id, urlId, false);
}

// --- JSON shapes ---------------------------------------------------------------------------------

function networkOfferJson(offer: EverflowOfferData) {
  return {
    network_offer_id: offer.id,
    network_id: EVERFLOW_NETWORK.network_id,
    network_advertiser_id: offer.advertiserId,
    name: offer.name,
    offer_status: offer.status,
    visibility: offer.visibility,
    currency_id: 'USD',
    destination_url: offer.destinationUrl,
    preview_url: offer.previewUrl,
    thumbnail_url: '',
    is_use_direct_linking: offer.directLinking,
    conversion_method: 'server_postback',
    payout: { payout_type: 'cpa', payout_amount: offer.payout },
    time_created: offer.timeCreated,
    time_saved: offer.timeCreated,
  };
}

function partnerOfferJson(offer: EverflowOfferData, affiliateId: number) {
  const affiliate = affiliateById(affiliateId) as EverflowAffiliateData;
  const runnable = mayRun(affiliate, offer);
  const urls = EVERFLOW_OFFER_URLS.filter((u) => u.offerId === offer.id && u.status === 'active');
  const creatives = EVERFLOW_CREATIVES.filter(
    (c) => c.offerId === offer.id && c.status === 'active' && !c.isPrivate,
  );
  const urlRefs = urls.map((u) => ({
    network_offer_url_id: u.id,
    name: u.name,
    url: u.destinationUrl,
  }));
  // Direct-linking offers carry both links; others have an empty redirect link (as Everflow does).
  const redirect =
    runnable && offer.directLinking ? partnerLink(affiliateId, offer.id, 0, false) : '';
  const impression =
    runnable && hasImpressionTracking(offer) ? partnerLink(affiliateId, offer.id, 0, true) : '';
  return {
    network_offer_id: offer.id,
    name: offer.name,
    offer_status: offer.status,
    currency_id: 'USD',
    visibility: offer.visibility,
    preview_url: offer.previewUrl,
    is_use_direct_linking: offer.directLinking,
    tracking_url: runnable ? partnerClickLink(offer, affiliateId, 0) : '',
    redirect_tracking_url: redirect,
    impression_tracking_url: impression,
    relationship: {
      offer_affiliate_status: runnable ? 'approved' : 'pending',
      category: { network_category_id: offer.advertiserId, name: offer.category },
      // Everflow's relationship convention; the OpenAPI files show plain arrays (urls: both).
      creatives: {
        total: creatives.length,
        entries: creatives.map((c) => ({ ...creativeJson(c), creative_status: c.status })),
      },
      payouts: [{ payout_type: 'cpa', payout_amount: offer.payout }],
      // Both shapes answers come in: even offer ids as a {total, entries} block, odd as a list.
      urls: offer.id % 2 === 0 ? { total: urls.length, entries: urlRefs } : urlRefs,
      remaining_caps: {},
    },
  };
}

/** What partners see of a creative: its file and HTML (third-party code reads them there too). */
function creativeJson(c: EverflowCreativeData) {
  return {
    network_offer_creative_id: c.id,
    name: c.name,
    creative_type: c.type,
    resource_url: c.resourceUrl ?? '',
    html_code: c.htmlCode ?? '',
    width: c.width ?? 0,
    height: c.height ?? 0,
  };
}

function couponJson(coupon: EverflowCouponData, side: EverflowRealm) {
  const offer = offerById(coupon.offerId) as EverflowOfferData;
  const base = {
    network_coupon_code_id: coupon.id,
    network_offer_id: coupon.offerId,
    coupon_code: coupon.code,
    coupon_status: coupon.status,
    description: coupon.description,
    is_description_plain_text: true,
  };
  if (side === 'network') {
    return {
      ...base,
      network_id: EVERFLOW_NETWORK.network_id,
      network_affiliate_id: coupon.affiliateId,
      start_date: coupon.startDate,
      end_date: coupon.endDate,
    };
  }
  // The partner list uses date-times (OpenAPI `format: date-time`) and carries a tracking link.
  return {
    ...base,
    tracking_link: withQuery(partnerLink(coupon.affiliateId, coupon.offerId, 0, false), [
      ['coupon_code', coupon.code],
    ]),
    start_date: coupon.startDate ? `${coupon.startDate}T00:00:00Z` : '',
    end_date: coupon.endDate ? `${coupon.endDate}T23:59:59Z` : '',
    relationship: {
      offer: { network_offer_id: offer.id, name: offer.name, offer_status: offer.status },
    },
  };
}

// --- network side --------------------------------------------------------------------------------

/** The offer's active URLs in Everflow's `{total, entries}` relationship shape. */
function urlsRelationship(offer: EverflowOfferData) {
  const urls = EVERFLOW_OFFER_URLS.filter((u) => u.offerId === offer.id && u.status === 'active');
  return {
    total: urls.length,
    entries: urls.map((u) => ({
      network_offer_url_id: u.id,
      network_offer_id: u.offerId,
      name: u.name,
      destination_url: u.destinationUrl,
      url_status: u.status,
    })),
  };
}

/** The network offer, with the relationships asked for with `?relationship=` (only urls here). */
function networkOfferWith(req: SandboxRequest, offer: EverflowOfferData) {
  const json = networkOfferJson(offer);
  if (!req.query.getAll('relationship').includes('urls')) return json;
  return { ...json, relationship: { urls: urlsRelationship(offer) } };
}

function offersTable(all: Offers, req: SandboxRequest): SandboxResponse {
  const body = readBody(req);
  if (!body) return error(400, 'Request body must be a JSON object');
  const page = readPage(req, body);
  if (!page) return BAD_PAGING;
  const names = searchTerms(body).filter((t) => t.type === 'name' && t.value !== '');
  const filters = isRecord(body.filters) ? body.filters : {};
  const offers = all.filter(
    (offer) =>
      names.every((term) => offer.name.toLowerCase().includes(term.value)) &&
      (filters.offer_status === undefined || offer.status === filters.offer_status),
  );
  const { items, paging } = paged(offers, page);
  return json(200, { offers: items.map((offer) => networkOfferWith(req, offer)), paging });
}

function networkOffer(offers: Offers, req: SandboxRequest): SandboxResponse {
  const offer = offers.find((o) => String(o.id) === req.params.offerId);
  if (!offer) return error(404, `Offer ${req.params.offerId} not found`);
  return json(200, networkOfferWith(req, offer));
}

/** `GET /networks/offers/runnable/affiliate/ids?network_affiliate_id=N` */
function runnableOfferIds(offers: Offers, req: SandboxRequest): SandboxResponse {
  const raw = req.query.get('network_affiliate_id');
  const affiliateId = positiveInteger(raw ?? undefined);
  if (affiliateId === undefined) return error(400, 'network_affiliate_id must be an integer');
  const affiliate = affiliateById(affiliateId);
  if (!affiliate) return error(404, `Affiliate ${affiliateId} not found`);
  return json(200, {
    offer_ids: offers.filter((offer) => mayRun(affiliate, offer)).map((offer) => offer.id),
  });
}

/** `POST /networks/offers/{id}/impressionurl` with `{network_affiliate_id}`. */
function networkImpressionUrl(offers: Offers, req: SandboxRequest): SandboxResponse {
  const body = readBody(req);
  if (!body) return error(400, 'Request body must be a JSON object');
  const affiliateId = body.network_affiliate_id;
  if (typeof affiliateId !== 'number' || !Number.isSafeInteger(affiliateId)) {
    return error(400, 'network_affiliate_id must be an integer');
  }
  const offer = offers.find((o) => String(o.id) === req.params.offerId);
  if (!offer) return error(404, `Offer ${req.params.offerId} not found`);
  const affiliate = affiliateById(affiliateId);
  if (!affiliate) return error(404, `Affiliate ${affiliateId} not found`);
  if (!mayRun(affiliate, offer)) {
    return error(422, `Affiliate ${affiliate.id} is not approved to run offer ${offer.id}`);
  }
  if (!hasImpressionTracking(offer)) {
    return error(400, `Impression tracking is not enabled for offer ${offer.id}`);
  }
  return json(200, { impression_url: partnerLink(affiliateId, offer.id, 0, true) });
}

function affiliatesTable(req: SandboxRequest): SandboxResponse {
  const body = readBody(req);
  if (!body) return error(400, 'Request body must be a JSON object');
  const page = readPage(req, body);
  if (!page) return BAD_PAGING;
  const filters = isRecord(body.filters) ? body.filters : {};
  const names = searchTerms(body).filter((t) => t.type === 'name' && t.value !== '');
  const affiliates = EVERFLOW_AFFILIATES.filter(
    (a) =>
      (filters.account_status === undefined || a.status === filters.account_status) &&
      names.every((term) => a.name.toLowerCase().includes(term.value)),
  );
  const { items, paging } = paged(affiliates, page);
  return json(200, {
    affiliates: items.map((a) => ({
      network_affiliate_id: a.id,
      network_id: EVERFLOW_NETWORK.network_id,
      name: a.name,
      account_status: a.status,
      default_currency_id: 'USD',
      labels: [],
    })),
    paging,
  });
}

function trackingDomains(): SandboxResponse {
  return json(
    200,
    EVERFLOW_TRACKING_DOMAINS.map((d) => ({
      network_tracking_domain_id: d.id,
      network_id: EVERFLOW_NETWORK.network_id,
      domain: d.domain,
      status: 'active',
      is_default: d.isDefault,
    })),
  );
}

/** `filter[network_offer_id]=5` (the OpenAPI file) or `filter=network_offer_id=5` (the guide). */
function offerIdFilter(req: SandboxRequest): string | undefined {
  const bracketed = req.query.get('filter[network_offer_id]');
  if (bracketed !== null) return bracketed;
  const plain = /^network_offer_id=(.*)$/.exec(req.query.get('filter') ?? '');
  return plain?.[1];
}

function offerUrls(req: SandboxRequest): SandboxResponse {
  const page = readPage(req);
  if (!page) return BAD_PAGING;
  const offerFilter = offerIdFilter(req);
  const offerId = offerFilter === undefined ? undefined : positiveInteger(offerFilter);
  if (offerFilter !== undefined && offerId === undefined) {
    return error(400, 'network_offer_id filter must be a positive integer');
  }
  const status = req.query.get('filter[url_status]');
  const urls = EVERFLOW_OFFER_URLS.filter(
    (u) => (offerId === undefined || u.offerId === offerId) && (!status || u.status === status),
  );
  const { items, paging } = paged(urls, page);
  return json(200, {
    urls: items.map((u) => ({
      network_offer_url_id: u.id,
      network_id: EVERFLOW_NETWORK.network_id,
      network_offer_id: u.offerId,
      name: u.name,
      destination_url: u.destinationUrl,
      preview_url: u.destinationUrl,
      url_status: u.status,
      network_affiliate_ids: [],
      is_apply_specific_affiliates: false,
      is_hidden_affiliate: false,
    })),
    paging,
  });
}

function creativesTable(req: SandboxRequest): SandboxResponse {
  const body = readBody(req);
  if (!body) return error(400, 'Request body must be a JSON object');
  const page = readPage(req, body);
  if (!page) return BAD_PAGING;
  const terms = searchTerms(body);
  const matches = (creative: (typeof EVERFLOW_CREATIVES)[number]): boolean =>
    terms.every((term) => {
      const offerName = offerById(creative.offerId)?.name.toLowerCase() ?? '';
      switch (term.type) {
        case 'creative_status':
          return creative.status === term.value;
        case 'network_offer_id':
          return String(creative.offerId) === term.value;
        case 'creative_type':
          return creative.type === term.value;
        case 'network_offer_name':
          return offerName.includes(term.value);
        default:
          return creative.name.toLowerCase().includes(term.value);
      }
    });
  const { items, paging } = paged(EVERFLOW_CREATIVES.filter(matches), page);
  return json(200, {
    creatives: items.map((c) => ({
      network_offer_creative_id: c.id,
      network_id: EVERFLOW_NETWORK.network_id,
      name: c.name,
      network_offer_id: c.offerId,
      network_offer_name: offerById(c.offerId)?.name ?? '',
      creative_type: c.type,
      is_private: c.isPrivate ?? false,
      creative_status: c.status,
      resource_url: c.resourceUrl ?? '',
      html_code: c.htmlCode ?? '',
      width: c.width ?? 0,
      height: c.height ?? 0,
    })),
    paging,
  });
}

function networkCoupons(req: SandboxRequest): SandboxResponse {
  const page = readPage(req);
  if (!page) return BAD_PAGING;
  const q = (name: string) => req.query.get(`filter[${name}]`);
  const code = q('coupon_code')?.toLowerCase();
  const coupons = EVERFLOW_COUPONS.filter(
    (c) =>
      (!q('coupon_status') || c.status === q('coupon_status')) &&
      (!code || c.code.toLowerCase() === code) &&
      (!q('network_offer_id') || String(c.offerId) === q('network_offer_id')) &&
      (!q('network_affiliate_id') || String(c.affiliateId) === q('network_affiliate_id')),
  );
  const withOffer = req.query.getAll('relationship').includes('offer');
  const { items, paging } = paged(coupons, page);
  return json(200, {
    couponcodes: items.map((c) => {
      const coupon = couponJson(c, 'network');
      if (!withOffer) return coupon;
      const offer = offerById(c.offerId) as EverflowOfferData;
      const relationship = {
        offer: { network_offer_id: offer.id, name: offer.name, offer_status: offer.status },
      };
      return { ...coupon, relationship };
    }),
    paging,
  });
}

/** Checks the click body's types the way the OpenAPI file declares them. */
function clickBodyProblem(body: Record<string, unknown>): string | undefined {
  const unknown = Object.keys(body).find((key) => !CLICK_FIELDS.has(key));
  if (unknown) return `Unknown field: ${unknown}`;
  for (const key of INTEGER_FIELDS) {
    const value = body[key];
    const required = key === 'network_offer_id' || key === 'network_affiliate_id';
    if (value === undefined && !required) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      return `${key} must be an integer`;
    }
  }
  for (const key of STRING_FIELDS) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${key} must be a string`;
    if (value.length > EVERFLOW_SUB_LIMIT) {
      return `${key} must be at most ${EVERFLOW_SUB_LIMIT} characters`;
    }
  }
  const flag = BOOLEAN_FIELDS.find(
    (key) => body[key] !== undefined && typeof body[key] !== 'boolean',
  );
  return flag ? `${flag} must be a boolean` : undefined;
}

function clickParams(body: Record<string, unknown>): [string, string][] {
  const params: [string, string][] = [];
  if (body.network_offer_url_id !== undefined) {
    params.push(['uid', String(body.network_offer_url_id)]);
  }
  if (body.creative_id !== undefined) params.push(['creative_id', String(body.creative_id)]);
  for (const key of STRING_FIELDS) {
    if (typeof body[key] === 'string') params.push([key, body[key] as string]);
  }
  return params;
}

/** Everflow folds every parameter into one when asked to encrypt them. */
function encrypted(params: [string, string][]): [string, string][] {
  if (params.length === 0) return params;
  const folded = Buffer.from(new URLSearchParams(params).toString()).toString('base64url');
  return [['_ef', folded]];
}

function clickLinkProblem(
  offers: Offers,
  body: Record<string, unknown>,
): SandboxResponse | undefined {
  const offer = offerById(body.network_offer_id as number, offers);
  if (!offer) return error(404, `Offer ${String(body.network_offer_id)} not found`);
  const affiliate = affiliateById(body.network_affiliate_id as number);
  if (!affiliate) return error(404, `Affiliate ${String(body.network_affiliate_id)} not found`);
  if (!mayRun(affiliate, offer)) {
    return error(422, `Affiliate ${affiliate.id} is not approved to run offer ${offer.id}`);
  }
  const domainId = body.network_tracking_domain_id;
  if (domainId !== undefined && !EVERFLOW_TRACKING_DOMAINS.some((d) => d.id === domainId)) {
    return error(400, `Tracking domain ${String(domainId)} not found`);
  }
  const urlId = body.network_offer_url_id;
  if (urlId !== undefined && !activeUrl(offer.id, urlId as number)) {
    return error(400, `Offer URL ${String(urlId)} does not belong to offer ${offer.id}`);
  }
  const creativeId = body.creative_id;
  if (
    creativeId !== undefined &&
    !EVERFLOW_CREATIVES.some((c) => c.id === creativeId && c.offerId === offer.id)
  ) {
    return error(400, `Creative ${String(creativeId)} does not belong to offer ${offer.id}`);
  }
  return undefined;
}

function trackingClicks(offers: Offers, req: SandboxRequest): SandboxResponse {
  const body = readBody(req);
  if (!body) return error(400, 'Request body must be a JSON object');
  const problem = clickBodyProblem(body);
  if (problem) return error(400, problem);
  const refused = clickLinkProblem(offers, body);
  if (refused) return refused;
  const offer = offerById(body.network_offer_id as number, offers) as EverflowOfferData;
  const affiliateId = body.network_affiliate_id as number;
  const domain =
    EVERFLOW_TRACKING_DOMAINS.find((d) => d.id === body.network_tracking_domain_id)?.domain ??
    defaultDomain();
  const params = clickParams(body);
  const shown = body.is_encrypt_parameters === true ? encrypted(params) : params;
  if (offer.directLinking && body.is_redirect_link !== true) {
    const urlId = body.network_offer_url_id as number | undefined;
    return json(200, { url: directLink(offer, affiliateId, urlId, shown) });
  }
  return json(200, { url: withQuery(redirectLink(domain, affiliateId, offer.id), shown) });
}

// --- partner side --------------------------------------------------------------------------------

function partnerOffers(list: (affiliateId: number) => EverflowOfferData[]): PartnerHandler {
  return (req, affiliateId) => {
    const page = readPage(req);
    if (!page) return BAD_PAGING;
    const search = req.query.get('search')?.trim().toLowerCase();
    const offers = list(affiliateId).filter(
      (offer) =>
        !search || offer.name.toLowerCase().includes(search) || String(offer.id) === search,
    );
    const { items, paging } = paged(offers, page);
    return json(200, {
      offers: items.map((offer) => partnerOfferJson(offer, affiliateId)),
      paging,
    });
  };
}

function partnerOffer(offers: Offers, req: SandboxRequest, affiliateId: number): SandboxResponse {
  const offer = visibleOffers(offers).find((o) => String(o.id) === req.params.offerId);
  if (!offer) return legacyError(404, `Offer ${req.params.offerId} not found`);
  return json(200, partnerOfferJson(offer, affiliateId));
}

function partnerTrackingUrl(offers: Offers, impression: boolean): PartnerHandler {
  return (req, affiliateId) => {
    const offerId = positiveInteger(req.params.offerId);
    const urlId = req.params.urlId === '0' ? 0 : positiveInteger(req.params.urlId);
    if (offerId === undefined || urlId === undefined) {
      return legacyError(400, 'Offer ID and URL ID must be integers');
    }
    const offer = runnableOffers(offers, affiliateId).find((o) => o.id === offerId);
    if (!offer) {
      return legacyError(400, `You are not allowed to run offer ${offerId}`);
    }
    if (urlId > 0 && !activeUrl(offerId, urlId)) {
      return legacyError(400, `Offer URL ${urlId} does not belong to offer ${offerId}`);
    }
    if (impression && !hasImpressionTracking(offer)) {
      return legacyError(400, `Impression tracking is not enabled for offer ${offerId}`);
    }
    return json(
      200,
      impression
        ? { impression_url: partnerLink(affiliateId, offerId, urlId, true) }
        : { tracking_url: partnerClickLink(offer, affiliateId, urlId) },
    );
  };
}

function partnerCoupons(offers: Offers, affiliateId: number): SandboxResponse {
  const runnable = new Set(runnableOffers(offers, affiliateId).map((offer) => offer.id));
  const coupons = EVERFLOW_COUPONS.filter(
    (c) => c.affiliateId === affiliateId && c.status === 'active' && runnable.has(c.offerId),
  );
  return json(200, { coupon_codes: coupons.map((c) => couponJson(c, 'affiliate')) });
}

function partnerAccount(_req: SandboxRequest, affiliateId: number): SandboxResponse {
  const affiliate = affiliateById(affiliateId) as EverflowAffiliateData;
  return json(200, {
    network_affiliate_id: affiliate.id,
    name: affiliate.name,
    account_status: affiliate.status,
    email: affiliate.email,
    address: {},
    meta: {},
  });
}

// --- the module ----------------------------------------------------------------------------------

export function createEverflowNetwork(settings: NetworkSettings): NetworkModule {
  const offers: Offers = [...EVERFLOW_OFFERS, ...extraEverflowOffers(settings.everflowExtraOffers)];
  const buckets: Record<EverflowRealm, SandboxBucket> = {
    network: new SandboxBucket(
      settings.everflowNetworkRatePerSecond,
      settings.everflowNetworkBurst,
    ),
    affiliate: new SandboxBucket(
      settings.everflowPartnerRatePerSecond,
      settings.everflowPartnerBurst,
    ),
  };

  function rateHeaders(realm: EverflowRealm): Record<string, string> {
    const bucket = buckets[realm];
    return {
      'X-RateLimit-Limit': String(bucket.rate),
      'X-RateLimit-Remaining': String(bucket.remaining),
    };
  }

  /** Authentication, the token bucket and the realm check; then `answer` gives the route's answer. */
  function protect(
    realm: EverflowRealm,
    answer: (req: SandboxRequest, owner: EverflowKeyOwner) => SandboxResponse,
  ): RouteHandler {
    return (req) => {
      const key = req.headers['x-eflow-api-key'];
      if (typeof key !== 'string' || key === '') {
        return error(401, 'No Authentication Method Found');
      }
      const owner = Object.hasOwn(EVERFLOW_KEYS, key) ? EVERFLOW_KEYS[key] : undefined;
      if (!owner) return error(401, 'Invalid API Key');
      if (!buckets[owner.realm].take(req.receivedAt)) {
        return json(429, { error: 'Too Many Requests' }, rateHeaders(owner.realm));
      }
      const response =
        owner.realm === realm ? answer(req, owner) : json(403, { error: 'Out of realm' });
      return { ...response, headers: { ...response.headers, ...rateHeaders(owner.realm) } };
    };
  }

  const network = (handler: (req: SandboxRequest) => SandboxResponse) =>
    protect('network', (req) => handler(req));
  const partner = (handler: PartnerHandler) =>
    protect('affiliate', (req, owner) =>
      owner.realm === 'affiliate' ? handler(req, owner.affiliateId) : error(403, 'Out of realm'),
    );

  return {
    name: 'everflow',
    prefix: EVERFLOW_PREFIX,
    env: (baseUrl) => ({ EVERFLOW_API_URL: `${baseUrl}${EVERFLOW_PREFIX}` }),
    routes: [
      { method: 'GET', pattern: '/networks', handler: network(() => json(200, EVERFLOW_NETWORK)) },
      {
        method: 'POST',
        pattern: '/networks/offerstable',
        handler: network((req) => offersTable(offers, req)),
      },
      {
        method: 'GET',
        pattern: '/networks/offers/runnable/affiliate/ids',
        handler: network((req) => runnableOfferIds(offers, req)),
      },
      {
        method: 'GET',
        pattern: '/networks/offers/:offerId',
        handler: network((req) => networkOffer(offers, req)),
      },
      {
        method: 'POST',
        pattern: '/networks/offers/:offerId/impressionurl',
        handler: network((req) => networkImpressionUrl(offers, req)),
      },
      { method: 'POST', pattern: '/networks/affiliatestable', handler: network(affiliatesTable) },
      { method: 'GET', pattern: '/networks/trackingdomains', handler: network(trackingDomains) },
      { method: 'GET', pattern: '/networks/offerurls', handler: network(offerUrls) },
      { method: 'POST', pattern: '/networks/creativestable', handler: network(creativesTable) },
      { method: 'GET', pattern: '/networks/couponcodes', handler: network(networkCoupons) },
      {
        method: 'POST',
        pattern: '/networks/tracking/offers/clicks',
        handler: network((req) => trackingClicks(offers, req)),
      },
      { method: 'GET', pattern: '/affiliates', handler: partner(partnerAccount) },
      {
        method: 'POST',
        pattern: '/affiliates/reporting/conversions',
        handler: partner((req, affiliateId) =>
          everflowConversions(settings.conversions, req, affiliateId),
        ),
      },
      {
        method: 'POST',
        pattern: '/affiliates/reporting/entity/table',
        handler: partner((req) => everflowEntityTable(req)),
      },
      {
        method: 'GET',
        pattern: '/affiliates/alloffers',
        handler: partner(partnerOffers(() => visibleOffers(offers))),
      },
      {
        method: 'GET',
        pattern: '/affiliates/offersrunnable',
        handler: partner(partnerOffers((affiliateId) => runnableOffers(offers, affiliateId))),
      },
      {
        method: 'GET',
        pattern: '/affiliates/offers/:offerId',
        handler: partner((req, affiliateId) => partnerOffer(offers, req, affiliateId)),
      },
      {
        method: 'GET',
        pattern: '/affiliates/offers/:offerId/url/:urlId',
        handler: partner(partnerTrackingUrl(offers, false)),
      },
      {
        method: 'GET',
        pattern: '/affiliates/offers/:offerId/impressionurl/:urlId',
        handler: partner(partnerTrackingUrl(offers, true)),
      },
      {
        method: 'GET',
        pattern: '/affiliates/couponcodes',
        handler: partner((_req, affiliateId) => partnerCoupons(offers, affiliateId)),
      },
    ],
    notFound: (req) => error(404, `No route for ${req.method} ${req.fullPath}`),
  };
}
