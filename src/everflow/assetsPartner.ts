import { type EverflowAssets } from './outputs';
import { type EverflowAssetOffer } from './schemas';
import { type EverflowAssetRequest } from './fields';
import { checkPartnerCaps, checkPartnerOfferCount } from './assetsCaps';
import {
  AssetPackage,
  addCoupons,
  creativeOutput,
  DEFAULT_URL,
  linkEntry,
  noteIncomplete,
  offerUrlsOf,
  packageLink,
  skip,
  usableCreative,
  webUrl,
  type OfferSlot,
} from './assetsPackage';
import { paced, readPages, type AssetRun } from './assetsRun';

// The package of a partner (affiliate) key: the runnable offers carry their links, offer URLs and
// creatives, so every link is built here without a request; an offer the list lacks a part of costs
// one details call.

/** Runnable offers per page: Everflow's own default page size. */
export const PARTNER_OFFERS_PAGE_SIZE = 50;

const NOT_RUNNABLE_BY_PARTNER =
  'You may not run this offer: it is not among your runnable offers (not approved yet, paused, ' +
  'or not visible to you). Apply for it in the partner portal, or leave it out.';

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
function mergeOfferDetails(
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

export async function partnerPackage(run: AssetRun): Promise<EverflowAssets> {
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
    addCoupons(
      pkg,
      coupons.value.coupons,
      new Set(inReach.map(({ slot }) => slot.offerId)),
      request,
    );
  } else if (coupons) {
    pkg.note(`Coupon codes: ${coupons.skip}`);
  }
  return pkg.result();
}
