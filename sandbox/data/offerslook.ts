// The Offerslook sandbox data set: one demo network, its affiliate and the offers it can see.
// Brands and domains are made up; every domain is under the reserved `.example` TLD.
import {
  DEMO_OFFERSLOOK_API_KEY,
  DEMO_OFFERSLOOK_EMAIL,
  DEMO_OFFERSLOOK_NETWORK,
} from '../credentials';

export interface OfferslookAffiliate {
  affiliateId: number;
  email: string;
  apiKey: string;
  /** Host of the network's click and impression links. */
  trackingHost: string;
}

/** The affiliate of each network the sandbox serves, by network name. */
export const OFFERSLOOK_NETWORKS: Readonly<Record<string, OfferslookAffiliate>> = {
  [DEMO_OFFERSLOOK_NETWORK]: {
    affiliateId: 1207,
    email: DEMO_OFFERSLOOK_EMAIL,
    apiKey: DEMO_OFFERSLOOK_API_KEY,
    trackingHost: 'track.demo-offers.example',
  },
};

/** 1 Require Approval, 2 Public, 3 Private (Offerslook's `offer_approval`). */
type OfferApproval = 1 | 2 | 3;

/** How the impression pixel tag is written: Offerslook's documented form, a variant, or none. */
type PixelStyle = 'documented' | 'doubleQuotedEntities' | 'none';

export interface OfferslookOfferData {
  id: number;
  name: string;
  status: 'active' | 'paused' | 'pending';
  offer_approval: OfferApproval;
  /** In the demo affiliate's personal list (approved to run it). */
  approved: boolean;
  preview_url: string;
  pricing_type: 'CPA' | 'CPS' | 'CPL' | 'CPC';
  payout: string;
  currency: string;
  category: string;
  geo_country: string;
  description: string;
  pixel: PixelStyle;
  /** Extra landing pages (`url_id` of the one-offer tracking link). */
  extraUrls: { id: number; name: string; preview_url: string }[];
}

/** Requesting this id (alone or among others) makes Offerslook answer code 1002 for the call. */
export const OFFERSLOOK_INVALID_OFFER_ID = 999;

const offer = (
  fields: Omit<OfferslookOfferData, 'pixel' | 'extraUrls' | 'description'> &
    Partial<Pick<OfferslookOfferData, 'pixel' | 'extraUrls' | 'description'>>,
): OfferslookOfferData => ({
  pixel: 'documented',
  extraUrls: [],
  description: `${fields.name}: promote with any compliant traffic.`,
  ...fields,
});

/**
 * Sorted by id. A link comes back for approved or public offers: 16, 102, 205, 231, 342, 455, 512,
 * 618, 870. No link: 118 and 307 (need approval), 734 (private, not approved, so not even listed).
 * Named landing pages (`url_id`): 16 has 7, 8 and 12; 102 has 3; 455 has 21 and 22.
 */
export const OFFERSLOOK_OFFERS: readonly OfferslookOfferData[] = [
  offer({
    id: 16,
    name: 'Acme Shoes US',
    status: 'active',
    offer_approval: 2,
    approved: false,
    preview_url: 'https://www.acmeshoes.example/us',
    pricing_type: 'CPS',
    payout: '8%',
    currency: 'USD',
    category: 'Fashion',
    geo_country: 'US',
    extraUrls: [
      { id: 7, name: 'Running shoes', preview_url: 'https://www.acmeshoes.example/us/running' },
      { id: 8, name: 'Summer sale', preview_url: 'https://www.acmeshoes.example/us/sale' },
      { id: 12, name: 'Kids', preview_url: 'https://www.acmeshoes.example/us/kids' },
    ],
  }),
  offer({
    id: 102,
    name: 'Acme Shoes Outlet',
    status: 'active',
    offer_approval: 1,
    approved: true,
    preview_url: 'https://outlet.acmeshoes.example/',
    pricing_type: 'CPS',
    payout: '6%',
    currency: 'USD',
    category: 'Fashion',
    geo_country: 'US',
    extraUrls: [
      { id: 3, name: 'Clearance', preview_url: 'https://outlet.acmeshoes.example/clearance' },
    ],
  }),
  offer({
    id: 118,
    name: 'Bright Lamps Desk Range',
    status: 'active',
    offer_approval: 1,
    approved: false,
    preview_url: 'https://www.brightlamps.example/desk',
    pricing_type: 'CPA',
    payout: '12.00',
    currency: 'EUR',
    category: 'Home',
    geo_country: 'DE',
  }),
  offer({
    id: 205,
    name: 'Nova VPN Annual',
    status: 'active',
    offer_approval: 2,
    approved: false,
    preview_url: 'https://novavpn.example/annual',
    pricing_type: 'CPA',
    payout: '35.00',
    currency: 'USD',
    category: 'Software',
    geo_country: 'GB',
    pixel: 'doubleQuotedEntities',
  }),
  offer({
    id: 231,
    name: 'Nova VPN Monthly',
    status: 'active',
    offer_approval: 3,
    approved: true,
    preview_url: 'https://novavpn.example/monthly',
    pricing_type: 'CPA',
    payout: '9.00',
    currency: 'USD',
    category: 'Software',
    geo_country: 'GB',
  }),
  offer({
    id: 307,
    name: 'Green Garden Seeds',
    status: 'active',
    offer_approval: 1,
    approved: false,
    preview_url: 'https://shop.greengarden.example/seeds',
    pricing_type: 'CPS',
    payout: '10%',
    currency: 'GBP',
    category: 'Garden',
    geo_country: 'GB',
  }),
  offer({
    id: 342,
    name: 'Pixel Pet Food',
    status: 'active',
    offer_approval: 2,
    approved: false,
    preview_url: 'https://www.pixelpet.example/food',
    pricing_type: 'CPL',
    payout: '2.50',
    currency: 'USD',
    category: 'Pets',
    geo_country: 'US',
    pixel: 'none',
  }),
  offer({
    id: 455,
    name: 'Acme Shoes',
    status: 'active',
    offer_approval: 2,
    approved: true,
    preview_url: 'https://www.acmeshoes.example/',
    pricing_type: 'CPS',
    payout: '7%',
    currency: 'USD',
    category: 'Fashion',
    geo_country: 'US',
    extraUrls: [
      { id: 21, name: 'New arrivals', preview_url: 'https://www.acmeshoes.example/new' },
      { id: 22, name: 'Gift cards', preview_url: 'https://www.acmeshoes.example/gift-cards' },
    ],
  }),
  offer({
    id: 512,
    name: 'Cosy Knit Blankets',
    status: 'paused',
    offer_approval: 1,
    approved: true,
    preview_url: 'https://www.cosyknit.example/blankets',
    pricing_type: 'CPS',
    payout: '9%',
    currency: 'EUR',
    category: 'Home',
    geo_country: 'FR',
  }),
  offer({
    id: 618,
    name: 'Urban Bikes EU',
    status: 'active',
    offer_approval: 2,
    approved: false,
    preview_url: 'https://urbanbikes.example/eu',
    pricing_type: 'CPA',
    payout: '40.00',
    currency: 'EUR',
    category: 'Sports',
    geo_country: 'NL',
  }),
  offer({
    id: 734,
    name: 'Quick Loans Finder',
    status: 'active',
    offer_approval: 3,
    approved: false,
    preview_url: 'https://quickloans.example/finder',
    pricing_type: 'CPL',
    payout: '15.00',
    currency: 'USD',
    category: 'Finance',
    geo_country: 'US',
  }),
  offer({
    id: 870,
    name: 'Sunny Travel Deals',
    status: 'pending',
    offer_approval: 2,
    approved: false,
    preview_url: 'https://www.sunnytravel.example/deals',
    pricing_type: 'CPC',
    payout: '0.40',
    currency: 'USD',
    category: 'Travel',
    geo_country: 'ES',
  }),
];
