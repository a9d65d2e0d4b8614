import { hostMatches } from '../core/url';

// What a link says about itself: which network's click server it goes through, where it should
// land, and which click id should arrive there. Facts from the network notes (api/awin.md,
// api/everflow.md, api/offerslook.md, api/link-checking.md).
import type { NetworkDomains, NetworkName } from './types';

/** Awin's click servers: `www.awin1.com` (awclick.php, cread.php, pclick.php) and `tidd.ly` short links. */
const AWIN_DOMAINS = ['awin1.com', 'tidd.ly'];
/** Offerslook tracking hosts: `{network}.offerstrack.net`, or the network's own `*.offerslook.com` host. */
const OFFERSLOOK_DOMAINS = ['offerstrack.net'];

/**
 * A domain as the user or an API gives it (`shop.example`, `www.shop.example`, or a URL whose host
 * counts), lower-cased. A leading `www.` is dropped because shops move visitors between `www` and
 * the bare domain all the time; that is not a wrong destination. Undefined when there is no host.
 */
export function normaliseDomain(input: string): string | undefined {
  const text = input.trim().toLowerCase();
  if (text === '') return undefined;
  let host = text;
  if (text.includes('://')) {
    try {
      host = new URL(text).hostname;
    } catch {
      return undefined;
    }
  } else {
    host = text.split(/[/?#]/)[0].replace(/:\d+$/, '');
  }
  host = host.replace(/\.$/, '').replace(/^www\./, '');
  return host === '' ? undefined : host;
}

function toUrl(url: string | URL): URL | undefined {
  if (url instanceof URL) return url;
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function inDomains(host: string, domains: readonly string[] | undefined): boolean {
  return (domains ?? []).some((d) => {
    const normal = normaliseDomain(d);
    // Tracking domains are matched as given (with their `www.`, if any), plus subdomains.
    const exact = d.includes('://') ? toUrl(d)?.hostname : d.trim();
    return (
      (exact !== undefined && hostMatches(host, exact)) || (normal !== undefined && host === normal)
    );
  });
}

// Everflow redirect links: `https://<tracking domain>/<encoded affiliate>/<encoded offer>/`. The
// encoded ids are short upper-case codes; both must be there (a link missing one is discarded).
const EVERFLOW_CODE = /^[0-9A-Z]{3,12}$/;

function looksLikeEverflow(url: URL): boolean {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 2 || !segments.every((s) => EVERFLOW_CODE.test(s))) return false;
  const joined = segments.join('');
  // Real codes mix letters and digits; a path like /US/EN/ is a shop's, not a tracking link.
  return /[0-9]/.test(joined) && /[A-Z]/.test(joined);
}

function looksLikeOfferslook(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (OFFERSLOOK_DOMAINS.some((d) => hostMatches(host, d))) return true;
  if (
    hostMatches(host, 'offerslook.com') &&
    host !== 'www.offerslook.com' &&
    host !== 'offerslook.com'
  ) {
    return true;
  }
  // `index.php?offer_id=N&aff_id=M` is Offerslook's link shape on a network's own domain.
  return (
    url.pathname === '/index.php' &&
    /^\d+$/.test(url.searchParams.get('offer_id') ?? '') &&
    /^\d+$/.test(url.searchParams.get('aff_id') ?? '')
  );
}

/** The network whose click server the link goes through, or '' when it is none of theirs. */
export function detectNetwork(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): NetworkName | '' {
  const parsed = toUrl(url);
  if (!parsed) return '';
  const host = parsed.hostname.toLowerCase();
  // Domains the caller knows from connected accounts win over shape guesses.
  for (const network of ['awin', 'everflow', 'offerslook'] as const) {
    if (inDomains(host, networkDomains[network])) return network;
  }
  if (AWIN_DOMAINS.some((d) => hostMatches(host, d))) return 'awin';
  if (looksLikeOfferslook(parsed)) return 'offerslook';
  if (looksLikeEverflow(parsed)) return 'everflow';
  return '';
}

/** The network's own hosts a chain must not end on (its click server, its error pages). */
export function networkHosts(
  network: NetworkName | '',
  link: URL,
  networkDomains: NetworkDomains = {},
): string[] {
  if (network === '') return [];
  const builtIn =
    network === 'awin' ? AWIN_DOMAINS : network === 'offerslook' ? OFFERSLOOK_DOMAINS : [];
  // The link's own host was recognised as the network's, whichever rule recognised it.
  return [...builtIn, ...(networkDomains[network] ?? []), link.hostname.toLowerCase()];
}

export function isNetworkHost(host: string, ownHosts: readonly string[]): boolean {
  return inDomains(host.toLowerCase(), ownHosts);
}

/**
 * The query parameter that carries the network's click id on the landing page, where the network
 * has one fixed name for it: Awin appends `awc`. Everflow and Offerslook let each offer choose.
 */
export function clickIdParam(network: NetworkName | ''): string | null {
  return network === 'awin' ? 'awc' : null;
}

/** The page a deep link asks for: Awin `ued`, Everflow `url=`; null for other links. */
export function deepLinkDestination(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): URL | null {
  const parsed = toUrl(url);
  if (!parsed) return null;
  const network = detectNetwork(parsed, networkDomains);
  const param = network === 'awin' ? 'ued' : network === 'everflow' ? 'url' : undefined;
  if (!param) return null;
  const value = parsed.searchParams.get(param);
  if (!value) return null;
  const target = toUrl(value);
  return target && (target.protocol === 'https:' || target.protocol === 'http:') ? target : null;
}

/** True for an Awin link with `ued`, or an Everflow link with `url=`, pointing at a page other than `/`. */
export function isDeepLink(url: string | URL, networkDomains: NetworkDomains = {}): boolean {
  const target = deepLinkDestination(url, networkDomains);
  return target !== null && target.pathname !== '/';
}

/** Expected landing domains the link itself names (Awin `ued`, Everflow `url=`); [] when it names none. */
export function inferExpectedFromLink(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): string[] {
  const target = deepLinkDestination(url, networkDomains);
  const domain = target ? normaliseDomain(target.hostname) : undefined;
  return domain ? [domain] : [];
}

// Query parameters that only carry tracking, not which page to show: networks' click ids and
// appends, ad platforms' click ids, analytics campaign tags. Used to tell a home page with
// tracking from a real page.
const TRACKING_PARAMS = new Set([
  'awc',
  'source',
  'sv1',
  'sv_campaign_id',
  'clickref',
  'gclid',
  'gbraid',
  'wbraid',
  'dclid',
  'fbclid',
  'msclkid',
  'ttclid',
  'twclid',
  '_ef_transaction_id',
  'tid',
  'transaction_id',
  'click_id',
  'clickid',
  'affid',
  'aff_id',
  'oid',
  'offer_id',
  'source_id',
  'ref',
  'mc_cid',
  'mc_eid',
  'ranmid',
  'raneaid',
  'ransiteid',
  'irclickid',
]);
const TRACKING_PREFIXES = ['utm_', 'aff_sub', 'pk_', 'mtm_', 'sv_'];

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return (
    TRACKING_PARAMS.has(key) ||
    /^sub\d$/.test(key) ||
    TRACKING_PREFIXES.some((p) => key.startsWith(p))
  );
}

/** True for a site's home page: path `/` with no query but tracking parameters. */
export function isHomePage(url: URL): boolean {
  if (url.pathname !== '/') return false;
  for (const name of url.searchParams.keys()) {
    if (!isTrackingParam(name)) return false;
  }
  return true;
}
