import { NETWORKS, networkById } from '../connection/registry';
import { hostMatches, normalizeDomain } from '../core/url';

// What a link says about itself: which network's click server it goes through, where it should
// land, and which click id should arrive there. Each network declares its hosts, link shape,
// click id and deep-link parameter (its `linkCheck`, through the registry); this file only reads
// them (api/link-checking.md).
import type { NetworkDomains, NetworkName } from './types';

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
    const normal = normalizeDomain(d);
    // Tracking domains are matched as given (with their `www.`, if any), plus subdomains.
    const exact = d.includes('://') ? toUrl(d)?.hostname : d.trim();
    return (
      (exact !== undefined && hostMatches(host, exact)) || (normal !== undefined && host === normal)
    );
  });
}

/**
 * The network whose click server the link goes through, or '' when it is none of theirs: first
 * the domains known from connected accounts, then each network's own click-server hosts, then
 * each network's link shape (in registry order at each step).
 */
export function detectNetwork(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): NetworkName | '' {
  const parsed = toUrl(url);
  if (!parsed) return '';
  const host = parsed.hostname.toLowerCase();
  const found =
    NETWORKS.find((network) => inDomains(host, networkDomains[network.id])) ??
    NETWORKS.find((network) => network.linkCheck.hosts.some((d) => hostMatches(host, d))) ??
    NETWORKS.find((network) => network.linkCheck.looksLike?.(parsed) === true);
  return found?.id ?? '';
}

/** The network's own hosts a chain must not end on (its click server, its error pages). */
export function networkHosts(
  network: NetworkName | '',
  link: URL,
  networkDomains: NetworkDomains = {},
): string[] {
  if (network === '') return [];
  const builtIn = networkById(network).linkCheck.hosts;
  // The link's own host was recognised as the network's, whichever rule recognised it.
  return [...builtIn, ...(networkDomains[network] ?? []), link.hostname.toLowerCase()];
}

export function isNetworkHost(host: string, ownHosts: readonly string[]): boolean {
  return inDomains(host.toLowerCase(), ownHosts);
}

/**
 * The query parameter that carries the network's click id on the landing page, where the network
 * has one fixed name for it (its `linkCheck.clickId`); null where each offer chooses.
 */
export function clickIdParam(network: NetworkName | ''): string | null {
  return network === '' ? null : networkById(network).linkCheck.clickId;
}

/** The page a deep link asks for (in its network's `deepLinkParam`); null for other links. */
export function deepLinkDestination(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): URL | null {
  const parsed = toUrl(url);
  if (!parsed) return null;
  const network = detectNetwork(parsed, networkDomains);
  const param = network === '' ? null : networkById(network).linkCheck.deepLinkParam;
  if (!param) return null;
  const value = parsed.searchParams.get(param);
  if (!value) return null;
  const target = toUrl(value);
  return target && (target.protocol === 'https:' || target.protocol === 'http:') ? target : null;
}

/** True for a deep link (its network's deep-link parameter) pointing at a page other than `/`. */
export function isDeepLink(url: string | URL, networkDomains: NetworkDomains = {}): boolean {
  const target = deepLinkDestination(url, networkDomains);
  return target !== null && target.pathname !== '/';
}

/** Expected landing domains the link itself names (its deep-link page); [] when it names none. */
export function inferExpectedFromLink(
  url: string | URL,
  networkDomains: NetworkDomains = {},
): string[] {
  const target = deepLinkDestination(url, networkDomains);
  const domain = target ? normalizeDomain(target.hostname) : undefined;
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

export function isTrackingParam(name: string): boolean {
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
