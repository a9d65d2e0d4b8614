import { type Bundle, type ZObject } from 'zapier-platform-core';
import { commissionOf, type Commission } from '../core/commission';
import { type AnyUrlFeature, type DirectoryEntry, type LinkRequest } from '../core/network';
import { withoutMacros, withQueryParameters } from '../core/url';

import { EVERFLOW_LIST_ALL_SIZE, EverflowClient, pageParams } from './client';
import { needsKeyTypeMessage } from './errors';
import { everflowKeyType } from './keyType';
import { subParameters } from './links';
import { EVERFLOW_SUB_MAX, type EverflowOffer, type EverflowPayout } from './schemas';

/**
 * Everflow in "Any URL → the right link", for partner keys (a network key has no affiliate to
 * link for): the runnable offers (preview URL and offer URLs, whichever shape their relationship
 * block comes in), what an offer pays, and the partner link of the offer URL that fits the page.
 */

/** Runnable offers, 2,000 a page: at most 5 pages (10,000 offers). */
export const EVERFLOW_DIRECTORY_MAX_PAGES = 5;

const NETWORK_KEY_REASON = 'An Everflow network key has no affiliate of its own to make links for.';

/** Unknown status counts as running; a status that says otherwise (paused, pending) does not. */
function isActive(status: string | null): boolean {
  return status === null || status.trim() === '' || status.trim().toLowerCase() === 'active';
}

function entryOf(offer: EverflowOffer): DirectoryEntry {
  return {
    id: offer.network_offer_id,
    name: offer.name,
    domains: [],
    landings: [
      { id: 0, url: offer.preview_url },
      ...offer.relationship.urls.map((page) => ({
        id: page.network_offer_url_id,
        url: page.url ?? page.destination_url,
      })),
    ],
  };
}

async function directory(z: ZObject, bundle: Bundle): Promise<DirectoryEntry[]> {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('affiliate', 'Matching a URL to an Everflow offer needs');
  const offers: EverflowOffer[] = [];
  for (let page = 0; page < EVERFLOW_DIRECTORY_MAX_PAGES; page++) {
    const batch = await everflow.offers(pageParams(page, EVERFLOW_LIST_ALL_SIZE));
    offers.push(...batch);
    if (batch.length < EVERFLOW_LIST_ALL_SIZE) break;
  }
  const seen = new Set<number>();
  return offers
    .filter((offer) => !seen.has(offer.network_offer_id) && seen.add(offer.network_offer_id))
    .filter((offer) => isActive(offer.offer_status))
    .map(entryOf);
}

// --- what an offer pays --------------------------------------------------------------------------

/** Payout types that pay a share of the sale (a percentage); the others pay fixed amounts. */
const REVENUE_SHARE_TYPES = new Set(['cps', 'prv', 'revshare', 'rev_share', 'revenue_share']);

/** `cpa_cps` pays both: a fixed amount and a share of the sale. */
const BOTH_TYPES = new Set(['cpa_cps']);

/** An offer's payouts: revenue-share types as percentages, others in the offer's currency. */
export function everflowCommission(
  payouts: readonly EverflowPayout[],
  currency: string | null,
): Commission {
  const percents: (number | null)[] = [];
  const amounts: (number | null)[] = [];
  for (const payout of payouts) {
    const type = (payout.payout_type ?? '')
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (REVENUE_SHARE_TYPES.has(type)) {
      percents.push(payout.payout_percentage ?? payout.payout_amount);
    } else if (BOTH_TYPES.has(type)) {
      percents.push(payout.payout_percentage);
      amounts.push(payout.payout_amount);
    } else {
      amounts.push(payout.payout_amount);
    }
  }
  return commissionOf(percents, amounts, currency);
}

// --- the link ------------------------------------------------------------------------------------

/** The partner link of the offer URL that fits (the default URL, 0, without one), with sub1. */
async function makeLink(z: ZObject, bundle: Bundle, { url, ref, target }: LinkRequest) {
  const { landing } = target;
  const base = await new EverflowClient(z, bundle).partnerLink(
    target.id,
    landing?.id ?? 0,
    'click',
  );
  const subs = subParameters(ref === undefined ? {} : { sub1: ref });
  return {
    url: withQueryParameters(base, subs),
    destination_url: landing ? withoutMacros(landing.url) : url,
  };
}

export const everflowAnyUrl: AnyUrlFeature = {
  needs: 'an Everflow partner (affiliate) key',
  unusable: (z, authData) =>
    everflowKeyType(z, authData.everflow_api_type) === 'network'
      ? {
          holds: 'an Everflow network key',
          why: NETWORK_KEY_REASON,
          refusal: (clear) =>
            `${NETWORK_KEY_REASON} ` +
            needsKeyTypeMessage(
              'Matching a URL to an Everflow offer needs',
              'affiliate',
              `${clear}, or`,
            ),
          note: 'Everflow offers are matched only with a partner (affiliate) key, not a network key.',
        }
      : undefined,
  accounts: null,
  directory: (z, bundle) => directory(z, bundle),
  commission: {
    async read(z, bundle, { id }) {
      const offer = await new EverflowClient(z, bundle).offerPayouts(id);
      return everflowCommission(offer.payouts, offer.currency);
    },
  },
  trackingRef: { param: 'sub1', maxLength: EVERFLOW_SUB_MAX, said: 'sub1' },
  makeLink,
};
