// The Everflow sandbox data set: network "Acme Network", its offers, offer URLs, affiliates,
// tracking domains, creatives and coupon codes, and the partner "Jamie Partner" (affiliate 7).
// Brands and domains are made up; every domain is under the reserved `.example` TLD.
import { DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY } from '../credentials';

export type EverflowRealm = 'network' | 'affiliate';

/** Who a demo key belongs to: the network, or one of its affiliates (a partner key). */
export type EverflowKeyOwner = { realm: 'network' } | { realm: 'affiliate'; affiliateId: number };

export const EVERFLOW_KEYS: Readonly<Record<string, EverflowKeyOwner>> = {
  [DEMO_EVERFLOW_NETWORK_KEY]: { realm: 'network' },
  [DEMO_EVERFLOW_PARTNER_KEY]: { realm: 'affiliate', affiliateId: 7 },
};

export const EVERFLOW_NETWORK = {
  network_id: 1,
  name: 'Acme Network',
  status: 'active',
  default_currency_id: 'USD',
  reporting_timezone_id: 80,
  settings: {},
  feature_flags: {},
  time_created: 1_672_531_200,
  time_saved: 1_717_200_000,
};

export interface EverflowOfferData {
  id: number;
  name: string;
  status: 'active' | 'paused';
  visibility: 'public' | 'require_approval';
  advertiserId: number;
  destinationUrl: string;
  previewUrl: string;
  /** Direct-linking offers send clicks straight to the advertiser (unless a redirect link is forced). */
  directLinking: boolean;
  /** Impression tracking (a paid add-on) is on; absent means on. */
  impressionTracking?: boolean;
  category: string;
  payout: number;
  timeCreated: number;
}

export const EVERFLOW_OFFERS: readonly EverflowOfferData[] = [
  {
    id: 1,
    name: 'Acme Shoes Summer Sale',
    status: 'active',
    visibility: 'public',
    advertiserId: 31,
    destinationUrl: 'https://www.acmeshoes.example/summer?tid={transaction_id}',
    previewUrl: 'https://www.acmeshoes.example/summer',
    directLinking: false,
    category: 'Fashion',
    payout: 4.5,
    timeCreated: 1_704_067_200,
  },
  {
    id: 2,
    name: 'Bright Lamps Desk Range',
    status: 'active',
    visibility: 'public',
    advertiserId: 32,
    destinationUrl: 'https://shop.brightlamps.example/desk?tid={transaction_id}',
    previewUrl: 'https://shop.brightlamps.example/desk',
    directLinking: false,
    category: 'Home',
    payout: 6,
    timeCreated: 1_706_745_600,
  },
  {
    id: 3,
    name: 'Green Grocer Free Trial',
    status: 'active',
    visibility: 'public',
    advertiserId: 33,
    destinationUrl: 'https://www.greengrocer.example/trial',
    previewUrl: 'https://www.greengrocer.example/trial',
    directLinking: true,
    impressionTracking: false,
    category: 'Food',
    payout: 12,
    timeCreated: 1_709_251_200,
  },
  {
    id: 4,
    name: 'Nimbus VPN Annual Plan',
    status: 'active',
    visibility: 'require_approval',
    advertiserId: 34,
    destinationUrl: 'https://get.nimbusvpn.example/annual?tid={transaction_id}',
    previewUrl: 'https://get.nimbusvpn.example/annual',
    directLinking: false,
    category: 'Software',
    payout: 30,
    timeCreated: 1_711_929_600,
  },
  {
    id: 5,
    name: 'Acme Shoes Winter Promo',
    status: 'paused',
    visibility: 'public',
    advertiserId: 31,
    destinationUrl: 'https://www.acmeshoes.example/winter?tid={transaction_id}',
    previewUrl: 'https://www.acmeshoes.example/winter',
    directLinking: false,
    category: 'Fashion',
    payout: 4,
    timeCreated: 1_714_521_600,
  },
  {
    id: 6,
    name: 'Sunny Travel Deals',
    status: 'active',
    visibility: 'public',
    advertiserId: 35,
    destinationUrl: 'https://www.sunnytravel.example/deals?tid={transaction_id}',
    previewUrl: 'https://www.sunnytravel.example/deals',
    directLinking: false,
    category: 'Travel',
    payout: 8,
    timeCreated: 1_717_200_000,
  },
];

/** Offers that need approval, and the affiliates approved to run them. */
export const EVERFLOW_APPROVED: Readonly<Record<number, readonly number[]>> = {
  4: [8],
};

export interface EverflowOfferUrlData {
  id: number;
  offerId: number;
  name: string;
  destinationUrl: string;
  status: 'active' | 'paused' | 'deleted';
}

export const EVERFLOW_OFFER_URLS: readonly EverflowOfferUrlData[] = [
  {
    id: 11,
    offerId: 1,
    name: 'Sandals',
    destinationUrl: 'https://www.acmeshoes.example/sandals',
    status: 'active',
  },
  {
    id: 12,
    offerId: 1,
    name: 'Boots',
    destinationUrl: 'https://www.acmeshoes.example/boots',
    status: 'active',
  },
  {
    id: 13,
    offerId: 1,
    name: 'Old clearance page',
    destinationUrl: 'https://www.acmeshoes.example/clearance',
    status: 'deleted',
  },
  {
    id: 21,
    offerId: 2,
    name: 'Desk lamps',
    destinationUrl: 'https://shop.brightlamps.example/desk/led',
    status: 'active',
  },
  {
    id: 31,
    offerId: 3,
    name: 'Veg box',
    destinationUrl: 'https://www.greengrocer.example/veg-box',
    status: 'active',
  },
  {
    id: 41,
    offerId: 4,
    name: 'Monthly plan',
    destinationUrl: 'https://get.nimbusvpn.example/monthly',
    status: 'active',
  },
  {
    id: 61,
    offerId: 6,
    name: 'Beach holidays',
    destinationUrl: 'https://www.sunnytravel.example/beach',
    status: 'active',
  },
  {
    id: 62,
    offerId: 6,
    name: 'City breaks',
    destinationUrl: 'https://www.sunnytravel.example/city',
    status: 'active',
  },
];

export interface EverflowAffiliateData {
  id: number;
  name: string;
  status: 'active' | 'inactive';
  email: string;
}

export const EVERFLOW_AFFILIATES: readonly EverflowAffiliateData[] = [
  { id: 7, name: 'Jamie Partner', status: 'active', email: 'jamie@partner.example' },
  { id: 8, name: 'Coupon Kings', status: 'active', email: 'team@couponkings.example' },
  { id: 9, name: 'Review Roundup', status: 'active', email: 'hello@reviewroundup.example' },
  { id: 10, name: 'Dormant Media', status: 'inactive', email: 'info@dormant.example' },
];

export interface EverflowTrackingDomainData {
  id: number;
  domain: string;
  isDefault: boolean;
}

export const EVERFLOW_TRACKING_DOMAINS: readonly EverflowTrackingDomainData[] = [
  { id: 1, domain: 'www.acmetrk.example', isDefault: true },
  { id: 2, domain: 'go.acmedeals.example', isDefault: false },
];

export interface EverflowCreativeData {
  id: number;
  offerId: number;
  name: string;
  type: 'image' | 'html' | 'email' | 'text' | 'archive' | 'video';
  status: 'active' | 'paused';
  resourceUrl?: string;
  /** HTML of html and email creatives. */
  htmlCode?: string;
  width?: number;
  height?: number;
  /** Hidden from partners unless the network gives it to them. */
  isPrivate?: boolean;
}

export const EVERFLOW_CREATIVES: readonly EverflowCreativeData[] = [
  {
    id: 101,
    offerId: 1,
    name: 'Summer banner 300x250',
    type: 'image',
    status: 'active',
    resourceUrl: 'https://media.acmetrk.example/creatives/101.png',
    width: 300,
    height: 250,
  },
  {
    id: 102,
    offerId: 1,
    name: 'Summer newsletter',
    type: 'email',
    status: 'active',
    htmlCode: '<h1>Summer sale</h1><p><a href="{tracking_link}">Shop sandals and boots</a></p>',
  },
  { id: 103, offerId: 1, name: 'Spring banner (retired)', type: 'image', status: 'paused' },
  {
    id: 201,
    offerId: 2,
    name: 'Desk lamp HTML banner',
    type: 'html',
    status: 'active',
    htmlCode:
      '<a href="{tracking_link}"><img src="https://media.acmetrk.example/creatives/201.png"></a>',
    width: 728,
    height: 90,
  },
  {
    id: 202,
    offerId: 2,
    name: 'Desk lamp video',
    type: 'video',
    status: 'active',
    resourceUrl: 'https://media.acmetrk.example/creatives/202.mp4',
  },
  {
    id: 301,
    offerId: 3,
    name: 'Veg box photos',
    type: 'archive',
    status: 'active',
    resourceUrl: 'https://media.acmetrk.example/creatives/301.zip',
  },
  { id: 601, offerId: 6, name: 'Beach text link', type: 'text', status: 'active' },
  {
    id: 602,
    offerId: 6,
    name: 'Partner-only beach banner',
    type: 'image',
    status: 'active',
    resourceUrl: 'https://media.acmetrk.example/creatives/602.png',
    isPrivate: true,
  },
];

export interface EverflowCouponData {
  id: number;
  offerId: number;
  affiliateId: number;
  code: string;
  status: 'active' | 'paused';
  startDate: string;
  /** Empty: no end date. */
  endDate: string;
  description: string;
}

export const EVERFLOW_COUPONS: readonly EverflowCouponData[] = [
  {
    id: 501,
    offerId: 1,
    affiliateId: 7,
    code: 'SUMMER20',
    status: 'active',
    startDate: '2025-06-01',
    endDate: '2025-08-31',
    description: '20% off summer shoes',
  },
  {
    id: 502,
    offerId: 2,
    affiliateId: 7,
    code: 'LAMPS10',
    status: 'active',
    startDate: '2025-01-01',
    endDate: '2025-12-31',
    description: '10% off desk lamps',
  },
  {
    id: 503,
    offerId: 4,
    affiliateId: 8,
    code: 'VPN50',
    status: 'active',
    startDate: '2025-03-01',
    endDate: '2026-02-28',
    description: 'Half price first year',
  },
  {
    id: 504,
    offerId: 1,
    affiliateId: 8,
    code: 'SAVE15',
    status: 'paused',
    startDate: '2024-11-01',
    endDate: '2024-12-31',
    description: '15% off (ended)',
  },
  {
    id: 505,
    offerId: 6,
    affiliateId: 7,
    code: 'TRAVEL5',
    status: 'active',
    startDate: '2025-04-15',
    endDate: '',
    description: '5% off any trip',
  },
];

/**
 * `count` plain public offers (ids 1001…) added by the sandbox option `everflowExtraOffers`, so
 * that lists run over several pages. The default sandbox has none.
 */
export function extraEverflowOffers(count: number): EverflowOfferData[] {
  return Array.from({ length: count }, (_, i) => ({
    id: 1001 + i,
    name: `Acme Catalog Item ${i + 1}`,
    status: 'active',
    visibility: 'public',
    advertiserId: 36,
    destinationUrl: `https://www.acmecatalog.example/item-${i + 1}?tid={transaction_id}`,
    previewUrl: `https://www.acmecatalog.example/item-${i + 1}`,
    directLinking: false,
    category: 'Shopping',
    payout: 2,
    timeCreated: 1_717_200_000 + (i + 1) * 3600,
  }));
}
