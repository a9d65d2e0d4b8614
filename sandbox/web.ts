// The sandbox's imitation of the web, for link checks (README "Checking links", tests and the
// sandbox only). With LINK_CHECK_BASE_URL pointing here, the checker asks for the hop
// `https://host/path?q` as `GET /web/https/host/path?q`, and this module answers as that host
// would: the networks' click servers redirecting to shop pages, and every way that can go wrong.
// It is built from the sandbox's data sets, so every link the sandbox hands out lands where it
// says (any page of an advertiser's, offer's or campaign's site answers), except the pages below
// that fail on purpose (WEB_CASES and WATCH_LINKS name them).
// Brands, ids and hosts follow the other sandbox data sets; every name is under a reserved TLD
// (`.example`) or belongs to a network, and none is ever resolved in test mode.
import { createHash } from 'node:crypto';

import { awinShortLinkTarget } from './awin';
import { AWIN_ADVERTISERS } from './data/awin';
import {
  EVERFLOW_OFFER_URLS,
  EVERFLOW_OFFERS,
  EVERFLOW_TRACKING_DOMAINS,
  extraEverflowOffers,
  type EverflowOfferData,
} from './data/everflow';
import { OFFERSLOOK_NETWORKS, OFFERSLOOK_OFFERS } from './data/offerslook';
import { encodedId } from './everflow';
import {
  IMPACT_GENERIC_PAGE,
  impactCampaigns,
  impactClickOutcome,
  impactShops,
  impactTrackingHosts,
} from './impact';
import {
  isRecord,
  parseJsonBody,
  type NetworkModule,
  type NetworkSettings,
  type Route,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

/** The checker's verdicts (kept as strings here: the sandbox does not import the app). */
type ExpectedLinkStatus =
  | 'blocked'
  | 'timeout'
  | 'redirect_loop'
  | 'too_many_redirects'
  | 'not_tracking'
  | 'broken'
  | 'inconclusive'
  | 'wrong_destination'
  | 'warning'
  | 'ok';

/** One link of the imitated web, and what a correct check of it says. */
export interface WebCase {
  name: string;
  /** What the web does with this link, in words. */
  description: string;
  url: string;
  expected: ExpectedLinkStatus;
  /** Where the link should land, when the case needs it said (else the link names it, or nobody). */
  expectedDomains?: string[];
  /** Every URL the chain requests, in order (a check must request exactly these). */
  chain: string[];
  /** A URL the chain points at but a check must never request. */
  neverRequested?: string;
}

/** How long the slow shop takes to answer: more than the checker's 5 s per hop. */
const SLOW_PAGE_DELAY_MS = 7_000;

/** The switch that sells out the Summer Sandal (its page answers 404 while the switch is on). */
export const SOLD_OUT_SWITCH = 'summer-sandal-sold-out';

/** Shop pages whose answer changes over time, for watching links. */
const WATCHED_PAGES = {
  soldOut: 'https://www.acmeshoes.example/products/summer-sandal',
  hiccup: 'https://www.acmeshoes.example/products/flash-sale',
} as const;

const AWIN = 'https://www.awin1.com';
const AWIN_PUBLISHER = 100001;
const EVERFLOW_TRACKING = 'https://www.acmetrk.example';
const EVERFLOW_AFFILIATE = 7;
const OFFERSLOOK_TRACKING = 'https://track.demo-offers.example';
const OFFERSLOOK_AFFILIATE = 1207;

/** What Awin does with a click for a programme. */
interface AwinProgramme {
  host: string;
  /** deep: honours `ued`; home: sends every click to the home page; inactive: Awin's own page. */
  clicks: 'deep' | 'home' | 'inactive';
  /** Awin sets a cookie on the first hop and insists on it on the second. */
  cookieCheck?: boolean;
}

/** The programmes whose clicks fail on purpose (WEB_CASES); every other one honours deep links. */
const AWIN_CLICK_QUIRKS: Readonly<Record<number, Partial<Omit<AwinProgramme, 'host'>>>> = {
  // "Only allow deep links to accepted domains" flagged the page: default landing page instead.
  1002: { clicks: 'home' },
  // Link Status offline: Awin shows its own inactive page.
  1010: { clicks: 'inactive' },
  1012: { cookieCheck: true },
};

/** Every advertiser of the Awin data set, as its click server treats it. */
function awinProgramme(mid: number): AwinProgramme | undefined {
  const advertiser = AWIN_ADVERTISERS.find((a) => a.id === mid);
  if (!advertiser) return undefined;
  const quirk = AWIN_CLICK_QUIRKS[mid];
  return {
    host: advertiser.host,
    clicks: quirk?.clicks ?? 'deep',
    cookieCheck: quirk?.cookieCheck,
  };
}

// --- answers -------------------------------------------------------------------------------------

const HTML = 'text/html; charset=utf-8';

function html(status: number, title: string, body: string, extra: Partial<SandboxResponse> = {}) {
  return {
    status,
    contentType: HTML,
    rawBody: `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`,
    ...extra,
  } satisfies SandboxResponse;
}

function page(title: string): SandboxResponse {
  return html(200, title, `<h1>${title}</h1><p>Welcome to the shop.</p>`);
}

function redirect(
  status: 301 | 302 | 303 | 307 | 308,
  location: string,
  headers: Record<string, string> = {},
): SandboxResponse {
  return { status, contentType: HTML, rawBody: '', headers: { Location: location, ...headers } };
}

function notFound(url: URL): SandboxResponse {
  return html(404, 'Page not found', `<h1>Page not found</h1><p>${url.pathname} is not here.</p>`);
}

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.href;
}

/** Awin's click checksum: stable for one programme, publisher and destination. */
function awcFor(mid: number, publisher: string, destination: string): string {
  const hash = createHash('sha256').update(`${mid}|${publisher}|${destination}`).digest('hex');
  return `${mid}_1718000000_${hash.slice(0, 32)}`;
}

/** Everflow's transaction id: 32 characters. */
function transactionId(seed: string): string {
  return createHash('md5').update(seed).digest('hex');
}

// --- the web -------------------------------------------------------------------------------------

interface WebRequest {
  /** The URL as the checker would have requested it on the real web. */
  url: URL;
  cookies: Record<string, string>;
  /** The sandbox's own `host:port`, for the case that points back at it. */
  sandboxHost: string;
  /** What this sandbox's web does right now (see "Watching links" below). */
  watch: WatchWeb;
}

type Page = (req: WebRequest) => SandboxResponse;

function awinClick(req: WebRequest): SandboxResponse {
  const q = req.url.searchParams;
  const mid = Number(q.get('awinmid') ?? q.get('mid') ?? '');
  const publisher = q.get('awinaffid') ?? q.get('id') ?? '';
  const programme = awinProgramme(mid);
  if (!programme || programme.clicks === 'inactive') {
    return redirect(302, `${AWIN}/inactive.php?mid=${mid}`);
  }
  if (programme.cookieCheck) {
    const cookie = `aw${mid}`;
    if (q.get('cc') === null) {
      const again = withParam(req.url.href, 'cc', '1');
      return redirect(302, again, { 'Set-Cookie': `${cookie}=${publisher}; Path=/; Secure` });
    }
    if (req.cookies[cookie] !== publisher) return redirect(302, `${AWIN}/cookies.php`);
  }
  let destination = `https://${programme.host}/`;
  const ued = q.get('ued') ?? q.get('p');
  if (programme.clicks === 'deep' && ued) {
    try {
      destination = new URL(ued).href;
    } catch {
      // A destination that is no URL goes to the default landing page, as on Awin.
    }
  }
  return redirect(302, withParam(destination, 'awc', awcFor(mid, publisher, destination)));
}

const PAGES: Readonly<Record<string, Page>> = {
  // Awin: click servers, short links and its own pages.
  [`${AWIN}/cread.php`]: awinClick,
  [`${AWIN}/awclick.php`]: awinClick,
  [`${AWIN}/inactive.php`]: () =>
    html(200, 'Awin', '<h1>This link is no longer active</h1><p>The programme is closed.</p>'),
  [`${AWIN}/cookies.php`]: () =>
    html(200, 'Awin', '<h1>Please enable cookies</h1><p>We could not track your click.</p>'),
  'https://tidd.ly/3xAcMe1': () =>
    redirect(
      301,
      `${AWIN}/cread.php?awinmid=1001&awinaffid=${AWIN_PUBLISHER}` +
        `&ued=${encodeURIComponent('https://www.acmeshoes.example/products/trail-runner')}`,
    ),

  // Acme Shoes: a product page, the home page, and a discontinued product.
  'https://www.acmeshoes.example/': () => page('Acme Shoes'),
  'https://www.acmeshoes.example/products/trail-runner': () => page('Trail Runner - Acme Shoes'),
  'https://www.acmeshoes.example/products/discontinued-boot': (req) => notFound(req.url),
  'https://outlet.acmeshoes.example/': () => page('Acme Shoes Outlet'),

  // Nordic Outdoor: the product exists, but Awin sends every click to the home page.
  'https://www.nordicoutdoor.example/': () => page('Nordic Outdoor'),
  'https://www.nordicoutdoor.example/tents/fjell-2p': () => page('Fjell 2P tent'),

  // Bluebird Books: moves visitors to its bare domain and loses the query string on the way.
  'https://www.bluebirdbooks.example/books/the-long-road': (req) =>
    redirect(301, `https://bluebirdbooks.example${req.url.pathname}`),
  'https://bluebirdbooks.example/books/the-long-road': () => page('The Long Road'),

  // Casa Verde: a language switch that sends visitors back and forth for ever.
  'https://www.casaverde.example/garden/terracotta-pot': () =>
    redirect(302, '/en/garden/terracotta-pot'),
  'https://www.casaverde.example/en/garden/terracotta-pot': () =>
    redirect(302, 'https://www.casaverde.example/es/garden/terracotta-pot'),
  'https://www.casaverde.example/es/garden/terracotta-pot': () =>
    redirect(302, '/en/garden/terracotta-pot'),

  // Pixel Peak: a bot wall in front of the shop.
  'https://www.pixelpeak.example/cameras/mirrorless-z5': () =>
    html(403, 'Just a moment...', '<h1>Checking your browser before accessing the site</h1>'),

  // Sunny Travel: the landing page moves on with JavaScript.
  'https://www.sunnytravel.example/deals/last-minute': () =>
    html(
      200,
      'Sunny Travel',
      '<p>Taking you to our summer deals...</p><script>' +
        'window.location.href = "https://www.sunnytravel.example/deals/summer" + location.search;' +
        '</script>',
    ),

  // Gourmet Crate: answers, eventually.
  'https://www.gourmetcrate.example/boxes/cheese-lovers': () => ({
    ...page('Cheese Lovers box'),
    delayMs: SLOW_PAGE_DELAY_MS,
  }),

  // Petal & Stem: a misconfigured shop that redirects into a private network.
  'https://www.petalandstem.example/bouquets/spring-tulips': () =>
    redirect(302, 'http://10.0.0.5/admin'),

  // Lumen Skincare: the shop's server is down.
  'https://www.lumenskincare.example/serums/vitamin-c': () =>
    html(503, 'Service unavailable', '<h1>We will be back soon</h1>'),

  // Harbor Wine: fine, as long as the checker keeps Awin's cookie.
  'https://www.harborwine.example/wines/rioja-reserva': () => page('Rioja Reserva'),

  // Acme Shoes, for watching links: a product that sells out while the switch is on, and a page
  // whose server has a slow moment on every other visit.
  [WATCHED_PAGES.soldOut]: (req) =>
    req.watch.switches.has(SOLD_OUT_SWITCH) ? notFound(req.url) : page('Summer Sandal'),
  [WATCHED_PAGES.hiccup]: (req) => ({
    ...page('Flash sale - Acme Shoes'),
    delayMs: req.watch.visit(WATCHED_PAGES.hiccup) % 2 === 1 ? SLOW_PAGE_DELAY_MS : 0,
  }),

  // A link shortener that points back at the machine doing the check.
  'https://go.linkhop.example/r/loopback': (req) =>
    redirect(302, `http://${req.sandboxHost}/web/https/www.acmeshoes.example/internal-admin`),

  // An ad redirector with a chain of eleven redirects.
  ...Object.fromEntries(
    Array.from({ length: 12 }, (_, i) => [
      `https://go.hopscotch-ads.example/r/${i + 1}`,
      (): SandboxResponse =>
        i < 11 ? redirect(302, `/r/${i + 2}`) : page('You made it (a check never should)'),
    ]),
  ),

  // The offer wall Offerslook's fail traffic goes to.
  'https://www.offerwall-deals.example/': () => page('Todays best deals'),

  // Impact's generic page, where a deep link outside a campaign's domains ends.
  [IMPACT_GENERIC_PAGE]: () =>
    html(200, 'impact.com', '<h1>impact.com</h1><p>The partnership automation platform.</p>'),
};

// --- the click servers and shops of the data sets ------------------------------------------------

/** A 1×1 GIF, as impression pixels answer. */
const PIXEL: SandboxResponse = {
  status: 200,
  contentType: 'image/gif',
  rawBody: Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'),
};

/** Awin's short links: the ones the sandbox made resolve to their long link. */
function awinShortLink(req: WebRequest): SandboxResponse {
  const target = awinShortLinkTarget(`${req.url.origin}${req.url.pathname}`);
  if (!target) return html(404, 'tidd.ly', '<h1>This short link does not exist</h1>');
  return redirect(301, target);
}

/** The id an Everflow link path carries (`encodedId`), or undefined. */
function everflowId(code: string): number | undefined {
  const id = (parseInt(code, 36) - 52_711) / 104_729;
  return Number.isSafeInteger(id) && id > 0 && encodedId(id) === code.toUpperCase()
    ? id
    : undefined;
}

/** `&` written as HTML writes it inside an attribute. */
const htmlAttribute = (text: string): string => text.replace(/&/g, '&amp;');

/**
 * Everflow's tracking domains: `/{affiliate}/{offer}/` (with `uid` for an offer URL) redirects by
 * meta refresh, hiding the referrer, to the offer's page with the transaction id (in the page's
 * `{transaction_id}` macro, else as `_ef_transaction_id`) and `utm_source=everflow`; `/i/…` is an
 * impression pixel. An offer that is paused or unknown ends on Everflow's own page.
 */
function everflowClick(offers: readonly EverflowOfferData[]): Page {
  return (req) => {
    const match = /^\/(i\/)?([0-9A-Za-z]+)\/([0-9A-Za-z]+)\/?$/.exec(req.url.pathname);
    const offerId = match ? everflowId(match[3]) : undefined;
    const offer = offers.find((o) => o.id === offerId);
    if (!match || everflowId(match[2]) === undefined || !offer || offer.status !== 'active') {
      return html(200, 'Everflow', '<h1>This offer is not available</h1>');
    }
    if (match[1]) return PIXEL;
    const uid = req.url.searchParams.get('uid');
    const offerUrl = EVERFLOW_OFFER_URLS.find(
      (u) => u.offerId === offer.id && String(u.id) === uid && u.status === 'active',
    );
    const tid = transactionId(req.url.href);
    let target = offerUrl?.destinationUrl ?? offer.destinationUrl;
    const sep = (): string => (target.includes('?') ? '&' : '?');
    if (target.includes('{transaction_id}')) target = target.replace('{transaction_id}', tid);
    else target += `${sep()}_ef_transaction_id=${tid}`;
    target += `${sep()}utm_source=everflow`;
    return {
      status: 200,
      contentType: HTML,
      rawBody:
        '<!doctype html><html><head><title>Redirecting</title>' +
        `<meta http-equiv="refresh" content="0; url=${htmlAttribute(target)}"></head>` +
        '<body><p>Redirecting...</p></body></html>',
    };
  };
}

/** Offerslook offers whose clicks fail on purpose (WEB_CASES). */
const OFFERSLOOK_CLICK_QUIRKS: Readonly<Record<number, (clickId: string) => string>> = {
  // A mobile offer: the click hands over to an app store.
  870: (clickId) => `market://details?id=com.example.puzzlequest&referrer=click_id%3D${clickId}`,
  // Fail traffic: the click is sent to an offer wall instead of the advertiser's site.
  205: (clickId) => `https://www.offerwall-deals.example/?sub=${clickId}`,
};

/**
 * Offerslook's click server: `index.php?offer_id=…` lands on the offer's page (`url_id`: that
 * landing page; `random_url=1`: one of them) with `click_id`; `impr.php` is the impression pixel.
 * An offer the affiliate may not run, or one that is not active, ends on Offerslook's own page.
 */
function offerslookClick(req: WebRequest): SandboxResponse {
  if (req.url.pathname === '/impr.php') return PIXEL;
  const q = req.url.searchParams;
  const offer = OFFERSLOOK_OFFERS.find((o) => String(o.id) === q.get('offer_id'));
  const clickId = transactionId(req.url.href).slice(0, 24);
  const quirk = offer && OFFERSLOOK_CLICK_QUIRKS[offer.id];
  if (req.url.pathname !== '/index.php' || !offer) {
    return html(200, 'Offerslook', '<h1>Offer not available</h1>');
  }
  if (quirk) return redirect(302, quirk(clickId));
  const runnable = offer.approved || offer.offer_approval === 2;
  if (!runnable || offer.status !== 'active') {
    return html(200, 'Offerslook', '<h1>Offer not available</h1>');
  }
  const pages = [offer.preview_url, ...offer.extraUrls.map((u) => u.preview_url)];
  const chosen =
    offer.extraUrls.find((u) => String(u.id) === q.get('url_id'))?.preview_url ??
    (q.get('random_url') === '1' ? pages[clickId.charCodeAt(0) % pages.length] : undefined);
  return redirect(302, withParam(chosen ?? offer.preview_url, 'click_id', clickId));
}

function impactClick(campaigns: ReturnType<typeof impactCampaigns>): Page {
  return (req) => {
    const outcome = impactClickOutcome(campaigns, req.url);
    if ('redirect' in outcome) return redirect(302, outcome.redirect);
    return html(outcome.status, outcome.title, `<h1>${outcome.text}</h1>`);
  };
}

/** A shop of the data sets: its name, the domains it sells from, and pages it names. */
interface Shop {
  name: string;
  domains: string[];
  titles: Record<string, string>;
}

const hostOf = (url: string): string => new URL(url).hostname.toLowerCase();

/** Every advertiser's, offer's and campaign's site in the sandbox's data sets. */
function shopsOf(settings: NetworkSettings): Shop[] {
  const everflowOffers = [...EVERFLOW_OFFERS, ...extraEverflowOffers(settings.everflowExtraOffers)];
  return [
    ...AWIN_ADVERTISERS.map((a) => ({
      name: a.name,
      domains: [a.host, ...a.validDomains],
      titles: {},
    })),
    ...everflowOffers.map((o) => ({
      name: o.name,
      domains: [
        o.destinationUrl,
        o.previewUrl,
        ...EVERFLOW_OFFER_URLS.filter((u) => u.offerId === o.id).map((u) => u.destinationUrl),
      ].map(hostOf),
      titles: {},
    })),
    ...OFFERSLOOK_OFFERS.map((o) => ({
      name: o.name,
      domains: [o.preview_url, ...o.extraUrls.map((u) => u.preview_url)].map(hostOf),
      titles: {},
    })),
    ...impactShops(impactCampaigns(settings)),
  ];
}

/** Any page of a shop's site: the title the data gives it, else the shop's name. */
function shopPage(shops: readonly Shop[], url: URL): SandboxResponse | undefined {
  const host = url.hostname;
  const shop = shops.find((s) =>
    s.domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`)),
  );
  if (!shop) return undefined;
  const title = shop.titles[`${url.origin}${url.pathname}`];
  return title
    ? page(title)
    : page(url.pathname === '/' ? shop.name : `${shop.name}: ${url.pathname}`);
}

/** The web of one sandbox: click servers by host, then the fixed pages, then the shops. */
function dataWeb(settings: NetworkSettings): (url: URL) => Page | undefined {
  const everflowOffers = [...EVERFLOW_OFFERS, ...extraEverflowOffers(settings.everflowExtraOffers)];
  const campaigns = impactCampaigns(settings);
  const clickServers = new Map<string, Page>([
    ['tidd.ly', awinShortLink],
    ...EVERFLOW_TRACKING_DOMAINS.map((d): [string, Page] => [
      d.domain,
      everflowClick(everflowOffers),
    ]),
    ...Object.values(OFFERSLOOK_NETWORKS).map((n): [string, Page] => [
      n.trackingHost,
      offerslookClick,
    ]),
    ...impactTrackingHosts(campaigns).map((h): [string, Page] => [h, impactClick(campaigns)]),
  ]);
  const shops = shopsOf(settings);
  return (url) => {
    const fixed = PAGES[`${url.origin}${url.pathname}`];
    if (fixed) return fixed;
    const server = clickServers.get(url.hostname);
    if (server) return server;
    const shop = shopPage(shops, url);
    return shop ? () => shop : undefined;
  };
}

function awinDeepLink(mid: number, destination: string): string {
  return (
    `${AWIN}/cread.php?awinmid=${mid}&awinaffid=${AWIN_PUBLISHER}` +
    `&ued=${encodeURIComponent(destination)}`
  );
}

function awinLanding(mid: number, destination: string): string {
  return withParam(destination, 'awc', awcFor(mid, String(AWIN_PUBLISHER), destination));
}

const EVERFLOW_LINK = `${EVERFLOW_TRACKING}/${encodedId(EVERFLOW_AFFILIATE)}/${encodedId(2)}/?sub1=spring`;
const HOPS = (n: number): string => `https://go.hopscotch-ads.example/r/${n}`;

function awinCase(
  name: string,
  description: string,
  expected: ExpectedLinkStatus,
  mid: number,
  destination: string,
  after: string[] = [],
  extra: Partial<WebCase> = {},
): WebCase {
  const url = awinDeepLink(mid, destination);
  return {
    name,
    description,
    url,
    expected,
    chain: [url, awinLanding(mid, destination), ...after],
    ...extra,
  };
}

/** Every case of the imitated web, with the status a correct check gives it. */
export const WEB_CASES: readonly WebCase[] = [
  awinCase(
    'healthy-awin',
    'Awin deep link: the click server adds awc and sends the visitor to the product page.',
    'ok',
    1001,
    'https://www.acmeshoes.example/products/trail-runner',
  ),
  {
    name: 'awin-short-link',
    description: 'A tidd.ly short link to the same deep link: one more hop, same landing.',
    url: 'https://tidd.ly/3xAcMe1',
    expected: 'ok',
    chain: [
      'https://tidd.ly/3xAcMe1',
      awinDeepLink(1001, 'https://www.acmeshoes.example/products/trail-runner'),
      awinLanding(1001, 'https://www.acmeshoes.example/products/trail-runner'),
    ],
  },
  {
    name: 'home-page-fallback',
    description: 'Awin deep link to a product, but the click lands on the home page.',
    url: awinDeepLink(1002, 'https://www.nordicoutdoor.example/tents/fjell-2p'),
    expected: 'wrong_destination',
    chain: [
      awinDeepLink(1002, 'https://www.nordicoutdoor.example/tents/fjell-2p'),
      awinLanding(1002, 'https://www.nordicoutdoor.example/'),
    ],
  },
  awinCase(
    'product-404',
    'Awin deep link to a discontinued product: the shop answers 404.',
    'broken',
    1001,
    'https://www.acmeshoes.example/products/discontinued-boot',
  ),
  awinCase(
    'redirect-loop',
    "The shop's language switch sends visitors back and forth between two pages.",
    'redirect_loop',
    1005,
    'https://www.casaverde.example/garden/terracotta-pot',
    [
      'https://www.casaverde.example/en/garden/terracotta-pot',
      'https://www.casaverde.example/es/garden/terracotta-pot',
    ],
  ),
  {
    name: 'eleven-redirects',
    description: 'An ad redirector that redirects eleven times in a row.',
    url: HOPS(1),
    expected: 'too_many_redirects',
    chain: Array.from({ length: 11 }, (_, i) => HOPS(i + 1)),
    neverRequested: HOPS(12),
  },
  {
    name: 'meta-refresh',
    description: 'Everflow tracking link that redirects with <meta http-equiv="refresh">.',
    url: EVERFLOW_LINK,
    expected: 'ok',
    expectedDomains: ['shop.brightlamps.example'],
    chain: [
      EVERFLOW_LINK,
      `https://shop.brightlamps.example/desk?tid=${transactionId(EVERFLOW_LINK)}&utm_source=everflow`,
    ],
  },
  awinCase(
    'click-id-dropped',
    "The shop moves visitors to its bare domain and drops Awin's awc on the way.",
    'warning',
    1004,
    'https://www.bluebirdbooks.example/books/the-long-road',
    ['https://bluebirdbooks.example/books/the-long-road'],
  ),
  awinCase(
    'bot-wall',
    'The shop answers 403 to anything that does not run its browser check.',
    'inconclusive',
    1006,
    'https://www.pixelpeak.example/cameras/mirrorless-z5',
  ),
  awinCase(
    'private-address-redirect',
    'The shop redirects to http://10.0.0.5/admin, a private network address.',
    'blocked',
    1009,
    'https://www.petalandstem.example/bouquets/spring-tulips',
    [],
    { neverRequested: 'http://10.0.0.5/admin' },
  ),
  {
    name: 'loopback-redirect',
    description: "A short link that redirects to the checking machine's own address (127.0.0.1).",
    url: 'https://go.linkhop.example/r/loopback',
    expected: 'blocked',
    chain: ['https://go.linkhop.example/r/loopback'],
    neverRequested: 'https://www.acmeshoes.example/internal-admin',
  },
  awinCase(
    'slow-hop',
    `The shop takes ${SLOW_PAGE_DELAY_MS / 1000} s to answer, more than the 5 s a hop may take.`,
    'timeout',
    1008,
    'https://www.gourmetcrate.example/boxes/cheese-lovers',
  ),
  awinCase(
    'javascript-redirect',
    'The landing page moves on with JavaScript, which a check does not run.',
    'warning',
    1007,
    'https://www.sunnytravel.example/deals/last-minute',
  ),
  {
    name: 'programme-inactive',
    description: "Awin's Link Status is offline: the click ends on Awin's own inactive page.",
    url: `${AWIN}/awclick.php?mid=1010&id=${AWIN_PUBLISHER}`,
    expected: 'broken',
    chain: [`${AWIN}/awclick.php?mid=1010&id=${AWIN_PUBLISHER}`, `${AWIN}/inactive.php?mid=1010`],
  },
  awinCase(
    'server-error',
    "The shop's server is down and answers 503.",
    'broken',
    1011,
    'https://www.lumenskincare.example/serums/vitamin-c',
  ),
  {
    name: 'cookie-check',
    description: 'Awin sets a cookie on the first hop and only goes on when it comes back.',
    url: awinDeepLink(1012, 'https://www.harborwine.example/wines/rioja-reserva'),
    expected: 'ok',
    chain: [
      awinDeepLink(1012, 'https://www.harborwine.example/wines/rioja-reserva'),
      withParam(
        awinDeepLink(1012, 'https://www.harborwine.example/wines/rioja-reserva'),
        'cc',
        '1',
      ),
      awinLanding(1012, 'https://www.harborwine.example/wines/rioja-reserva'),
    ],
  },
  {
    name: 'offerslook-offer',
    description: "Offerslook click server sending the visitor to the offer's landing page.",
    url: `${OFFERSLOOK_TRACKING}/index.php?offer_id=102&aff_id=${OFFERSLOOK_AFFILIATE}`,
    expected: 'ok',
    expectedDomains: ['https://outlet.acmeshoes.example/'],
    chain: [
      `${OFFERSLOOK_TRACKING}/index.php?offer_id=102&aff_id=${OFFERSLOOK_AFFILIATE}`,
      `https://outlet.acmeshoes.example/?click_id=${transactionId(
        `${OFFERSLOOK_TRACKING}/index.php?offer_id=102&aff_id=${OFFERSLOOK_AFFILIATE}`,
      ).slice(0, 24)}`,
    ],
  },
  {
    name: 'app-store-hand-off',
    description: 'A mobile offer whose click ends in a market:// link to an app store.',
    url: `${OFFERSLOOK_TRACKING}/index.php?offer_id=870&aff_id=${OFFERSLOOK_AFFILIATE}`,
    expected: 'warning',
    chain: [`${OFFERSLOOK_TRACKING}/index.php?offer_id=870&aff_id=${OFFERSLOOK_AFFILIATE}`],
  },
  {
    name: 'fail-traffic',
    description: "The click is sent to an offer wall instead of the advertiser's site.",
    url: `${OFFERSLOOK_TRACKING}/index.php?offer_id=205&aff_id=${OFFERSLOOK_AFFILIATE}`,
    expected: 'wrong_destination',
    expectedDomains: ['novavpn.example'],
    chain: [
      `${OFFERSLOOK_TRACKING}/index.php?offer_id=205&aff_id=${OFFERSLOOK_AFFILIATE}`,
      `https://www.offerwall-deals.example/?sub=${transactionId(
        `${OFFERSLOOK_TRACKING}/index.php?offer_id=205&aff_id=${OFFERSLOOK_AFFILIATE}`,
      ).slice(0, 24)}`,
    ],
  },
];

// --- watching links ------------------------------------------------------------------------------

/** What the web does right now: switches a test or the demo flips, and visits counted per page. */
interface WatchWeb {
  switches: ReadonlySet<string>;
  /** Counts a visit of `page` and returns its number (1 for the first). */
  visit(page: string): number;
}

/**
 * Links for watching (README "Watching links"), all Awin deep links of the demo publisher:
 * `steady` always work (one with a warning: the shop drops Awin's click id); `breaks` works until SOLD_OUT_SWITCH is turned on (its page answers 404)
 * and works again when it is turned off; `hiccup` times out on every other check (its server is
 * slow on the 1st, 3rd… visit), which must never count as broken.
 */
export const WATCH_LINKS = {
  steady: [
    awinDeepLink(1001, 'https://www.acmeshoes.example/products/trail-runner'),
    awinDeepLink(1001, 'https://www.acmeshoes.example/'),
    awinDeepLink(1004, 'https://www.bluebirdbooks.example/books/the-long-road'),
  ],
  breaks: awinDeepLink(1001, WATCHED_PAGES.soldOut),
  hiccup: awinDeepLink(1001, WATCHED_PAGES.hiccup),
} as const;

/**
 * `count` distinct links that always work, each an Awin deep link to the same product page with
 * its own `variant`, for watching a long list.
 */
export function manyWorkingLinks(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    awinDeepLink(1001, `https://www.acmeshoes.example/products/trail-runner?variant=${i + 1}`),
  );
}

/** Turns a switch of the sandbox's web on or off (`webBaseUrl` is its LINK_CHECK_BASE_URL). */
export async function setWebSwitch(webBaseUrl: string, name: string, on: boolean): Promise<void> {
  const response = await fetch(`${webBaseUrl}/_switches/${encodeURIComponent(name)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ on }),
  });
  if (response.status !== 204) throw new Error(`the sandbox refused the switch ${name}`);
}

function switchRoute(switches: Set<string>): Route {
  return {
    method: 'PUT',
    pattern: '/_switches/:name',
    handler: (req) => {
      const parsed = parseJsonBody(req.body)?.value;
      if (!isRecord(parsed) || typeof parsed.on !== 'boolean') {
        return html(400, 'Bad request', '<p>Send {"on": true} or {"on": false}.</p>');
      }
      if (parsed.on) switches.add(req.params.name);
      else switches.delete(req.params.name);
      return { status: 204, rawBody: '' };
    },
  };
}

// --- the module ----------------------------------------------------------------------------------

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return cookies;
}

/** The real-web URL a request under /web stands for: `/https/host[:port]/path` plus the query. */
function webUrlOf(path: string, query: URLSearchParams): URL | undefined {
  const match = /^\/(https?)\/([^/]+)(\/.*)?$/.exec(path);
  if (!match) return undefined;
  try {
    const url = new URL(`${match[1]}://${match[2]}${match[3] ?? '/'}`);
    url.search = query.toString();
    return url;
  } catch {
    return undefined;
  }
}

function answer(
  req: SandboxRequest,
  watch: WatchWeb,
  pageOf: (url: URL) => Page | undefined,
): SandboxResponse {
  const url = webUrlOf(req.path, req.query);
  if (!url || req.method !== 'GET') {
    return html(400, 'Bad request', '<p>Ask for /web/https/host/path, with GET.</p>');
  }
  const handler = pageOf(url);
  if (!handler) return notFound(url);
  return handler({
    url,
    cookies: parseCookies(req.headers.cookie),
    sandboxHost: req.headers.host ?? '127.0.0.1',
    watch,
  });
}

export function createWeb(settings: NetworkSettings): NetworkModule {
  // Each sandbox (and each reset) starts with every switch off and no page visited.
  const switches = new Set<string>();
  const visits = new Map<string, number>();
  const watch: WatchWeb = {
    switches,
    visit: (page) => {
      const count = (visits.get(page) ?? 0) + 1;
      visits.set(page, count);
      return count;
    },
  };
  const pageOf = dataWeb(settings);
  return {
    name: 'web',
    prefix: '/web',
    env: (baseUrl) => ({ LINK_CHECK_BASE_URL: `${baseUrl}/web` }),
    // Every GET path is answered by the page its URL stands for; the switches are PUT.
    routes: [switchRoute(switches)],
    notFound: (req) => answer(req, watch, pageOf),
  };
}
