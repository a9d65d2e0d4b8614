import { domainToASCII, domainToUnicode } from 'node:url';

import { hostMatches } from '../core/url';

import { NETWORK_IDS, type NetworkId } from '../connection/registry';

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

const MAX_DOMAIN_LENGTH = 253;

/** The host part of a domain value that may be a bare host, `host/path`, `//host` or a full URL. */
function hostPart(value: string): string | undefined {
  if (SCHEME.test(value)) {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  }
  const withoutSlashes = value.replace(/^\/\//, '');
  const authority = withoutSlashes.split(/[/?#]/)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:\d*$/, '');
}

function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN_LENGTH) return false;
  const labels = domain.split('.');
  // At least two labels, so a stray "com" never matches a whole top-level domain; TLDs are not numbers.
  if (labels.length < 2 || /^\d+$/.test(labels[labels.length - 1])) return false;
  return labels.every((label) => LABEL.test(label));
}

/**
 * A host or domain value in one comparable form: lower-case ASCII (international names in
 * punycode), without scheme, user info, port, path, trailing dots, a `*.` wildcard or leading
 * `www.` labels. Undefined when no usable domain name is left (an IP address, a single label …).
 */
export function normalizeDomain(value: string): string | undefined {
  const host = hostPart(value.trim());
  if (host === undefined || host.includes('[')) return undefined;
  const ascii = domainToASCII(host.toLowerCase().replace(/^\*\./, ''));
  const domain = ascii.replace(/\.+$/, '').replace(/^(?:www\.)+/, '');
  return isValidDomain(domain) ? domain : undefined;
}

/** The normalised host of an absolute URL, or undefined. */
export function hostOfUrl(url: string): string | undefined {
  try {
    return normalizeDomain(new URL(url.trim()).hostname);
  } catch {
    return undefined;
  }
}

/** A normalised domain as people read it (international names in their own script). */
export function displayDomain(domain: string): string {
  return domainToUnicode(domain) || domain;
}

/** The longest of the (normalised) domains the host matches, or undefined. */
export function longestMatch(host: string, domains: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const domain of domains) {
    if (hostMatches(host, domain) && (best === undefined || domain.length > best.length)) {
      best = domain;
    }
  }
  return best;
}

/** The distinct normalised domains of a list of values; unusable values are left out. */
export function normalizeDomains(values: readonly (string | null | undefined)[]): string[] {
  const domains = values.flatMap((value) => {
    const domain = typeof value === 'string' ? normalizeDomain(value) : undefined;
    return domain === undefined ? [] : [domain];
  });
  return [...new Set(domains)];
}

/** A page a link can land on: `id` 0 is the default landing page. */
export interface Landing {
  id: number;
  url: string;
  domain: string;
}

function pathOf(url: string): string | undefined {
  try {
    return new URL(url).pathname.toLowerCase().replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/**
 * How much of the URL's path a landing page's path covers, on whole path segments: 0 when the
 * landing page is a site's root or another section, else the length of the shared path.
 */
export function pathScore(url: string, landingUrl: string): number {
  const path = pathOf(url);
  const landing = pathOf(landingUrl);
  if (path === undefined || landing === undefined || landing === '') return 0;
  return path === landing || path.startsWith(`${landing}/`) ? landing.length : 0;
}

/**
 * The landing page that fits the URL best: the longest matching domain, then the most of the
 * URL's path, then the default landing page (id 0), then list order. Undefined when none matches.
 */
export function bestLanding<T extends Landing>(url: string, landings: readonly T[]): T | undefined {
  const host = hostOfUrl(url);
  if (host === undefined) return undefined;
  const scored = landings
    .map((landing, index) => ({ landing, index }))
    .filter(({ landing }) => hostMatches(host, landing.domain))
    .map(({ landing, index }) => ({
      landing,
      index,
      domain: landing.domain.length,
      path: pathScore(url, landing.url),
    }));
  scored.sort(
    (a, b) =>
      b.domain - a.domain ||
      b.path - a.path ||
      Number(b.landing.id === 0) - Number(a.landing.id === 0) ||
      a.index - b.index,
  );
  return scored[0]?.landing;
}

/** What ranking needs of a candidate advertiser or offer. */
export interface Matchable {
  network: NetworkId;
  domains: readonly string[];
  landings: readonly Landing[];
}

export interface Ranked<T> {
  candidate: T;
  /** The (normalised) domain of the candidate the host matched. */
  matchedDomain: string;
}

/** How far a candidate's landing pages on the matched domain cover the URL's path. */
function candidatePathScore(url: string, candidate: Matchable, matchedDomain: string): number {
  return Math.max(
    0,
    ...candidate.landings
      .filter((landing) => landing.domain === matchedDomain)
      .map((landing) => pathScore(url, landing.url)),
  );
}

/**
 * Every candidate whose domains the URL's host matches, best first: the longest matching domain;
 * on a tie the network order Awin, Everflow, Offerslook; within a network the landing page that
 * covers more of the URL's path, then the order the candidates were given in.
 */
export function rankMatches<T extends Matchable>(
  url: string,
  candidates: readonly T[],
): Ranked<T>[] {
  const host = hostOfUrl(url);
  if (host === undefined) return [];
  const matched = candidates.flatMap((candidate, index) => {
    const matchedDomain = longestMatch(host, candidate.domains);
    if (matchedDomain === undefined) return [];
    const network = NETWORK_IDS.indexOf(candidate.network);
    const path = candidatePathScore(url, candidate, matchedDomain);
    return [{ candidate, matchedDomain, network, path, index }];
  });
  matched.sort(
    (a, b) =>
      b.matchedDomain.length - a.matchedDomain.length ||
      a.network - b.network ||
      b.path - a.path ||
      a.index - b.index,
  );
  return matched.map(({ candidate, matchedDomain }) => ({ candidate, matchedDomain }));
}
