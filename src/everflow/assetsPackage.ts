import { parseHttpUrl } from '../core/input';
import { withQueryParameters } from '../core/url';
import { type EverflowAssetRequest } from './fields';
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
import { type Listing } from './assetsRun';

// The tracking links & assets package as it is built, for both key types: one slot per offer
// (its links and skip reasons in planned order, its creatives and coupon codes), the offer URLs a
// package covers, and the links, creatives and coupon codes made from what Everflow gave.

type Entry = { link: EverflowAssetLink } | { skip: string };

/** What one offer gets; the slots are flattened in offer order at the end, whatever finished first. */
export interface OfferSlot {
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

export class AssetPackage {
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

export function skip(slot: OfferSlot, reason: string): void {
  slot.entries.push([{ skip: reason }]);
}

/** Reserves the group of entries one request will fill, in planned order. */
export function reserve(slot: OfferSlot): number {
  return slot.entries.push([]) - 1;
}

/** An offer URL of the package: 0 is the offer's default landing page. */
export interface PackageUrl {
  id: number;
  name: string | null;
}

export const DEFAULT_URL: PackageUrl = { id: 0, name: DEFAULT_OFFER_URL_NAME };

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

export function linkEntry(
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
export function failedLink(linkType: PartnerLinkType, url: PackageUrl, reason: string): string {
  const kind = linkType === 'click' ? 'Click link' : 'Impression link';
  const where = url.id === 0 ? '' : ` for offer URL ${url.id}${url.name ? ` (${url.name})` : ''}`;
  return `${kind}${where}: ${reason}`;
}

/** A URL Everflow gave, if it is one a user can be handed (absolute http or https). */
export function webUrl(value: string | null | undefined): string | undefined {
  return value ? parseHttpUrl(value) : undefined;
}

export function creativeOutput(
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
export function usableCreative(creative: EverflowAssetCreative): boolean {
  return isActive(creative.creative_status) && creative.is_private !== true;
}

/**
 * A coupon code with its tracking link: Everflow's own link for the code with the package's
 * source_id and sub1…sub5 added (as on every other link of the package), else the offer's click
 * link made in this run, which carries them already.
 */
function couponOutputFor(
  coupon: EverflowCoupon,
  clickLink: string | null,
  request: Pick<EverflowAssetRequest, 'subs'>,
): EverflowAssetCoupon {
  const own = webUrl(coupon.tracking_link);
  return {
    network_offer_id: coupon.network_offer_id,
    coupon_code: coupon.coupon_code,
    tracking_link:
      own === undefined ? clickLink : withQueryParameters(own, subParameters(request.subs)),
    start_date: isoDate(coupon.start_date),
    end_date: isoDate(coupon.end_date),
  };
}

/** Adds the active coupon codes of offers in the package to their offers. */
export function addCoupons(
  pkg: AssetPackage,
  coupons: EverflowCoupon[],
  inReach: Set<number>,
  request: Pick<EverflowAssetRequest, 'subs'>,
): void {
  for (const coupon of coupons) {
    const slot = pkg.get(coupon.network_offer_id);
    if (!slot || !inReach.has(slot.offerId) || !isActive(coupon.coupon_status)) continue;
    slot.coupons.push(couponOutputFor(coupon, slot.clickLink, request));
  }
}

/** Items of a list that could not be read to its end get a note in `skipped`. */
export function noteIncomplete(pkg: AssetPackage, what: string, listing: Listing<unknown>): void {
  if (listing.incomplete !== undefined) {
    pkg.note(
      `${what}: not every page could be read, so some may be missing. ${listing.incomplete}`,
    );
  }
}
