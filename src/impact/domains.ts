import { type ZObject } from 'zapier-platform-core';

import { appError } from '../core/errors';
import { andList } from '../core/text';
import { hostMatches, normalizeDomain } from '../core/url';

import { DEEP_LINK_REFUSED, IMPACT_NAME } from './errors';

/**
 * A campaign's deep-link domains (`DeeplinkDomains`), as brands type them: " *lengow.com",
 * "*vichy.ca", "*.Shop.example.". Cleaned, each is a plain domain: trimmed, a leading `*` or `*.`
 * dropped, then core/url's one normaliser (lower case, no trailing dot or leading `www.`). A deep
 * link's host must equal one or be a subdomain of it: the same rule as every other network's
 * domains (core/url `hostMatches`). Impact asks brands to list both `x` and `*.x`, so reading
 * `*.x` as covering `x` too only ever accepts what the brand meant to allow.
 */

/** One raw value cleaned to a domain, or undefined when nothing usable is left. */
export function cleanDomain(raw: string): string | undefined {
  return normalizeDomain(raw.trim().replace(/^\*\.?/, ''));
}

/** Every usable domain of a campaign, cleaned, each once, in the order Impact gave them. */
export function cleanDomains(raw: readonly string[]): string[] {
  const cleaned = raw.flatMap((value) => cleanDomain(value) ?? []);
  return [...new Set(cleaned)];
}

/** True when the URL's host is one of `domains` or a subdomain of one. */
export function deepLinkAllowed(url: string, domains: readonly string[]): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return domains.some((domain) => hostMatches(host, domain));
}

/** Domains a refusal names before it says how many more there are. */
const DOMAINS_SHOWN = 10;

/** What the deep-link check needs to know of a campaign. */
export interface DeepLinkRules {
  campaignId: number;
  campaignName: string;
  allowsDeeplinking: boolean;
  deeplinkDomains: readonly string[];
}

/**
 * Refuses, before any call, a deep link the campaign would not honour: any deep link when the
 * campaign allows none, or one whose host is outside its deep-link domains (Impact would make the
 * link, and the click would end on a generic impact.com page). A campaign that allows deep links
 * but lists no domain is not refused: Impact documents no rule for it.
 */
export function checkDeepLink(
  z: ZObject,
  campaign: DeepLinkRules,
  deepLink: string | undefined,
  where = '',
): void {
  if (deepLink === undefined) return;
  const which = `Impact campaign ${campaign.campaignName} (${campaign.campaignId})`;
  const refuse = (message: string) =>
    appError(
      z,
      { network: IMPACT_NAME, kind: 'invalid_input', code: DEEP_LINK_REFUSED },
      `${where}${message}`,
    );
  if (!campaign.allowsDeeplinking) {
    throw refuse(
      `${which} does not allow deep links, so no link to ${hostOf(deepLink)} can be made. ` +
        "Leave Deep Link empty to get the campaign's own tracking link, or choose another campaign.",
    );
  }
  const domains = campaign.deeplinkDomains;
  if (domains.length === 0 || deepLinkAllowed(deepLink, domains)) return;
  const shown =
    domains.length > DOMAINS_SHOWN
      ? [...domains.slice(0, DOMAINS_SHOWN), `${domains.length - DOMAINS_SHOWN} more`]
      : domains;
  throw refuse(
    `${which} allows deep links only to ${andList(shown)} (and their subdomains), not to ` +
      `${hostOf(deepLink)}. Use a page on one of those sites, or leave Deep Link empty for the ` +
      "campaign's own tracking link.",
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
