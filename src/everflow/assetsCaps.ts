import { type ZObject } from 'zapier-platform-core';
import { invalidInput } from '../core/input';
import { type EverflowAssetOffer } from './schemas';
import { ASSET_OFFERS_LABEL, type EverflowAssetRequest } from './fields';
import { offerUrlsOf } from './assetsPackage';

// The caps of one tracking links & assets run, checked as soon as what they count is known: the
// chosen offers before any request, the offers in reach before their links are made.

/** Caps that keep one run inside Zapier's 30 seconds (see the README's limits). */
export const EVERFLOW_ASSET_CAPS = {
  /** Partner: links per run, over at most `partnerPairs` distinct offer/URL pairs. */
  partnerItems: 1_000,
  partnerPairs: 100,
  /** Network: links (and the Everflow calls that make them) per run. */
  networkLinks: 500,
} as const;

const SPLIT_HINT =
  'set Bundle Type to Chosen Offers and split the offers over several steps (for example with ' +
  'Looping by Zapier)';

/** Before any request: the chosen offers alone must fit the caps. */
export function checkChosenOffers(z: ZObject, request: EverflowAssetRequest): void {
  const offers = request.offerIds.length;
  if (request.keyType === 'affiliate' && offers > EVERFLOW_ASSET_CAPS.partnerPairs) {
    throw invalidInput(
      z,
      `${ASSET_OFFERS_LABEL} holds ${offers} different offers; one run takes at most ` +
        `${EVERFLOW_ASSET_CAPS.partnerPairs}. Split them over several steps of up to ` +
        `${EVERFLOW_ASSET_CAPS.partnerPairs} offers (for example with Looping by Zapier).`,
    );
  }
  const links = offers * request.linkTypes.length;
  if (request.keyType === 'network' && links > EVERFLOW_ASSET_CAPS.networkLinks) {
    throw invalidInput(
      z,
      `${offers} offers × ${request.linkTypes.length} link types make ${links} links; one run makes ` +
        `at most ${EVERFLOW_ASSET_CAPS.networkLinks}. Split the offers over several steps (for ` +
        'example with Looping by Zapier).',
    );
  }
}

/** The partner caps, once the offers in reach are known (before any further request). */
export function checkPartnerCaps(
  z: ZObject,
  request: EverflowAssetRequest,
  offers: EverflowAssetOffer[],
) {
  const pairs = offers.reduce((sum, offer) => sum + offerUrlsOf(offer, request).length, 0);
  const items = pairs * request.linkTypes.length;
  const { partnerPairs, partnerItems } = EVERFLOW_ASSET_CAPS;
  if (pairs <= partnerPairs && items <= partnerItems) return;
  const urls = request.includeOfferUrls ? ' with their additional offer URLs' : '';
  const fix = request.includeOfferUrls
    ? 'Turn off Include Additional Offer URLs, or'
    : 'To split the work,';
  throw invalidInput(
    z,
    `This package covers ${offers.length} offers${urls}: ${pairs} offer/URL pairs and ${items} ` +
      `links, but one run takes at most ${partnerPairs} pairs and ${partnerItems} links so that it ` +
      `finishes inside Zapier's 30 seconds. ${fix} ${SPLIT_HINT}.`,
  );
}

/** With All Offers, a partner who can run more offers than a run takes hears it after one page. */
export function checkPartnerOfferCount(z: ZObject, offers: number): void {
  const { partnerPairs } = EVERFLOW_ASSET_CAPS;
  if (offers <= partnerPairs) return;
  throw invalidInput(
    z,
    `You can run ${offers} offers, but one run takes at most ${partnerPairs} (offer/URL pairs) so ` +
      `that it finishes inside Zapier's 30 seconds. To split the work, ${SPLIT_HINT}.`,
  );
}

/** The network cap, once the offers the affiliate can run and their URLs are known. */
export function checkNetworkCaps(
  z: ZObject,
  request: EverflowAssetRequest,
  plans: readonly { links: number; calls: number }[],
) {
  const links = plans.reduce((sum, plan) => sum + plan.links, 0);
  const calls = plans.reduce((sum, plan) => sum + plan.calls, 0);
  const needed = Math.max(links, calls);
  if (needed <= EVERFLOW_ASSET_CAPS.networkLinks) return;
  const fix = request.includeOfferUrls
    ? 'Turn off Include Additional Offer URLs, ask for fewer link types, or'
    : 'Ask for fewer link types, or';
  throw invalidInput(
    z,
    `This package needs ${needed} links from Everflow for ${plans.length} offers; one run makes at ` +
      `most ${EVERFLOW_ASSET_CAPS.networkLinks} so that it finishes inside Zapier's 30 seconds. ` +
      `${fix} ${SPLIT_HINT}.`,
  );
}
