import { type ZObject } from 'zapier-platform-core';
import { chunk, runBulk } from '../core/bulk';
import { invalidInput } from '../core/input';
import { withQueryParameters } from '../core/url';

import { OFFERSLOOK_BATCH_SIZE, type OfferslookClient } from './client';

import { DEFAULT_LANDING_PAGE, LANDING_PAGE_LABEL, RANDOM_LANDING_PAGE } from './fields';

import { type OfferslookTrackingLinks, trackingLinksOutput, type UnmadeIds } from './outputs';

import {
  OFFERSLOOK_SUB_KEYS,
  type OfferslookLandingPage,
  type OfferslookLinksRequest,
  type OfferslookOfferUrl,
  type OfferslookSubs,
  type OfferslookTrackingLink,
} from './schemas';

/**
 * Offerslook tracking links with a landing page and sub IDs. Offerslook makes the links; the
 * landing page and the affiliate's own values are query parameters it lets affiliates add
 * (`url_id`, `random_url`, `source_id`, `aff_sub1`…`aff_sub5`), added here to every link.
 */

/** source_id and aff_sub1…aff_sub5 in Offerslook's order, only the filled ones. */
export function offerslookSubParameters(subs: OfferslookSubs): [string, string][] {
  return OFFERSLOOK_SUB_KEYS.flatMap((key) => {
    const value = subs[key];
    return value === undefined ? [] : [[key, value] as [string, string]];
  });
}

/** The `url_id` an offer URL's tracking link carries, or undefined. */
export function offerUrlId(trackingLink: string): number | undefined {
  const queryAt = trackingLink.indexOf('?');
  if (queryAt < 0) return undefined;
  const query = trackingLink.slice(queryAt + 1).split('#')[0];
  const value = new URLSearchParams(query).get('url_id');
  return value !== null && /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

/** The named landing pages of an offer (those with a `url_id`), first of each id kept. */
export function namedLandingPages(
  offerUrls: OfferslookOfferUrl[],
): { urlId: number; name: string; trackingLink: string }[] {
  const seen = new Set<number>();
  return offerUrls.flatMap((offerUrl) => {
    const urlId = offerUrlId(offerUrl.tracking_link);
    if (urlId === undefined || seen.has(urlId)) return [];
    seen.add(urlId);
    const name = offerUrl.name?.trim() || offerUrl.preview_url || `Landing page ${urlId}`;
    return [{ urlId, name, trackingLink: offerUrl.tracking_link }];
  });
}

/** The dropdown choices of an offer's landing pages: Default, Random, then each named page. */
export function landingPageChoices(
  offerUrls: OfferslookOfferUrl[],
): { id: string; name: string }[] {
  return [
    { ...DEFAULT_LANDING_PAGE },
    { ...RANDOM_LANDING_PAGE },
    ...namedLandingPages(offerUrls).map((page) => ({
      id: String(page.urlId),
      name: `${page.name} (${page.urlId})`,
    })),
  ];
}

/**
 * The link of a named landing page: the `tracking_link` Offerslook gives for that `url_id`, so a
 * number that is not one of the offer's pages is refused instead of making a link that goes nowhere.
 */
async function landingPageLink(
  z: ZObject,
  offerslook: OfferslookClient,
  offerId: number,
  urlId: number,
): Promise<string> {
  const pages = namedLandingPages((await offerslook.offerTrackingLink(offerId)).offer_url);
  const page = pages.find((item) => item.urlId === urlId);
  if (page !== undefined) return page.trackingLink;
  const known = pages.map((item) => `${item.name} (${item.urlId})`);
  const listed =
    known.length > 0
      ? `Its named landing pages are ${known.join(', ')}.`
      : 'It has no named landing pages.';
  throw invalidInput(
    z,
    `Offer ${offerId} has no landing page ${urlId}. ${listed} Choose one from the ` +
      `${LANDING_PAGE_LABEL} list, or leave it empty for the default page.`,
  );
}

/** The query parameters every link of the run gets: the random page, then the sub IDs. */
function addedParameters(
  landingPage: OfferslookLandingPage,
  subs: OfferslookSubs,
): [string, string][] {
  const random: [string, string][] = landingPage.kind === 'random' ? [['random_url', '1']] : [];
  return [...random, ...offerslookSubParameters(subs)];
}

/**
 * One call per 100 distinct ids. Offers the affiliate may not run are not an error: they are listed
 * in missing_offer_ids with a hint. A named landing page (one offer only) costs one more call, made
 * only when the offer got a link.
 */
export async function makeOfferslookLinks(
  z: ZObject,
  offerslook: OfferslookClient,
  request: OfferslookLinksRequest,
): Promise<OfferslookTrackingLinks> {
  const { offerIds, landingPage, subs } = request;
  // Chunks of 100 ids go side by side (core/bulk's runner); a chunk not done by the run's deadline
  // lists its ids as not processed in time, a chunk that failed lists them with its reason.
  const answers: OfferslookTrackingLink[] = [];
  const unmade: UnmadeIds[] = [];
  await runBulk(z, {
    units: chunk(offerIds, OFFERSLOOK_BATCH_SIZE),
    concurrency: OFFERSLOOK_PARALLEL_CALLS,
    failWhenNoneSucceed: true,
    perform: async (part) => {
      answers.push(...(await offerslook.trackingLinks(part)));
    },
    fail: (part, message, late) => unmade.push({ ids: part, message, late }),
  });
  // A named landing page is for one offer only (checked when the input was read).
  const [offerId] = offerIds;
  const landingUrl =
    landingPage.kind === 'url' && answers.some((answer) => answer.offer_id === offerId)
      ? await landingPageLink(z, offerslook, offerId, landingPage.urlId)
      : undefined;
  const parameters = addedParameters(landingPage, subs);
  const links = answers.map((answer) => {
    const url = answer.offer_id === offerId && landingUrl !== undefined ? landingUrl : answer.url;
    return { ...answer, url: withQueryParameters(url, parameters) };
  });
  return trackingLinksOutput(offerIds, links, unmade);
}

/** How many tracking-link calls one run makes at a time. */
export const OFFERSLOOK_PARALLEL_CALLS = 4;
