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
  commissionPercent: { min: number; max: number };
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
    commissionPercent: { min: 5, max: 5 },
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
    100002: { 1001: 'joined', 1004: 'joined', 1009: 'joined', 1010: 'notjoined' },
    100003: { 1005: 'joined', 1006: 'joined', 1002: 'notjoined' },
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
