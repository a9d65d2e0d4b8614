import { withSharedPace } from './bulk';
import pLimit from 'p-limit';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { reasonOf } from '../core/errors';
import { bulkOutcome } from '../core/bulk';
import { invalidInput, parseHttpUrl } from '../core/input';
import { withQueryParameters } from '../core/url';
import { EVERFLOW_BULK_PACE, type BulkPace } from './bulk';
import { EverflowClient } from './client';
import { ASSET_OFFERS_LABEL, readEverflowAssetRequest, type EverflowAssetRequest } from './fields';

import { everflowKeyType } from './keyType';

import { subParameters } from './links';

import {
  DEFAULT_OFFER_URL_NAME,
  isoDate,
  type EverflowAssetCoupon,
  type EverflowAssetCreativeOutput,
  type EverflowAssetLink,
  type EverflowAssets,
  type EverflowAssetSkip,
} from './outputs';

import {
  type EverflowAssetCreative,
  type EverflowAssetOffer,
  type EverflowAssetOfferUrl,
  type EverflowCoupon,
  type PartnerLinkType,
} from './schemas';

/**
 * "Generate Everflow Tracking Links & Assets": the partner portal's Tracking & Asset Generator as
 * one step. Partner keys read the runnable offers (each carries its links, offer URLs and
 * creatives) and build every link locally; network keys ask Everflow for each link of one
 * affiliate, paced like the bulk action. Every offer in scope ends up with links or in `skipped`.
 */

// --- sizes and limits ----------------------------------------------------------------------------

/** Caps that keep one run inside Zapier's 30 seconds (see the README's limits). */
export const EVERFLOW_ASSET_CAPS = {
  /** Partner: links per run, over at most `partnerPairs` distinct offer/URL pairs. */
  partnerItems: 1_000,
  partnerPairs: 100,
  /** Network: links (and the Everflow calls that make them) per run. */
  networkLinks: 500,
} as const;

/** Runnable offers per page: Everflow's own default page size. */
export const PARTNER_OFFERS_PAGE_SIZE = 50;

/** Network lists (offers, creatives, coupon codes) per page. */
export const NETWORK_LIST_PAGE_SIZE = 500;

/** A list that never ends (a server ignoring `page`) stops here. */
const MAX_LIST_PAGES = 50;

// --- skip reasons --------------------------------------------------------------------------------

const NOT_RUNNABLE_BY_PARTNER =
  'You may not run this offer: it is not among your runnable offers (not approved yet, paused, ' +
  'or not visible to you). Apply for it in the partner portal, or leave it out.';

const notRunnableByAffiliate = (affiliateId: number) =>
  `Affiliate ${affiliateId} may not run this offer (not approved for it, or it is not visible to ` +
  'them). Approve the affiliate for the offer in Everflow, or leave the offer out.';

const NO_IMPRESSION_TRACKING =
  'Impression link: impression tracking is not enabled on this offer, so Everflow has no ' +
  'impression link for it.';

const NO_TRACKING_LINK = 'Click link: Everflow gave no tracking link for this offer.';

const NO_REDIRECT_LINK =
  'Click link: this offer uses direct linking and Everflow gave no redirect link for it. Turn off ' +
  'Force Redirect Links to get its direct link.';

const NO_REDIRECT_FOR_URLS =
  'Additional offer URLs: this offer uses direct linking, which always lands on its default page, ' +
  'and Everflow gave no redirect link to reach the other pages.';

const NOT_LISTED = 'Not found in the part of the offer list that could be read.';

/** A request not started (or not finished) before the run's deadline. */
export const NOT_MADE_IN_TIME =
  'Not made: this run reached the time Zapier allows one step (30 seconds) first. Run the step ' +
  'again, or split the offers over several steps.';

// --- the run -------------------------------------------------------------------------------------

/** Tests pass their own pace (and their clock through the run); Zap runs use the bulk action's pace. */
export interface AssetOptions {
  pace?: BulkPace;
}

interface Run {
  z: ZObject;
  everflow: EverflowClient;
  request: EverflowAssetRequest;
  /** A few requests in flight at a time; the client's rate gate spaces them. */
  limit: pLimit.Limit;
}

/** A request's outcome: its value, or why it produced nothing (the run goes on). */
type Attempt<T> = { value: T } | { skip: string };

/**
 * Runs one request of the package. A refusal, a failure of that request or the deadline becomes
 * its skip reason; an expired key (Zapier asks to reconnect), a 429 (Zapier retries the step) or a
 * bug stops the whole run.
 */
async function attempt<T>(run: Run, request: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { value: await request() };
  } catch (error) {
    // What a failure does is the bulk runner's rule (core/bulk), read from the error's reason; a
    // package is delivered whole, so a rate limit stops it too and Zapier retries the step.
    const outcome = bulkOutcome(error);
    if (outcome.stop || outcome.throttled) {
      run.limit.clearQueue(); // no new requests once the run is lost
      throw error;
    }
    return { skip: reasonOf(error)?.kind === 'out_of_time' ? NOT_MADE_IN_TIME : outcome.message };
  }
}

/** One paced request: waits for a slot among the few in flight, then for the rate gate. */
function paced<T>(run: Run, request: () => Promise<T>): Promise<Attempt<T>> {
  return run.limit(() => attempt(run, request));
}

export async function generateEverflowAssets(
  z: ZObject,
  bundle: Bundle,
  options: AssetOptions = {},
): Promise<EverflowAssets> {
  const keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
  const request = readEverflowAssetRequest(z, bundle.inputData, keyType);
  checkChosenOffers(z, request);
  const pace = options.pace ?? EVERFLOW_BULK_PACE[keyType];
  const everflow = new EverflowClient(z, bundle);
  const run: Run = { z, everflow, request, limit: pLimit(pace.concurrency) };
  return withSharedPace(z, everflow, pace, () =>
    keyType === 'affiliate' ? partnerPackage(run) : networkPackage(run),
  );
}

// --- caps ----------------------------------------------------------------------------------------

const SPLIT_HINT =
  'set Bundle Type to Chosen Offers and split the offers over several steps (for example with ' +
  'Looping by Zapier)';

/** Before any request: the chosen offers alone must fit the caps. */
function checkChosenOffers(z: ZObject, request: EverflowAssetRequest): void {
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
function checkPartnerCaps(z: ZObject, request: EverflowAssetRequest, offers: EverflowAssetOffer[]) {
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
function checkPartnerOfferCount(z: ZObject, offers: number): void {
  const { partnerPairs } = EVERFLOW_ASSET_CAPS;
  if (offers <= partnerPairs) return;
  throw invalidInput(
    z,
    `You can run ${offers} offers, but one run takes at most ${partnerPairs} (offer/URL pairs) so ` +
      `that it finishes inside Zapier's 30 seconds. To split the work, ${SPLIT_HINT}.`,
  );
}

/** The network cap, once the offers the affiliate can run and their URLs are known. */
function checkNetworkCaps(z: ZObject, request: EverflowAssetRequest, plans: NetworkPlan[]) {
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

// --- the package, offer by offer -----------------------------------------------------------------

type Entry = { link: EverflowAssetLink } | { skip: string };

/** What one offer gets; the slots are flattened in offer order at the end, whatever finished first. */
interface OfferSlot {
  offerId: number;
  name: string | null;
  /**
   * Links and skip reasons in groups, in their planned order: a request fills the group reserved
   * for it, whenever it finishes.
   */
  entries: Entry[][];
  /** The offer's default click link made in this run: creatives and coupon codes start from it. */
  clickLink: string | null;
  creatives: EverflowAssetCreativeOutput[];
  coupons: EverflowAssetCoupon[];
}

class AssetPackage {
  private readonly slots: OfferSlot[] = [];
  private readonly byId = new Map<number, OfferSlot>();
  /** Parts of the package that are not one offer's (a list that could not be read to its end). */
  private readonly notes: string[] = [];

  add(offerId: number, name: string | null): OfferSlot {
    const slot: OfferSlot = {
      offerId,
      name,
      entries: [],
      clickLink: null,
      creatives: [],
      coupons: [],
    };
    this.slots.push(slot);
    this.byId.set(offerId, slot);
    return slot;
  }

  get(offerId: number | null | undefined): OfferSlot | undefined {
    return offerId === null || offerId === undefined ? undefined : this.byId.get(offerId);
  }

  note(reason: string): void {
    this.notes.push(reason);
  }

  result(): EverflowAssets {
    const links: EverflowAssetLink[] = [];
    const skipped: EverflowAssetSkip[] = [];
    for (const slot of this.slots) {
      for (const entry of slot.entries.flat()) {
        if ('link' in entry) links.push(entry.link);
        else skipped.push({ network_offer_id: slot.offerId, reason: entry.skip });
      }
    }
    skipped.push(...this.notes.map((reason) => ({ network_offer_id: null, reason })));
    return {
      total_offers: this.slots.length,
      url: links[0]?.url ?? null,
      links,
      coupon_codes: this.slots.flatMap((slot) => slot.coupons),
      creatives: this.slots.flatMap((slot) => slot.creatives),
      skipped,
    };
  }
}

function skip(slot: OfferSlot, reason: string): void {
  slot.entries.push([{ skip: reason }]);
}

/** Reserves the group of entries one request will fill, in planned order. */
function reserve(slot: OfferSlot): number {
  return slot.entries.push([]) - 1;
}

/** An offer URL of the package: 0 is the offer's default landing page. */
interface PackageUrl {
  id: number;
  name: string | null;
}

const DEFAULT_URL: PackageUrl = { id: 0, name: DEFAULT_OFFER_URL_NAME };

function isActive(status: string | null): boolean {
  return status === null || status.trim().toLowerCase() === 'active';
}

/** The default URL, then (when asked) every active additional offer URL, each once. */
export function offerUrlsOf(
  offer: Pick<EverflowAssetOffer, 'relationship'>,
  request: Pick<EverflowAssetRequest, 'includeOfferUrls'>,
): PackageUrl[] {
  if (!request.includeOfferUrls) return [DEFAULT_URL];
  const seen = new Set<number>([0]);
  const extra = (offer.relationship.urls ?? []).filter((url: EverflowAssetOfferUrl) => {
    if (!isActive(url.url_status) || seen.has(url.network_offer_url_id)) return false;
    seen.add(url.network_offer_url_id);
    return true;
  });
  return [DEFAULT_URL, ...extra.map((url) => ({ id: url.network_offer_url_id, name: url.name }))];
}

/** The link with `uid` (an additional offer URL), then source_id and sub1…sub5. */
export function packageLink(base: string, urlId: number, request: EverflowAssetRequest): string {
  const uid: [string, string][] = urlId > 0 ? [['uid', String(urlId)]] : [];
  return withQueryParameters(base, [...uid, ...subParameters(request.subs)]);
}

function linkEntry(
  slot: OfferSlot,
  linkType: PartnerLinkType,
  url: PackageUrl,
  isDirect: boolean | null,
  link: string,
): { link: EverflowAssetLink } {
  return {
    link: {
      network_offer_id: slot.offerId,
      offer_name: slot.name,
      link_type: linkType,
      network_offer_url_id: url.id,
      offer_url_name: url.name,
      is_direct_link: isDirect,
      url: link,
    },
  };
}

/** Where a link failed, for its skip reason: "Click link for offer URL 12 (Boots): …". */
function failedLink(linkType: PartnerLinkType, url: PackageUrl, reason: string): string {
  const kind = linkType === 'click' ? 'Click link' : 'Impression link';
  const where = url.id === 0 ? '' : ` for offer URL ${url.id}${url.name ? ` (${url.name})` : ''}`;
  return `${kind}${where}: ${reason}`;
}

/** A URL Everflow gave, if it is one a user can be handed (absolute http or https). */
function webUrl(value: string | null | undefined): string | undefined {
  return value ? parseHttpUrl(value) : undefined;
}

// --- assets shared by both key types -------------------------------------------------------------

function creativeOutput(
  creative: EverflowAssetCreative,
  offerId: number,
  clickLink: string | null,
): EverflowAssetCreativeOutput {
  const id = creative.network_offer_creative_id;
  const file =
    webUrl(creative.resource_url) ?? webUrl(creative.relationship?.resource_asset?.url) ?? null;
  return {
    network_offer_id: offerId,
    creative_id: id,
    name: creative.name,
    creative_type: creative.creative_type,
    url: clickLink === null ? null : withQueryParameters(clickLink, [['creative_id', String(id)]]),
    resource_url: file,
    html_code: creative.html_code?.trim() ? creative.html_code : null,
  };
}

/** Active creatives a partner may use: not paused or deleted, not private. */
function usableCreative(creative: EverflowAssetCreative): boolean {
  return isActive(creative.creative_status) && creative.is_private !== true;
}

function couponOutputFor(coupon: EverflowCoupon, clickLink: string | null): EverflowAssetCoupon {
  return {
    network_offer_id: coupon.network_offer_id,
    coupon_code: coupon.coupon_code,
    tracking_link: webUrl(coupon.tracking_link) ?? clickLink,
    start_date: isoDate(coupon.start_date),
    end_date: isoDate(coupon.end_date),
  };
}

/** Adds the active coupon codes of offers in the package to their offers. */
function addCoupons(pkg: AssetPackage, coupons: EverflowCoupon[], inReach: Set<number>): void {
  for (const coupon of coupons) {
    const slot = pkg.get(coupon.network_offer_id);
    if (!slot || !inReach.has(slot.offerId) || !isActive(coupon.coupon_status)) continue;
    slot.coupons.push(couponOutputFor(coupon, slot.clickLink));
  }
}

interface ListPage<T> {
  items: T[];
  totalCount?: number;
}

interface Listing<T> {
  items: T[];
  /** Why the list stops early (a failed page, the deadline); undefined when read to its end. */
  incomplete?: string;
}

/**
 * Reads a paged list: page 1 must succeed; a later page that fails (or the deadline) ends the
 * list with the reason. Stops at the last page (by `total_count`), at a page with nothing new, or
 * when `enough` says so.
 */
async function readPages<T>(
  run: Run,
  pageSize: number,
  readPage: (page: number) => Promise<ListPage<T>>,
  idOf: (item: T) => number,
  enough: (items: T[], totalCount: number | undefined) => boolean = () => false,
): Promise<Listing<T>> {
  const items: T[] = [];
  const seen = new Set<number>();
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    let answer: ListPage<T>;
    if (page === 1) {
      answer = await run.limit(() => readPage(page));
    } else {
      const next = await paced(run, () => readPage(page));
      if ('skip' in next) return { items, incomplete: next.skip };
      answer = next.value;
    }
    let fresh = 0;
    for (const item of answer.items) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
      fresh += 1;
    }
    const last =
      answer.totalCount === undefined ? fresh === 0 : page * pageSize >= answer.totalCount;
    if (last || enough(items, answer.totalCount)) break;
  }
  return { items };
}

/** Items of a list that could not be read to its end get a note in `skipped`. */
function noteIncomplete(pkg: AssetPackage, what: string, listing: Listing<unknown>): void {
  if (listing.incomplete !== undefined) {
    pkg.note(
      `${what}: not every page could be read, so some may be missing. ${listing.incomplete}`,
    );
  }
}

// --- partner key ---------------------------------------------------------------------------------

/** The click link of a partner offer's default URL, and whether it is a direct link. */
type ClickBase = { url: string; isDirect: boolean | null } | { skip: string };

/**
 * Direct linking vs redirect, from what the offer says: on a direct-linking offer `tracking_url`
 * is the direct link and `redirect_tracking_url` the redirect link; other offers' `tracking_url`
 * is a redirect link. When the offer does not say (`is_use_direct_linking` absent), the link is
 * `tracking_url` and `is_direct_link` stays empty, unless a redirect link was asked and Everflow
 * gave one.
 */
export function partnerClickBase(offer: EverflowAssetOffer, redirectLinks: boolean): ClickBase {
  const tracking = webUrl(offer.tracking_url);
  const redirect = webUrl(offer.redirect_tracking_url);
  const direct = offer.is_use_direct_linking ?? null;
  if (direct === true && redirectLinks) {
    return redirect ? { url: redirect, isDirect: false } : { skip: NO_REDIRECT_LINK };
  }
  if (direct === null && redirectLinks && redirect) return { url: redirect, isDirect: false };
  return tracking ? { url: tracking, isDirect: direct } : { skip: NO_TRACKING_LINK };
}

/**
 * The base of an additional offer URL's link (`uid` is added to it): a direct link always lands
 * on its own page, so direct-linking offers use their redirect link for the other pages.
 */
function partnerUrlBase(offer: EverflowAssetOffer, defaultBase: ClickBase): ClickBase {
  if (offer.is_use_direct_linking !== true) return defaultBase;
  const redirect = webUrl(offer.redirect_tracking_url);
  return redirect ? { url: redirect, isDirect: false } : { skip: NO_REDIRECT_FOR_URLS };
}

/** Every link of one runnable partner offer, built locally; no request. */
function buildPartnerOffer(
  slot: OfferSlot,
  offer: EverflowAssetOffer,
  request: EverflowAssetRequest,
): void {
  const urls = offerUrlsOf(offer, request);
  const clickBase = partnerClickBase(offer, request.redirectLinks);
  const base =
    'url' in clickBase ? { ...clickBase, link: packageLink(clickBase.url, 0, request) } : clickBase;
  const urlBase = partnerUrlBase(offer, clickBase);
  slot.clickLink = 'link' in base ? base.link : null;
  for (const linkType of request.linkTypes) {
    if (linkType === 'impression') {
      const impression = webUrl(offer.impression_tracking_url);
      if (!impression) {
        skip(slot, NO_IMPRESSION_TRACKING);
        continue;
      }
      for (const url of urls) {
        slot.entries.push([
          linkEntry(slot, linkType, url, null, packageLink(impression, url.id, request)),
        ]);
      }
      continue;
    }
    if ('skip' in base) skip(slot, base.skip);
    else slot.entries.push([linkEntry(slot, linkType, DEFAULT_URL, base.isDirect, base.link)]);
    if (urls.length === 1) continue;
    if ('skip' in urlBase) {
      skip(slot, urlBase.skip);
      continue;
    }
    for (const url of urls.slice(1)) {
      const link = packageLink(urlBase.url, url.id, request);
      slot.entries.push([linkEntry(slot, linkType, url, urlBase.isDirect, link)]);
    }
  }
  if (request.includeCreatives) {
    const creatives = (offer.relationship.creatives ?? []).filter(usableCreative);
    slot.creatives = creatives.map((c) => creativeOutput(c, slot.offerId, slot.clickLink));
  }
}

/** What the runnable list must carry for an offer; anything missing costs one details call. */
function lacksForPackage(offer: EverflowAssetOffer, request: EverflowAssetRequest): boolean {
  const needsClick =
    request.linkTypes.includes('click') || request.includeCreatives || request.includeCouponCodes;
  return (
    (needsClick && !webUrl(offer.tracking_url)) ||
    (request.includeOfferUrls && offer.relationship.urls === undefined) ||
    (request.includeCreatives && offer.relationship.creatives === undefined)
  );
}

/** The list's offer, completed with what the details answer has and the list lacked. */
export function mergeOfferDetails(
  listed: EverflowAssetOffer,
  details: EverflowAssetOffer,
): EverflowAssetOffer {
  const pick = (a: string | null, b: string | null) => (webUrl(a) ? a : b);
  return {
    ...listed,
    tracking_url: pick(listed.tracking_url, details.tracking_url),
    redirect_tracking_url: pick(listed.redirect_tracking_url, details.redirect_tracking_url),
    impression_tracking_url: pick(listed.impression_tracking_url, details.impression_tracking_url),
    is_use_direct_linking: listed.is_use_direct_linking ?? details.is_use_direct_linking,
    relationship: {
      urls: listed.relationship.urls ?? details.relationship.urls,
      creatives: listed.relationship.creatives ?? details.relationship.creatives,
    },
  };
}

async function partnerPackage(run: Run): Promise<EverflowAssets> {
  const { z, everflow, request } = run;
  const wanted = new Set(request.offerIds);
  const listing = await readPages(
    run,
    PARTNER_OFFERS_PAGE_SIZE,
    async (page) => {
      const answer = await everflow.runnableOffersPage(page, PARTNER_OFFERS_PAGE_SIZE);
      return { items: answer.offers, totalCount: answer.paging.totalCount };
    },
    (offer) => offer.network_offer_id,
    (offers, total) => {
      if (request.scope === 'selected') {
        const listed = new Set(offers.map((offer) => offer.network_offer_id));
        return [...wanted].every((id) => listed.has(id));
      }
      // More runnable offers than one run takes: said before reading further.
      checkPartnerOfferCount(z, Math.max(offers.length, total ?? 0));
      return false;
    },
  );

  const pkg = new AssetPackage();
  const inReach: { slot: OfferSlot; offer: EverflowAssetOffer }[] = [];
  if (request.scope === 'all') {
    for (const offer of listing.items) {
      inReach.push({ slot: pkg.add(offer.network_offer_id, offer.name), offer });
    }
    noteIncomplete(pkg, 'Offers', listing);
  } else {
    const byId = new Map(listing.items.map((offer) => [offer.network_offer_id, offer]));
    for (const id of request.offerIds) {
      const offer = byId.get(id);
      const slot = pkg.add(id, offer?.name ?? null);
      if (offer) inReach.push({ slot, offer });
      else if (listing.incomplete === undefined) skip(slot, NOT_RUNNABLE_BY_PARTNER);
      else skip(slot, `${NOT_LISTED} ${listing.incomplete}`);
    }
  }
  checkPartnerCaps(
    z,
    request,
    inReach.map(({ offer }) => offer),
  );

  const [coupons] = await Promise.all([
    request.includeCouponCodes ? paced(run, () => everflow.partnerCouponCodes()) : undefined,
    ...inReach.map(async (entry) => {
      if (lacksForPackage(entry.offer, request)) {
        const details = await paced(run, () =>
          everflow.partnerOfferDetails(entry.offer.network_offer_id),
        );
        if ('value' in details) entry.offer = mergeOfferDetails(entry.offer, details.value);
        else skip(entry.slot, `Offer details (links, offer URLs, creatives): ${details.skip}`);
      }
      buildPartnerOffer(entry.slot, entry.offer, request);
    }),
  ]);

  if (coupons && 'value' in coupons) {
    addCoupons(pkg, coupons.value.coupons, new Set(inReach.map(({ slot }) => slot.offerId)));
  } else if (coupons) {
    pkg.note(`Coupon codes: ${coupons.skip}`);
  }
  return pkg.result();
}

// --- network key ---------------------------------------------------------------------------------

/** One runnable offer of a network package: its URLs, and the links and calls it will take. */
interface NetworkPlan {
  slot: OfferSlot;
  offer: EverflowAssetOffer;
  urls: PackageUrl[];
  links: number;
  calls: number;
  /** A default click link made only for the creatives' and coupon codes' links. */
  assetClick: boolean;
}

function planNetworkOffer(
  slot: OfferSlot,
  offer: EverflowAssetOffer,
  request: EverflowAssetRequest,
): NetworkPlan {
  const urls = offerUrlsOf(offer, request);
  const click = request.linkTypes.includes('click');
  const impression = request.linkTypes.includes('impression');
  const assetClick = !click && (request.includeCreatives || request.includeCouponCodes);
  return {
    slot,
    offer,
    urls,
    links: urls.length * request.linkTypes.length,
    calls: (click ? urls.length : 0) + (impression ? 1 : 0) + (assetClick ? 1 : 0),
    assetClick,
  };
}

/**
 * `is_direct_link` of a network click link: a forced redirect link is a redirect link (the
 * contract says so); otherwise the offer's direct-linking setting says which, when the answer has it.
 */
export function networkDirectness(
  offer: Pick<EverflowAssetOffer, 'is_use_direct_linking'>,
  redirectLinks: boolean,
): boolean | null {
  if (redirectLinks) return false;
  return offer.is_use_direct_linking ?? null;
}

const NOT_A_WEB_LINK =
  'Everflow answered with something that is not a web address (http or https), so no link was made.';

/** A link Everflow made, kept only when it is a web address a user can be handed. */
async function madeLink(run: Run, request: () => Promise<string>): Promise<Attempt<string>> {
  const made = await paced(run, request);
  if ('skip' in made) return made;
  const link = webUrl(made.value);
  return link ? { value: link } : { skip: NOT_A_WEB_LINK };
}

/** Every link of one runnable network offer: one Everflow call per click link and per impression. */
async function makeNetworkLinks(run: Run, plan: NetworkPlan, affiliateId: number): Promise<void> {
  const { everflow, request } = run;
  const { slot, offer, urls } = plan;
  const isDirect = networkDirectness(offer, request.redirectLinks);
  const click = (urlId: number) =>
    everflow.networkLink({
      network_offer_id: slot.offerId,
      network_affiliate_id: affiliateId,
      ...(urlId > 0 ? { network_offer_url_id: urlId } : {}),
      ...request.subs,
      ...(request.redirectLinks ? { is_redirect_link: true } : {}),
    });
  const work: Promise<void>[] = [];
  for (const linkType of request.linkTypes) {
    if (linkType === 'click') {
      for (const url of urls) {
        const at = reserve(slot);
        work.push(
          madeLink(run, () => click(url.id)).then((made) => {
            slot.entries[at] = [
              'value' in made
                ? linkEntry(slot, linkType, url, isDirect, made.value)
                : { skip: failedLink(linkType, url, made.skip) },
            ];
            if (url.id === 0 && 'value' in made) slot.clickLink = made.value;
          }),
        );
      }
      continue;
    }
    const at = reserve(slot);
    work.push(
      madeLink(run, () => everflow.networkImpressionLink(slot.offerId, affiliateId)).then(
        (made) => {
          // One impression link per offer from Everflow; each offer URL's carries its `uid`.
          slot.entries[at] =
            'skip' in made
              ? [{ skip: failedLink(linkType, DEFAULT_URL, made.skip) }]
              : urls.map((url) =>
                  linkEntry(slot, linkType, url, null, packageLink(made.value, url.id, request)),
                );
        },
      ),
    );
  }
  if (plan.assetClick) {
    const at = reserve(slot);
    work.push(
      madeLink(run, () => click(0)).then((made) => {
        if ('value' in made) slot.clickLink = made.value;
        else
          slot.entries[at] = [{ skip: `Click link for creatives and coupon codes: ${made.skip}` }];
      }),
    );
  }
  await Promise.all(work);
}

async function networkPackage(run: Run): Promise<EverflowAssets> {
  const { z, everflow, request } = run;
  const affiliateId = request.affiliateId as number;
  const [runnableIds, table] = await Promise.all([
    run.limit(() => everflow.affiliateRunnableOfferIds(affiliateId)),
    request.scope === 'all'
      ? readPages(
          run,
          NETWORK_LIST_PAGE_SIZE,
          async (page) => {
            const answer = await everflow.activeOffersPage(page, NETWORK_LIST_PAGE_SIZE);
            return { items: answer.offers, totalCount: answer.paging.totalCount };
          },
          (offer) => offer.network_offer_id,
        )
      : undefined,
  ]);
  const runnable = new Set(runnableIds);
  const pkg = new AssetPackage();
  const found: ({ slot: OfferSlot; offer: EverflowAssetOffer } | undefined)[] = [];

  if (table) {
    for (const offer of table.items) {
      const slot = pkg.add(offer.network_offer_id, offer.name);
      if (runnable.has(offer.network_offer_id)) found.push({ slot, offer });
      else skip(slot, notRunnableByAffiliate(affiliateId));
    }
    noteIncomplete(pkg, 'Offers', table);
  } else {
    await Promise.all(
      request.offerIds.map(async (id, position) => {
        const slot = pkg.add(id, null);
        if (!runnable.has(id)) {
          skip(slot, notRunnableByAffiliate(affiliateId));
          return;
        }
        const details = await paced(run, () => everflow.networkOfferDetails(id));
        if ('skip' in details) {
          skip(slot, details.skip);
          return;
        }
        slot.name = details.value.name;
        found[position] = { slot, offer: details.value };
      }),
    );
  }

  const plans = found
    .filter((entry): entry is { slot: OfferSlot; offer: EverflowAssetOffer } => entry !== undefined)
    .map(({ slot, offer }) => planNetworkOffer(slot, offer, request));
  checkNetworkCaps(z, request, plans);

  const inReach = new Set(plans.map(({ slot }) => slot.offerId));
  const [creatives, coupons] = await Promise.all([
    request.includeCreatives
      ? readPages(
          run,
          NETWORK_LIST_PAGE_SIZE,
          async (page) => {
            const answer = await everflow.activeCreativesPage(page, NETWORK_LIST_PAGE_SIZE);
            return { items: answer.creatives, totalCount: answer.paging.totalCount };
          },
          (creative) => creative.network_offer_creative_id,
        ).catch((error: unknown) => listFailure<EverflowAssetCreative>(run, error))
      : undefined,
    request.includeCouponCodes
      ? readPages(
          run,
          NETWORK_LIST_PAGE_SIZE,
          async (page) => {
            const answer = await everflow.affiliateCouponCodesPage(
              affiliateId,
              page,
              NETWORK_LIST_PAGE_SIZE,
            );
            return { items: answer.coupons, totalCount: answer.paging.totalCount };
          },
          (coupon) => coupon.network_coupon_code_id,
        ).catch((error: unknown) => listFailure<EverflowCoupon>(run, error))
      : undefined,
    Promise.all(plans.map((plan) => makeNetworkLinks(run, plan, affiliateId))),
  ]);

  if (creatives) {
    for (const creative of creatives.items.filter(usableCreative)) {
      const slot = pkg.get(creative.network_offer_id);
      if (!slot || !inReach.has(slot.offerId)) continue;
      slot.creatives.push(creativeOutput(creative, slot.offerId, slot.clickLink));
    }
    noteIncomplete(pkg, 'Creatives', creatives);
  }
  if (coupons) {
    addCoupons(pkg, coupons.items, inReach);
    noteIncomplete(pkg, 'Coupon codes', coupons);
  }
  return pkg.result();
}

/** A list of assets whose first page failed: the links still count, the list is marked. */
async function listFailure<T>(run: Run, error: unknown): Promise<Listing<T>> {
  const failed = await attempt<never>(run, () => Promise.reject(error));
  return { items: [], incomplete: 'skip' in failed ? failed.skip : undefined };
}
