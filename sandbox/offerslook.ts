// The Offerslook Affiliate API, imitated under `/offerslook/{network}` (see the shared api/offerslook.md).
// The real API lives on `{network}.api.offerslook.com`; here the network name is the first path
// segment, and OFFERSLOOK_API_URL keeps the literal `{network}` for the app to fill in.
//
// Every answer is the envelope {code, message, data}. Choices where the documentation is silent:
// - Wrong or missing Basic credentials: HTTP 401 with {code: 401, message: "Authentication failed"}.
// - An unknown network name: HTTP 404 with {code: 404, message: "Network not found"}.
// - Refused parameters (an invalid offer id, more than 100 ids, a limit over 100 …): HTTP 200 with a
//   non-zero code and a message, as Offerslook documents for errors in general.
import {
  OFFERSLOOK_INVALID_OFFER_ID,
  OFFERSLOOK_NETWORKS,
  OFFERSLOOK_OFFERS,
  type OfferslookAffiliate,
  type OfferslookOfferData,
} from './data/offerslook';
import { json, type NetworkModule, type SandboxRequest, type SandboxResponse } from './router';

const OFFERSLOOK_BATCH_LIMIT = 100;
const OFFERSLOOK_PAGE_LIMIT = 100;
const DEFAULT_PAGE_SIZE = 20;

function envelope(status: number, code: number, message: string, data: unknown): SandboxResponse {
  return json(status, { code, message, data });
}

const success = (data: unknown) => envelope(200, 0, 'Success', data);
/** Offerslook refuses parameters with HTTP 200 and a non-zero code. */
const refuse = (code: number, message: string) => envelope(200, code, message, null);

function affiliateOf(network: string | undefined): OfferslookAffiliate | undefined {
  return network !== undefined && Object.hasOwn(OFFERSLOOK_NETWORKS, network)
    ? OFFERSLOOK_NETWORKS[network]
    : undefined;
}

/** The `email:key` of a Basic Authorization header, or undefined. */
function basicCredentials(req: SandboxRequest): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Public offers and approved ones may be run; only those get tracking links. */
function runnable(offer: OfferslookOfferData): boolean {
  return offer.approved || offer.offer_approval === 2;
}

/** Private offers stay hidden from affiliates who are not approved for them. */
function visible(offer: OfferslookOfferData): boolean {
  return offer.offer_approval !== 3 || offer.approved;
}

function offerById(id: number): OfferslookOfferData | undefined {
  return OFFERSLOOK_OFFERS.find((offer) => offer.id === id && visible(offer));
}

function clickLink(offer: OfferslookOfferData, affiliate: OfferslookAffiliate): string {
  return `https://${affiliate.trackingHost}/index.php?offer_id=${offer.id}&aff_id=${affiliate.affiliateId}`;
}

function impressionPixel(offer: OfferslookOfferData, affiliate: OfferslookAffiliate): string {
  const { trackingHost: host, affiliateId } = affiliate;
  const src = `https://${host}/impr.php?offer_id=${offer.id}`;
  switch (offer.pixel) {
    case 'documented':
      return `<img src='${src}&aff_id=${affiliateId}'  border='0'  width='1'  height='1' />`;
    case 'doubleQuotedEntities':
      return `<img width="1" height="1" border="0" src="${src}&amp;aff_id=${affiliateId}" />`;
    case 'none':
      return '';
  }
}

function offerJson(offer: OfferslookOfferData, withDescription: boolean) {
  return {
    id: offer.id,
    name: offer.name,
    status: offer.status,
    offer_approval: offer.offer_approval,
    preview_url: offer.preview_url,
    pricing_type: offer.pricing_type,
    payout: offer.payout,
    currency: offer.currency,
    category: offer.category,
    conversion_protocol: 2,
    ...(withDescription ? { description: offer.description } : {}),
  };
}

function trackingLinks(req: SandboxRequest, affiliate: OfferslookAffiliate): SandboxResponse {
  const raw = req.params.ids.split(',');
  if (raw.some((token) => !/^\d+$/.test(token.trim()))) {
    return refuse(1001, `Invalid offer ids: ${req.params.ids.slice(0, 100)}`);
  }
  const ids = [...new Set(raw.map(Number))];
  if (ids.length > OFFERSLOOK_BATCH_LIMIT) {
    return refuse(1003, `Too many offer ids: at most ${OFFERSLOOK_BATCH_LIMIT} per request`);
  }
  if (ids.includes(OFFERSLOOK_INVALID_OFFER_ID)) {
    return refuse(1002, `Invalid offer id ${OFFERSLOOK_INVALID_OFFER_ID}`);
  }
  // Answered in id order, not request order; offers the affiliate may not run are left out.
  const links = OFFERSLOOK_OFFERS.filter((offer) => ids.includes(offer.id) && runnable(offer)).map(
    (offer) => ({
      offer_id: offer.id,
      url: clickLink(offer, affiliate),
      impression_pixel: impressionPixel(offer, affiliate),
    }),
  );
  return success({ tracking_link: links });
}

type Comparison = 'EQUAL_TO' | 'NOT_EQUAL_TO' | 'LESS_THAN' | 'GREATER_THAN';
const COMPARISONS: Record<Comparison, (a: string | number, b: string) => boolean> = {
  EQUAL_TO: (a, b) => String(a) === b,
  NOT_EQUAL_TO: (a, b) => String(a) !== b,
  LESS_THAN: (a, b) => Number(a) < Number(b),
  GREATER_THAN: (a, b) => Number(a) > Number(b),
};
const FILTERABLE = ['id', 'name', 'offer_approval', 'status', 'currency', 'category'] as const;
type Filterable = (typeof FILTERABLE)[number];

type OfferFilter = (offer: OfferslookOfferData) => boolean;

/** `filters[field][COMPARISON]=value` (and the shorthand `filters[field]=value` for EQUAL_TO). */
function readFilters(query: URLSearchParams): OfferFilter[] | string {
  const filters: OfferFilter[] = [];
  for (const [key, value] of query) {
    const match = /^filters\[([a-z_]+)\](?:\[([A-Z_]+)\])?$/.exec(key);
    if (!match) continue;
    const [, field, comparison = 'EQUAL_TO'] = match;
    if (!(FILTERABLE as readonly string[]).includes(field)) return `Unsupported filter: ${field}`;
    if (!Object.hasOwn(COMPARISONS, comparison)) return `Unsupported comparison: ${comparison}`;
    const compare = COMPARISONS[comparison as Comparison];
    filters.push((offer) => compare(offer[field as Filterable], value));
  }
  return filters;
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

/** `sort` by id only: `id`/`+id` ascending (a literal `+` arrives as a space), `-id` descending. */
function readSort(value: string | null): 1 | -1 | undefined {
  const sort = (value ?? '').trim();
  if (sort === '' || sort === 'id' || sort === '+id') return 1;
  return sort === '-id' ? -1 : undefined;
}

function offers(req: SandboxRequest): SandboxResponse {
  const type = req.query.get('type') || 'all';
  if (type !== 'all' && type !== 'personal') return refuse(1006, `Invalid type: ${type}`);
  const page = positiveInt(req.query.get('offset'), 1);
  if (page === undefined) return refuse(1006, 'offset must be a page number from 1');
  const limit = positiveInt(req.query.get('limit'), DEFAULT_PAGE_SIZE);
  if (limit === undefined || limit > OFFERSLOOK_PAGE_LIMIT) {
    return refuse(1004, `limit must be between 1 and ${OFFERSLOOK_PAGE_LIMIT}`);
  }
  const direction = readSort(req.query.get('sort'));
  if (direction === undefined) return refuse(1006, 'Only id sorting is supported');
  const filters = readFilters(req.query);
  if (typeof filters === 'string') return refuse(1006, filters);
  const withDescription = (req.query.get('contains') ?? '').split(',').includes('description');

  const matching = OFFERSLOOK_OFFERS.filter(
    (offer) =>
      visible(offer) && (type === 'all' || offer.approved) && filters.every((keep) => keep(offer)),
  ).sort((a, b) => direction * (a.id - b.id));
  const rows = matching.slice((page - 1) * limit, page * limit).map((offer) => ({
    offer: offerJson(offer, withDescription),
    offer_geo: { target: [{ country_code: offer.geo_country }] },
  }));
  return success({
    rowset: rows,
    totalRows: matching.length,
    totalPages: Math.ceil(matching.length / limit),
  });
}

function offerTrackingLink(req: SandboxRequest, affiliate: OfferslookAffiliate): SandboxResponse {
  const id = positiveInt(req.params.offerId, 0);
  const offer = id ? offerById(id) : undefined;
  if (!offer || id === OFFERSLOOK_INVALID_OFFER_ID) {
    return refuse(1002, `Invalid offer id ${req.params.offerId.slice(0, 20)}`);
  }
  if (!runnable(offer)) return refuse(1005, `Offer ${offer.id} is not approved for you`);
  const base = clickLink(offer, affiliate);
  const urlId = req.query.get('url_id');
  const chosen = urlId === null ? undefined : offer.extraUrls.find((u) => String(u.id) === urlId);
  if (urlId !== null && !chosen) return refuse(1007, `Invalid url_id ${urlId.slice(0, 20)}`);
  const random = req.query.get('random_url') === '1' ? '&random_url=1' : '';
  return success({
    tracking_link: {
      url: `${base}${chosen ? `&url_id=${chosen.id}` : ''}${random}`,
      impression_pixel: impressionPixel(offer, affiliate),
      // As documented: `name` only on named offer URLs, no `preview_url` on Random.
      offer_url: [
        { type: 'Default', tracking_link: base, preview_url: offer.preview_url },
        { type: 'Random', tracking_link: `${base}&random_url=1` },
        ...offer.extraUrls.map((extra) => ({
          type: 'Offer URL',
          name: extra.name,
          tracking_link: `${base}&url_id=${extra.id}`,
          preview_url: extra.preview_url,
        })),
      ],
    },
  });
}

/** The affiliate of the request's network; the guard has already refused unknown networks. */
function affiliateFor(req: SandboxRequest): OfferslookAffiliate {
  return affiliateOf(req.params.network) as OfferslookAffiliate;
}

const NETWORK_NOT_FOUND = () => envelope(404, 404, 'Network not found', null);

function guard(req: SandboxRequest): SandboxResponse | undefined {
  const affiliate = affiliateOf(req.params.network);
  if (!affiliate) return NETWORK_NOT_FOUND();
  const credentials = basicCredentials(req);
  if (credentials?.user !== affiliate.email || credentials.password !== affiliate.apiKey) {
    return envelope(401, 401, 'Authentication failed', null);
  }
  return undefined;
}

export function createOfferslookNetwork(): NetworkModule {
  return {
    name: 'offerslook',
    prefix: '/offerslook',
    env: (baseUrl) => ({ OFFERSLOOK_API_URL: `${baseUrl}/offerslook/{network}` }),
    routes: [
      {
        method: 'GET',
        pattern: '/:network/aff/v1/batches/offers/tracking_links/:ids',
        handler: (req) => trackingLinks(req, affiliateFor(req)),
      },
      { method: 'GET', pattern: '/:network/aff/v1/batches/offers', handler: offers },
      {
        method: 'GET',
        pattern: '/:network/aff/v1/offers/:offerId/tracking_links',
        handler: (req) => offerTrackingLink(req, affiliateFor(req)),
      },
    ],
    guard,
    notFound: (req) => {
      const network = req.path.split('/')[1];
      return affiliateOf(network)
        ? envelope(404, 404, `Not found: ${req.method} ${req.fullPath}`, null)
        : NETWORK_NOT_FOUND();
    },
  };
}
