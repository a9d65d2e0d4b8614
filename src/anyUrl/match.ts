import { domainToUnicode } from 'node:url';

import { NETWORK_IDS, type NetworkId } from '../connection/registry';
import { type Landing } from '../core/network';
import { hostMatches, hostOfUrl } from '../core/url';

/**
 * Matching a shop URL to the advertisers and offers that sell from its domain: pure, no request,
 * no Zapier; property-tested. Domains are normalised by core/url's `normalizeDomain`.
 */

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
 * on a tie the registry's network order; within a network the landing page that
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
