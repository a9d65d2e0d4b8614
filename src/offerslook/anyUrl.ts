import { type Bundle, type ZObject } from 'zapier-platform-core';
import { appError } from '../core/errors';
import { commissionOf, type Commission } from '../core/commission';
import { type AnyUrlFeature, type DirectoryEntry, type LinkRequest } from '../core/network';
import { withoutMacros, withQueryParameters } from '../core/url';

import { OfferslookClient } from './client';
import { OFFERSLOOK_NAME } from './errors';
import { offerslookSubParameters } from './links';
import { OFFERSLOOK_SUB_MAX, type OfferslookOffer } from './schemas';

/**
 * Offerslook in "Any URL → the right link": the offers the affiliate can run (approved for it, or
 * public), matched on their preview URL, with what they pay from the list itself, and the offer's
 * own tracking link with the reference as aff_sub1.
 */

/** Offers, 100 a page: at most 10 pages of each list (1,000 offers). */
export const OFFERSLOOK_DIRECTORY_MAX_PAGES = 10;

/** A decimal written as text ("12.00", "8%", "1,5"); undefined when it is not one. */
function decimal(value: string): number | undefined {
  const text = value.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/**
 * An offer's payout: `payout` is a flat amount in the offer's currency (written "8%" on some
 * offers, then a percentage), `percent_payout` a percentage of the sale.
 */
export function offerslookCommission(
  payout: string | null,
  percentPayout: string | null,
  currency: string | null,
): Commission {
  const percents: (number | undefined)[] = [];
  const amounts: (number | undefined)[] = [];
  if (payout !== null) {
    (payout.trim().endsWith('%') ? percents : amounts).push(decimal(payout));
  }
  if (percentPayout !== null) percents.push(decimal(percentPayout));
  return commissionOf(percents, amounts, currency);
}

/** Unknown status counts as running; a status that says otherwise (paused, pending) does not. */
function isActive(status: string | null): boolean {
  return status === null || status.trim() === '' || status.trim().toLowerCase() === 'active';
}

function entryOf(offer: OfferslookOffer): DirectoryEntry {
  return {
    id: offer.id,
    name: offer.name,
    domains: [],
    landings: [{ id: 0, url: offer.preview_url }],
    commission: offerslookCommission(offer.payout, offer.percent_payout, offer.currency),
  };
}

/** Offers the affiliate can run: those approved for it (its personal list) and public ones. */
async function directory(z: ZObject, bundle: Bundle): Promise<DirectoryEntry[]> {
  const offerslook = new OfferslookClient(z, bundle);
  const [personal, all] = await Promise.all([
    offerslook.allOffers(OFFERSLOOK_DIRECTORY_MAX_PAGES, 'personal'),
    offerslook.allOffers(OFFERSLOOK_DIRECTORY_MAX_PAGES, 'all'),
  ]);
  const seen = new Set<number>();
  return [...personal, ...all.filter((offer) => offer.offer_approval === 2)]
    .filter((offer) => !seen.has(offer.id) && seen.add(offer.id))
    .filter((offer) => isActive(offer.status))
    .sort((a, b) => a.id - b.id)
    .map(entryOf);
}

async function makeLink(z: ZObject, bundle: Bundle, { url, ref, target }: LinkRequest) {
  const links = await new OfferslookClient(z, bundle).trackingLinks([target.id]);
  const link = links.find((item) => item.offer_id === target.id);
  if (link === undefined) {
    throw appError(
      z,
      { network: OFFERSLOOK_NAME, kind: 'notFound', code: 'no_link' },
      `Offerslook returned no tracking link for offer ${target.name} (${target.id}), which ` +
        'matched this URL: it may no longer be approved for you. Check the offer in Offerslook, ' +
        'or try again in 15 minutes, when the offer list is read again.',
      404,
    );
  }
  const subs = offerslookSubParameters(ref === undefined ? {} : { aff_sub1: ref });
  return {
    url: withQueryParameters(link.url, subs),
    destination_url: target.landing ? withoutMacros(target.landing.url) : url,
  };
}

export const offerslookAnyUrl: AnyUrlFeature = {
  needs: 'Offerslook details',
  unusable: () => undefined,
  accounts: null,
  directory: (z, bundle) => directory(z, bundle),
  commission: { inDirectory: true },
  trackingRef: { param: 'aff_sub1', maxLength: OFFERSLOOK_SUB_MAX, said: 'aff_sub1' },
  makeLink,
};
