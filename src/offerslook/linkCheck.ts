import { z as zod } from 'zod';
import { hostMatches, normalizeDomains } from '../core/url';
import {
  idParameter,
  NO_FACTS,
  offerProgramme,
  UNKNOWN_FACTS,
  type LinkCheckFeature,
  type LinkFacts,
  type Lookups,
} from '../core/network';

import { OfferslookClient } from './client';
import { type OfferslookOfferStatus } from './schemas';

/**
 * Offerslook in the link checker: its tracking hosts (`{network}.offerstrack.net`, or the
 * network's own `*.offerslook.com` host), the `index.php?offer_id=N&aff_id=M` link shape networks
 * use on their own domains, and the offers' status and end date.
 */

/** Offers, 100 a page: at most 10 pages. */
const OFFERSLOOK_STATUS_MAX_PAGES = 10;

function looksLikeOfferslook(url: URL): boolean {
  const host = url.hostname.toLowerCase();
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

const offersSchema = zod.lazy(() =>
  zod.array(
    zod.object({
      id: zod.number(),
      name: zod.string(),
      status: zod.string().nullable(),
      /** Unix seconds as text, or a date. */
      endsAt: zod.string().nullable(),
      domains: zod.array(zod.string()),
    }),
  ),
);

function entryOf(offer: OfferslookOfferStatus) {
  return {
    id: offer.id,
    name: offer.name ?? '',
    status: offer.status,
    endsAt: offer.end_date === null ? null : String(offer.end_date),
    domains: normalizeDomains([offer.preview_url]),
  };
}

/** Every offer visible to the affiliate, with its status: read once per run by link checks and the watch. */
export function offers({ z, bundle, list }: Lookups) {
  return list('your Offerslook offers', ['offers'], offersSchema, async (call) => {
    const client = new OfferslookClient(z, bundle);
    const read: OfferslookOfferStatus[] = [];
    for (let page = 1; page <= OFFERSLOOK_STATUS_MAX_PAGES; page++) {
      const answer = await call(() => client.offerStatusesPage(page));
      read.push(...answer.offers);
      if (!answer.more) break;
    }
    return read.map(entryOf);
  });
}

async function facts(lookups: Lookups, url: URL): Promise<LinkFacts> {
  const offerId = idParameter(url, ['offer_id']);
  if (offerId === undefined) return NO_FACTS;
  const list = await offers(lookups);
  if (!list) return UNKNOWN_FACTS;
  const offer = list.find((entry) => entry.id === offerId);
  return offer
    ? { programme: offerProgramme(offer), domains: offer.domains }
    : { programme: { status: 'not among your offers', notTracking: false }, domains: [] };
}

export const offerslookLinkCheck: LinkCheckFeature = {
  hosts: ['offerstrack.net'],
  looksLike: looksLikeOfferslook,
  clickId: null,
  deepLinkParam: null,
  programmes: {
    trackingHosts: { lacking: 'Offerslook links are told by their host or their index.php shape' },
    facts,
  },
};
