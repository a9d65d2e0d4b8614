import { z as zod } from 'zod';
import {
  idParameter,
  NO_FACTS,
  offerProgramme,
  UNKNOWN_FACTS,
  type LinkCheckFeature,
  type LinkFacts,
  type Lookups,
} from '../core/network';
import { normalizeDomains } from '../core/url';

import { EverflowClient } from './client';
import { type EverflowOfferStatus } from './schemas';

/**
 * Everflow in the link checker. Its links sit on whatever tracking domain the network chose
 * (`https://<tracking domain>/<affiliate code>/<offer code>/`), so they are known by that shape,
 * or by the connected account's tracking domains: a network key's tracking domains, or the hosts
 * of a partner's redirect links. A partner's runnable offers say each offer's status and end date.
 */

/** Runnable offers, 2,000 a page: at most 5 pages. */
const EVERFLOW_STATUS_PAGE_SIZE = 2000;
const EVERFLOW_STATUS_MAX_PAGES = 5;

// The encoded ids are short upper-case codes; both must be there (a link missing one is discarded).
const CODE = /^[0-9A-Z]{3,12}$/;

/** An Everflow redirect link's path: `/<affiliate code>/<offer code>/`. */
function looksLikeEverflow(url: URL): boolean {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  if (segments.length !== 2 || !segments.every((s) => CODE.test(s))) return false;
  const joined = segments.join('');
  // Real codes mix letters and digits; a path like /US/EN/ is a shop's, not a tracking link.
  return /[0-9]/.test(joined) && /[A-Z]/.test(joined);
}

function parseUrl(text: string | null): URL | undefined {
  try {
    return text ? new URL(text.trim()) : undefined;
  } catch {
    return undefined;
  }
}

/** The offer's code in a redirect link (`/<affiliate>/<offer>/`), upper-cased. */
function offerCode(url: URL): string | undefined {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  return segments.length >= 2 ? segments[segments.length - 1].toUpperCase() : undefined;
}

/**
 * An offer's redirect links, the ones on a tracking domain. A direct-linking offer's
 * `tracking_url` is the advertiser's own page (its redirect link is `redirect_tracking_url`), so
 * it is never taken for one: that would make the shop's host an Everflow host, and a working
 * direct link check as ending on the network's own site.
 */
function redirectLinks(offer: EverflowOfferStatus): URL[] {
  const direct = offer.is_use_direct_linking === true || Boolean(offer.redirect_tracking_url);
  const links = [offer.redirect_tracking_url, direct ? null : offer.tracking_url];
  return links.map(parseUrl).filter((url): url is URL => url !== undefined);
}

const offerSchema = zod.lazy(() =>
  zod.object({
    id: zod.number(),
    name: zod.string(),
    status: zod.string().nullable(),
    /** The end date as Everflow gives it (`YYYY-MM-DD` or Unix seconds as text). */
    endsAt: zod.string().nullable(),
    domains: zod.array(zod.string()),
    /** The offer's codes in its redirect links' path. */
    codes: zod.array(zod.string()),
    /** The partner's link for the offer (watching links): its redirect link on direct linking. */
    link: zod.string().nullable(),
  }),
);

const bookSchema = zod.lazy(() =>
  zod.object({
    /** The hosts of the account's tracking domains. */
    trackingHosts: zod.array(zod.string()),
    /** A partner's runnable offers; null for a network key (its links do not say which offer). */
    offers: zod.array(offerSchema).nullable(),
  }),
);

type Book = zod.infer<typeof bookSchema>;

function entryOf(offer: EverflowOfferStatus) {
  const codes = redirectLinks(offer)
    .map(offerCode)
    .filter((code): code is string => code !== undefined);
  const direct = offer.is_use_direct_linking === true;
  return {
    id: offer.network_offer_id,
    name: offer.name ?? '',
    status: offer.offer_status,
    endsAt: offer.date_live_until === null ? null : String(offer.date_live_until),
    domains: normalizeDomains([
      offer.preview_url,
      ...offer.relationship.urls.map((page) => page.url ?? page.destination_url),
    ]),
    codes: [...new Set(codes)],
    link: direct ? (offer.redirect_tracking_url ?? offer.tracking_url) : offer.tracking_url,
  };
}

/**
 * The tracking domains and (partner key) runnable offers: one list, read once per run by link
 * checks and the watch.
 */
export function book({ z, bundle, list }: Lookups): Promise<Book | undefined> {
  return list('your Everflow offers and tracking domains', ['book'], bookSchema, async (call) => {
    const everflow = new EverflowClient(z, bundle);
    if (everflow.keyType === 'network') {
      const domains = await call(() => everflow.trackingDomains());
      return {
        trackingHosts: domains
          .map((d) => (d.domain.includes('://') ? parseUrl(d.domain)?.hostname : d.domain.trim()))
          .filter((host): host is string => host !== undefined && host !== '')
          .map((host) => host.toLowerCase()),
        offers: null,
      };
    }
    const offers: EverflowOfferStatus[] = [];
    for (let page = 1; page <= EVERFLOW_STATUS_MAX_PAGES; page++) {
      const batch = await call(() =>
        everflow.runnableOfferStatuses({ page, page_size: EVERFLOW_STATUS_PAGE_SIZE }),
      );
      offers.push(...batch);
      if (batch.length < EVERFLOW_STATUS_PAGE_SIZE) break;
    }
    const hosts = offers.flatMap(redirectLinks).map((link) => link.hostname.toLowerCase());
    return { trackingHosts: [...new Set(hosts)], offers: offers.map(entryOf) };
  });
}

async function facts(lookups: Lookups, url: URL): Promise<LinkFacts> {
  const read = await book(lookups);
  if (!read) return UNKNOWN_FACTS;
  // A network key's links do not say which offer they are for.
  if (!read.offers) return NO_FACTS;
  const offerId = idParameter(url, ['oid']);
  const code = offerCode(url);
  const offer = read.offers.find((entry) =>
    offerId !== undefined ? entry.id === offerId : code !== undefined && entry.codes.includes(code),
  );
  return offer
    ? { programme: offerProgramme(offer), domains: offer.domains }
    : {
        programme: { status: 'not among your runnable offers', notTracking: false },
        domains: [],
      };
}

export const everflowLinkCheck: LinkCheckFeature = {
  hosts: [],
  looksLike: looksLikeEverflow,
  clickId: null,
  deepLinkParam: 'url',
  programmes: {
    trackingHosts: async (lookups) => (await book(lookups))?.trackingHosts,
    facts,
  },
};
