import { type EverflowCoupon, type EverflowOffer, type PartnerLinkType } from './schemas';

/** Everflow dates as ISO-8601: dates stay dates, "date time" gets a T, Unix seconds become UTC. */
export function isoDate(value: string | number | null): string | null {
  if (value === null || value === '' || value === 0) return null;
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const text = value.trim();
  if (/^0000-00-00/.test(text)) return null;
  if (/^\d+$/.test(text)) return isoDate(Number(text));
  const dateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)(.*)$/.exec(text);
  if (dateTime) return `${dateTime[1]}T${dateTime[2]}${dateTime[4]}`;
  // A bare date reads as the start of that day, so every Everflow date has one format.
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return `${text}T00:00:00Z`;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
}

/** How an Everflow offer looks in the output of the search and the polling trigger. */
export type EverflowOfferOutput = {
  id: number;
  network_offer_id: number;
  name: string;
  offer_status: string | null;
};

export function everflowOfferOutput(offer: EverflowOffer): EverflowOfferOutput {
  return {
    id: offer.network_offer_id,
    network_offer_id: offer.network_offer_id,
    name: offer.name,
    offer_status: offer.offer_status,
  };
}

export const everflowOfferSample: EverflowOfferOutput = {
  id: 1,
  network_offer_id: 1,
  name: 'Acme Shoes Summer Sale',
  offer_status: 'active',
};

export const everflowOfferOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'network_offer_id', label: 'Offer ID', type: 'integer' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'offer_status', label: 'Status', type: 'string' },
] as const;

export type EverflowCouponOutput = {
  id: number;
  coupon_code: string;
  tracking_link: string | null;
  network_offer_id: number;
  offer_name: string | null;
  start_date: string | null;
  end_date: string | null;
};

export function couponOutput(coupon: EverflowCoupon): EverflowCouponOutput {
  return {
    id: coupon.network_coupon_code_id,
    coupon_code: coupon.coupon_code,
    tracking_link: coupon.tracking_link,
    network_offer_id: coupon.network_offer_id,
    offer_name: coupon.relationship?.offer?.name ?? null,
    start_date: isoDate(coupon.start_date),
    end_date: isoDate(coupon.end_date),
  };
}

export function offerChoice(offer: EverflowOffer): { id: string; name: string } {
  const status =
    offer.offer_status && offer.offer_status !== 'active' ? `, ${offer.offer_status}` : '';
  return {
    id: String(offer.network_offer_id),
    name: `${offer.name} (${offer.network_offer_id}${status})`,
  };
}

// --- tracking links & assets package -------------------------------------------------------------

/** One link of the package: an offer × link type × offer URL (0 = the offer's default URL). */
export type EverflowAssetLink = {
  network_offer_id: number;
  offer_name: string | null;
  link_type: PartnerLinkType;
  network_offer_url_id: number;
  offer_url_name: string | null;
  /** True or false where Everflow's answer says which kind of link it is; null where it does not. */
  is_direct_link: boolean | null;
  url: string;
};

export type EverflowAssetCoupon = {
  network_offer_id: number;
  coupon_code: string;
  tracking_link: string | null;
  start_date: string | null;
  end_date: string | null;
};

export type EverflowAssetCreativeOutput = {
  network_offer_id: number;
  creative_id: number;
  name: string | null;
  creative_type: string | null;
  /** The offer's click link for this creative (with `creative_id`). */
  url: string | null;
  resource_url: string | null;
  html_code: string | null;
};

/** An offer (or, without an offer id, a part of the package) that produced nothing, and why. */
export type EverflowAssetSkip = {
  network_offer_id: number | null;
  reason: string;
};

export type EverflowAssets = {
  total_offers: number;
  /** The first link, for one-offer Zaps; null when the package has none. */
  url: string | null;
  links: EverflowAssetLink[];
  coupon_codes: EverflowAssetCoupon[];
  creatives: EverflowAssetCreativeOutput[];
  skipped: EverflowAssetSkip[];
};

/** The name an offer's default landing page has in the package (and in the offer URL dropdown). */
export const DEFAULT_OFFER_URL_NAME = 'Default offer URL';

const SAMPLE_LINK = 'https://www.acmetrk.example/2CTPL/2TB6KZ/';

export const everflowAssetsSample: EverflowAssets = {
  total_offers: 2,
  url: `${SAMPLE_LINK}?sub1=spring`,
  links: [
    {
      network_offer_id: 1,
      offer_name: 'Acme Shoes Summer Sale',
      link_type: 'click',
      network_offer_url_id: 0,
      offer_url_name: DEFAULT_OFFER_URL_NAME,
      is_direct_link: false,
      url: `${SAMPLE_LINK}?sub1=spring`,
    },
    {
      network_offer_id: 1,
      offer_name: 'Acme Shoes Summer Sale',
      link_type: 'click',
      network_offer_url_id: 11,
      offer_url_name: 'Sandals',
      is_direct_link: false,
      url: `${SAMPLE_LINK}?uid=11&sub1=spring`,
    },
  ],
  coupon_codes: [
    {
      network_offer_id: 1,
      coupon_code: 'SUMMER20',
      tracking_link: `${SAMPLE_LINK}?coupon_code=SUMMER20`,
      start_date: '2025-06-01T00:00:00Z',
      end_date: '2025-08-31T23:59:59Z',
    },
  ],
  creatives: [
    {
      network_offer_id: 1,
      creative_id: 101,
      name: 'Summer banner 300x250',
      creative_type: 'image',
      url: `${SAMPLE_LINK}?sub1=spring&creative_id=101`,
      resource_url: 'https://media.acmetrk.example/creatives/101.png',
      html_code: null,
    },
  ],
  skipped: [
    {
      network_offer_id: 4,
      reason:
        'You may not run this offer: it is not among your runnable offers (not approved yet, ' +
        'paused, or not visible to you). Apply for it in the partner portal, or leave it out.',
    },
  ],
};

export const everflowAssetsOutputFields = [
  { key: 'total_offers', label: 'Offers in the Package', type: 'integer' },
  { key: 'url', label: 'First Tracking Link', type: 'string' },
  { key: 'links[]network_offer_id', label: 'Links: Offer ID', type: 'integer' },
  { key: 'links[]offer_name', label: 'Links: Offer Name', type: 'string' },
  { key: 'links[]link_type', label: 'Links: Link Type', type: 'string' },
  { key: 'links[]network_offer_url_id', label: 'Links: Offer URL ID', type: 'integer' },
  { key: 'links[]offer_url_name', label: 'Links: Offer URL Name', type: 'string' },
  { key: 'links[]is_direct_link', label: 'Links: Direct Link', type: 'boolean' },
  { key: 'links[]url', label: 'Links: Tracking Link', type: 'string' },
  { key: 'coupon_codes[]network_offer_id', label: 'Coupon Codes: Offer ID', type: 'integer' },
  { key: 'coupon_codes[]coupon_code', label: 'Coupon Codes: Code', type: 'string' },
  { key: 'coupon_codes[]tracking_link', label: 'Coupon Codes: Tracking Link', type: 'string' },
  { key: 'coupon_codes[]start_date', label: 'Coupon Codes: Start Date', type: 'datetime' },
  { key: 'coupon_codes[]end_date', label: 'Coupon Codes: End Date', type: 'datetime' },
  { key: 'creatives[]network_offer_id', label: 'Creatives: Offer ID', type: 'integer' },
  { key: 'creatives[]creative_id', label: 'Creatives: Creative ID', type: 'integer' },
  { key: 'creatives[]name', label: 'Creatives: Name', type: 'string' },
  { key: 'creatives[]creative_type', label: 'Creatives: Type', type: 'string' },
  { key: 'creatives[]url', label: 'Creatives: Tracking Link', type: 'string' },
  { key: 'creatives[]resource_url', label: 'Creatives: File URL', type: 'string' },
  { key: 'creatives[]html_code', label: 'Creatives: HTML Code', type: 'string' },
  { key: 'skipped[]network_offer_id', label: 'Skipped: Offer ID', type: 'integer' },
  { key: 'skipped[]reason', label: 'Skipped: Reason', type: 'string' },
] as const;
