// The Awin sandbox data set: users, accounts, advertisers (programmes) and who joined what.
// Brands and domains are made up; every domain is under the reserved `.example` TLD.
import { DEMO_AWIN_TOKEN, DEMO_AWIN_TOKEN_SINGLE } from '../credentials';

export type AwinRelationship = 'joined' | 'pending' | 'suspended' | 'rejected' | 'notjoined';

export const AWIN_RELATIONSHIPS: readonly AwinRelationship[] = [
  'joined',
  'pending',
  'suspended',
  'rejected',
  'notjoined',
];

export interface AwinAccount {
  accountId: number;
  accountName: string;
  accountType: 'publisher' | 'advertiser';
  userRole: string;
}

export interface AwinUser {
  userId: number;
  /** Display name of the user (not part of any API answer). */
  userName: string;
  accounts: AwinAccount[];
}

/** How the link builder treats an advertiser. */
export type LinkBuilderPolicy =
  | 'allowed'
  /** Default links work; any destinationUrl → 400 `{"destinationUrl":"deeplinkNotPermitted"}`. */
  | 'noDeepLinks'
  /** Every generate → 500 "Unknown error! Please try again later!". */
  | 'refused';

export interface AwinAdvertiser {
  id: number;
  name: string;
  /** Host of the advertiser's home page (displayUrl is `https://{host}`). */
  host: string;
  validDomains: string[];
  region: { name: string; countryCode: string };
  sector: string;
  currencyCode: string;
  description: string;
  /** As programmedetails reports it: Awin has been seen answering the string "true". */
  deeplinkEnabled: boolean | 'true';
  linkBuilder: LinkBuilderPolicy;
  kpi: { approvalPercentage: number; epc: number; conversionRate: number; validationDays: number };
  /** Percentage commission (programme details' `commissionRange` of type `percentage`), if any. */
  commissionPercent?: { min: number; max: number };
  /** Fixed commission in the programme's currency (`commissionRange` of type `amount`), if any. */
  commissionAmount?: { min: number; max: number };
  /** Awin's Link Status; default `Active` in a joined list, `Inactive` in the others. */
  linkStatus?: string;
}

export const AWIN_USERS: Readonly<Record<string, AwinUser>> = {
  [DEMO_AWIN_TOKEN]: {
    userId: 5001,
    userName: 'Jane Doe',
    accounts: [
      {
        accountId: 100001,
        accountName: 'Jane Doe Media',
        accountType: 'publisher',
        userRole: 'admin',
      },
      {
        accountId: 100002,
        accountName: 'Jane Doe Coupons',
        accountType: 'publisher',
        userRole: 'admin',
      },
      {
        accountId: 200001,
        accountName: 'Jane Doe Handmade Store',
        accountType: 'advertiser',
        userRole: 'admin',
      },
    ],
  },
  [DEMO_AWIN_TOKEN_SINGLE]: {
    userId: 5002,
    userName: 'Sam Solo',
    accounts: [
      {
        accountId: 100003,
        accountName: 'Sam Solo Reviews',
        accountType: 'publisher',
        userRole: 'admin',
      },
    ],
  },
};

const UK = { name: 'United Kingdom', countryCode: 'GB' };
const US = { name: 'United States', countryCode: 'US' };
const SE = { name: 'Sweden', countryCode: 'SE' };
const DE = { name: 'Germany', countryCode: 'DE' };
const ES = { name: 'Spain', countryCode: 'ES' };
const FR = { name: 'France', countryCode: 'FR' };
const NL = { name: 'Netherlands', countryCode: 'NL' };

export const AWIN_ADVERTISERS: readonly AwinAdvertiser[] = [
  {
    id: 1001,
    name: 'Acme Shoes',
    host: 'www.acmeshoes.example',
    validDomains: ['acmeshoes.example', 'shop.acmeshoes.example'],
    region: UK,
    sector: 'Fashion',
    currencyCode: 'GBP',
    description: 'Trainers, boots and everyday shoes for the whole family.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 91.5, epc: 0.12, conversionRate: 3.1, validationDays: 30 },
    commissionPercent: { min: 5, max: 8 },
    commissionAmount: { min: 1.5, max: 18 },
  },
  {
    id: 1002,
    name: 'Nordic Outdoor',
    host: 'www.nordicoutdoor.example',
    validDomains: ['nordicoutdoor.example'],
    region: SE,
    sector: 'Sports & Outdoors',
    currencyCode: 'SEK',
    description: 'Tents, jackets and hiking gear made for northern winters.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 88, epc: 0.2, conversionRate: 2.4, validationDays: 45 },
    commissionPercent: { min: 6, max: 6 },
  },
  {
    // Shares its name prefix with 1002, and one of its domains is a subdomain of 1002's.
    id: 1003,
    name: 'Nordic Outdoor Outlet',
    host: 'www.nordicoutdooroutlet.example',
    validDomains: ['nordicoutdooroutlet.example', 'outlet.nordicoutdoor.example'],
    region: SE,
    sector: 'Sports & Outdoors',
    currencyCode: 'SEK',
    description: "Last season's outdoor gear at outlet prices.",
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 85, epc: 0.09, conversionRate: 2.9, validationDays: 45 },
    commissionPercent: { min: 4, max: 4 },
  },
  {
    id: 1004,
    name: 'Bluebird Books',
    host: 'www.bluebirdbooks.example',
    validDomains: ['bluebirdbooks.example'],
    region: US,
    sector: 'Books & Media',
    currencyCode: 'USD',
    description: 'New and second-hand books, shipped across the US.',
    deeplinkEnabled: 'true',
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 95, epc: 0.05, conversionRate: 4.2, validationDays: 14 },
    commissionPercent: { min: 3, max: 7 },
  },
  {
    id: 1005,
    name: 'Casa Verde Home',
    host: 'www.casaverde.example',
    validDomains: ['casaverde.example', 'casaverdehome.example'],
    region: ES,
    sector: 'Home & Garden',
    currencyCode: 'EUR',
    description: 'Plants, planters and Mediterranean home decor.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 90, epc: 0.15, conversionRate: 2.2, validationDays: 30 },
    commissionPercent: { min: 6, max: 10 },
  },
  {
    id: 1006,
    name: 'Pixel Peak Electronics',
    host: 'www.pixelpeak.example',
    validDomains: ['pixelpeak.example', 'store.pixelpeak.example'],
    region: DE,
    sector: 'Electronics',
    currencyCode: 'EUR',
    description: 'Cameras, laptops and accessories.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 80, epc: 0.31, conversionRate: 1.6, validationDays: 60 },
    commissionPercent: { min: 2, max: 4 },
  },
  {
    id: 1007,
    name: 'Sunny Travel Deals',
    host: 'www.sunnytravel.example',
    validDomains: ['sunnytravel.example'],
    region: UK,
    sector: 'Travel',
    currencyCode: 'GBP',
    description: 'Package holidays and city breaks. Deep links are not permitted.',
    deeplinkEnabled: false,
    linkBuilder: 'noDeepLinks',
    kpi: { approvalPercentage: 75, epc: 0.42, conversionRate: 0.9, validationDays: 90 },
    commissionPercent: { min: 3, max: 5 },
    commissionAmount: { min: 5, max: 25 },
  },
  {
    id: 1008,
    name: 'Gourmet Crate',
    host: 'www.gourmetcrate.example',
    validDomains: ['gourmetcrate.example'],
    region: US,
    sector: 'Food & Drink',
    currencyCode: 'USD',
    description: 'Monthly boxes of small-batch snacks. Does not allow the link builder.',
    // Upgraded from ShareASale: its balance fell below zero, so Awin set its links offline.
    linkStatus: 'Offline',
    deeplinkEnabled: false,
    linkBuilder: 'refused',
    kpi: { approvalPercentage: 82, epc: 0.18, conversionRate: 2, validationDays: 30 },
    commissionPercent: { min: 10, max: 10 },
  },
  {
    id: 1009,
    name: 'Petal & Stem Flowers',
    host: 'www.petalandstem.example',
    validDomains: ['petalandstem.example'],
    region: UK,
    sector: 'Gifts & Flowers',
    currencyCode: 'GBP',
    description: 'Same-day flower delivery and gift hampers.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 93, epc: 0.11, conversionRate: 3.8, validationDays: 21 },
    commissionPercent: { min: 8, max: 12 },
  },
  {
    id: 1010,
    name: 'Urban Cycle Co',
    host: 'www.urbancycle.example',
    validDomains: ['urbancycle.example'],
    region: NL,
    sector: 'Sports & Outdoors',
    currencyCode: 'EUR',
    description: 'City bikes, e-bikes and cycling accessories.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 87, epc: 0.25, conversionRate: 1.2, validationDays: 30 },
    commissionPercent: { min: 4, max: 6 },
  },
  {
    id: 1011,
    name: 'Lumen Skincare',
    host: 'www.lumenskincare.example',
    validDomains: ['lumenskincare.example'],
    region: FR,
    sector: 'Health & Beauty',
    currencyCode: 'EUR',
    description: 'Clean skincare made in France.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 89, epc: 0.14, conversionRate: 3.3, validationDays: 30 },
    commissionPercent: { min: 7, max: 9 },
  },
  {
    id: 1012,
    name: 'Harbor Wine Cellars',
    host: 'www.harborwine.example',
    validDomains: ['harborwine.example'],
    region: US,
    sector: 'Food & Drink',
    currencyCode: 'USD',
    description: 'Wine club and cellar-door favourites.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 78, epc: 0.27, conversionRate: 1.1, validationDays: 60 },
    // A fixed amount per wine-club sign-up only.
    commissionAmount: { min: 12, max: 12 },
  },
  {
    // Joined only by the second account (100002); also an Everflow offer (2) paying a fixed USD 6.00,
    // so "Highest commission" picks this programme where the domain rule picks Everflow.
    id: 1013,
    name: 'Bright Lamps',
    host: 'www.brightlamps.example',
    validDomains: ['brightlamps.example'],
    region: US,
    sector: 'Home & Garden',
    currencyCode: 'USD',
    description: 'Desk, floor and reading lamps.',
    deeplinkEnabled: true,
    linkBuilder: 'allowed',
    kpi: { approvalPercentage: 92, epc: 0.16, conversionRate: 2.6, validationDays: 30 },
    commissionAmount: { min: 5, max: 9 },
  },
];

/** Each publisher's relationship with each advertiser it knows; absent = unknown to it. */
export const AWIN_PUBLISHER_PROGRAMMES: Readonly<Record<number, Record<number, AwinRelationship>>> =
  {
    100001: {
      1001: 'joined',
      1002: 'joined',
      1003: 'joined',
      1004: 'joined',
      1005: 'joined',
      1006: 'joined',
      1007: 'joined',
      1008: 'joined',
      1009: 'joined',
      1010: 'notjoined',
      1011: 'pending',
      1012: 'suspended',
    },
    100002: { 1001: 'joined', 1004: 'joined', 1009: 'joined', 1010: 'notjoined', 1013: 'joined' },
    100003: { 1005: 'joined', 1006: 'joined', 1002: 'notjoined' },
  };

/**
 * What an advertiser pays one publisher account when that differs from its programme's usual
 * commission (programme details asked of that account): Petal & Stem pays its coupon account more.
 */
export const AWIN_ACCOUNT_COMMISSIONS: Readonly<
  Record<number, Record<number, Pick<AwinAdvertiser, 'commissionPercent' | 'commissionAmount'>>>
> = {
  100002: { 1009: { commissionPercent: { min: 10, max: 15 } } },
};

/**
 * Short-link quota per publisher. Undefined = the quota answer has no limit/usage fields
 * (seen on real accounts) and shortening is never refused.
 */
export const AWIN_SHORTEN_LIMITS: Readonly<Record<number, number | undefined>> = {
  100001: 100,
  100002: undefined,
  100003: 5,
};

/**
 * Promotions and voucher codes (POST /publisher/{id}/promotions). Dates are relative to the
 * moment of the request, so `active`, `expiringSoon` and `upcoming` always hold what they say.
 */
export interface AwinPromotionData {
  promotionId: number;
  type: 'promotion' | 'voucher';
  advertiserId: number;
  title: string;
  description: string;
  terms: string;
  /** Path on the advertiser's host the promotion links to. */
  path: string;
  /** Days from now; `endDays` null = no end date. */
  startDays: number;
  endDays: number | null;
  /** Hours before now it was added (Awin's `dateAdded`, also what `updatedSince` compares). */
  addedHoursAgo: number;
  /** Country codes, or 'all'. */
  regions: readonly string[] | 'all';
  voucher?: { code: string; attributable: boolean };
  /** An exclusive offer: only this publisher sees it, with `voucher.exclusive` true. */
  exclusiveTo?: number;
}

/** Names of the country codes the promotions use (as Awin lists regions: name and code). */
export const AWIN_COUNTRY_NAMES: Readonly<Record<string, string>> = {
  GB: 'United Kingdom',
  IE: 'Ireland',
  SE: 'Sweden',
  NO: 'Norway',
  FI: 'Finland',
  NL: 'Netherlands',
  BE: 'Belgium',
  DE: 'Germany',
  FR: 'France',
  ES: 'Spain',
  US: 'United States',
};

const HANDMADE_PROMOTIONS: readonly AwinPromotionData[] = [
  {
    promotionId: 5012,
    type: 'voucher',
    advertiserId: 1001,
    title: '15% off all boots',
    description: 'Take 15% off every boot in the winter range with this code.',
    terms: 'Minimum spend GBP 40. One use per customer.',
    path: '/boots',
    startDays: -1,
    endDays: 20,
    addedHoursAgo: 2,
    regions: ['GB', 'IE'],
    voucher: { code: 'BOOTS15', attributable: true },
    exclusiveTo: 100001,
  },
  {
    promotionId: 5011,
    type: 'voucher',
    advertiserId: 1010,
    title: '10% off e-bikes',
    description: 'Ten percent off every e-bike, delivered ready to ride.',
    terms: 'Not valid on sale items.',
    path: '/e-bikes',
    startDays: -2,
    endDays: 40,
    addedHoursAgo: 3,
    regions: ['NL', 'BE', 'DE'],
    voucher: { code: 'EBIKE10', attributable: false },
  },
  {
    promotionId: 5010,
    type: 'promotion',
    advertiserId: 1001,
    title: 'Free delivery on orders over GBP 50',
    description: 'Free standard delivery on every order over GBP 50, no code needed.',
    terms: 'UK mainland only.',
    path: '/delivery',
    startDays: -3,
    endDays: 30,
    addedHoursAgo: 5,
    regions: 'all',
  },
  {
    promotionId: 5009,
    type: 'promotion',
    advertiserId: 1005,
    title: 'Spring garden event',
    description: 'A week of garden deals: planters, tools and seeds.',
    terms: 'While stocks last.',
    path: '/spring-event',
    startDays: 5,
    endDays: 12,
    addedHoursAgo: 6,
    regions: ['ES', 'FR'],
  },
  {
    promotionId: 5008,
    type: 'voucher',
    advertiserId: 1008,
    title: '20% off your first crate',
    description: 'New subscribers save 20% on the first monthly snack crate.',
    terms: 'First order only.',
    path: '/subscribe',
    startDays: -1,
    endDays: 60,
    addedHoursAgo: 8,
    regions: ['US'],
    voucher: { code: 'CRATE20', attributable: false },
  },
  {
    promotionId: 5007,
    type: 'voucher',
    advertiserId: 1002,
    title: 'SEK 200 off tents',
    description: 'SEK 200 off any tent for four or more.',
    terms: 'One code per order.',
    path: '/tents',
    startDays: -6,
    endDays: 3,
    addedHoursAgo: 20,
    regions: ['SE', 'NO', 'FI'],
    voucher: { code: 'TENT200', attributable: false },
  },
  {
    promotionId: 5006,
    type: 'voucher',
    advertiserId: 1011,
    title: 'Free serum sample',
    description: 'A free vitamin C serum sample with every order.',
    terms: 'One sample per order.',
    path: '/serums',
    startDays: -10,
    endDays: 15,
    addedHoursAgo: 4 * 24,
    regions: ['FR', 'BE'],
    voucher: { code: 'GLOW', attributable: false },
  },
  {
    promotionId: 5005,
    type: 'voucher',
    advertiserId: 1009,
    title: "GBP 5 off Mother's Day bouquets",
    description: "GBP 5 off any Mother's Day bouquet, delivered on the day.",
    terms: 'Minimum spend GBP 30.',
    path: '/bouquets/mothers-day',
    startDays: -12,
    endDays: 2,
    addedHoursAgo: 12 * 24,
    regions: ['GB'],
    voucher: { code: 'BLOOM5', attributable: false },
  },
  {
    promotionId: 5004,
    type: 'voucher',
    advertiserId: 1004,
    title: 'Buy 2 paperbacks, get 1 free',
    description: 'The cheapest of three paperbacks is free with this code.',
    terms: 'Paperbacks only.',
    path: '/paperbacks',
    startDays: -5,
    endDays: 25,
    addedHoursAgo: 2 * 24,
    regions: ['US'],
    voucher: { code: 'READ3', attributable: false },
  },
  {
    promotionId: 5003,
    type: 'promotion',
    advertiserId: 1012,
    title: 'Free tasting kit with wine club membership',
    description: 'Join the wine club and get a six-bottle tasting kit free.',
    terms: 'New members only.',
    path: '/wine-club',
    startDays: -4,
    endDays: 26,
    addedHoursAgo: 4 * 24,
    regions: ['US'],
  },
  {
    promotionId: 5002,
    type: 'voucher',
    advertiserId: 1001,
    title: 'Winter boots clearance: extra 10% off',
    description: 'An extra 10% off boots already in the clearance sale.',
    terms: 'Clearance items only.',
    path: '/clearance/boots',
    startDays: -40,
    endDays: -2,
    addedHoursAgo: 40 * 24,
    regions: ['GB'],
    voucher: { code: 'CLEAR10', attributable: false },
  },
];

/** Casa Verde Home's plant of the day: enough offers that a search reads several pages. */
const PLANTS = ['fern', 'olive tree', 'lavender', 'monstera', 'cactus', 'rosemary', 'palm'];
const DAILY_PLANT_DEALS: readonly AwinPromotionData[] = Array.from({ length: 210 }, (_, i) => ({
  promotionId: 3001 + i,
  type: 'promotion',
  advertiserId: 1005,
  title: `Plant of the day #${i + 1}: ${10 + (i % 5) * 5}% off a ${PLANTS[i % PLANTS.length]}`,
  description: 'One plant a day at a lower price, potted and delivered.',
  terms: 'While stocks last.',
  path: `/plants/deal-${i + 1}`,
  startDays: -30,
  endDays: 30 + (i % 20),
  addedHoursAgo: (10 + i) * 24,
  regions: ['ES', 'FR', 'DE'],
}));

/** Newest first by promotionId, as Awin's answers were seen. 5002 has ended and is never listed. */
export const AWIN_PROMOTIONS: readonly AwinPromotionData[] = [
  ...HANDMADE_PROMOTIONS,
  ...DAILY_PLANT_DEALS,
].sort((a, b) => b.promotionId - a.promotionId);
