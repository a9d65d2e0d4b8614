// The Impact.com sandbox data set: one partner account and the campaigns (brand programs) it joined.
// Brands and shop domains are made up (under the reserved `.example` TLD); tracking hosts are
// brand subdomains of Impact's tracking domains, as real links have them, and are never resolved.
import {
  DEMO_IMPACT_ACCOUNT_SID,
  DEMO_IMPACT_AUTH_TOKEN,
  DEMO_IMPACT_SCOPED_TOKEN,
} from '../credentials';

export interface ImpactAccountData {
  accountSid: string;
  /** Full access. */
  authToken: string;
  /** Scopes that allow reading campaigns but not creating tracking links. */
  scopedToken: string;
  /** The partner id in every tracking link's path (`/c/{partnerId}/…`). */
  partnerId: number;
  /** The partner's media properties (`MediaPartnerPropertyId`). */
  mediaPropertyIds: number[];
}

export const IMPACT_ACCOUNTS: Readonly<Record<string, ImpactAccountData>> = {
  [DEMO_IMPACT_ACCOUNT_SID]: {
    accountSid: DEMO_IMPACT_ACCOUNT_SID,
    authToken: DEMO_IMPACT_AUTH_TOKEN,
    scopedToken: DEMO_IMPACT_SCOPED_TOKEN,
    partnerId: 2741069,
    mediaPropertyIds: [31001, 31002],
  },
};

export interface ImpactCampaignData {
  id: number;
  name: string;
  advertiserId: number;
  advertiserName: string;
  /** The brand's site; also the landing page of a click without a deep link. */
  campaignUrl: string;
  contract: 'Active' | 'Expired';
  /** As Impact sends it: the text "true"/"false" in JSON, a boolean in some answers. */
  allowsDeeplinking: 'true' | 'false' | boolean;
  /** As the brand typed them: messy on purpose (spaces, `*` without a dot, capitals, a trailing dot). */
  deeplinkDomains: string[];
  /** Host of the campaign's tracking links, as Impact writes it (case kept). */
  trackingHost: string;
  /** One brand's links come on http, as in a real sample. */
  trackingScheme: 'https' | 'http';
  adId: number;
  /** The list answer leaves `TrackingLink` out for this campaign (the field may be absent). */
  withoutTrackingLink?: boolean;
  /** Pages of the brand's site the sandbox web answers: path → title. */
  pages: Record<string, string>;
}

const campaign = (
  fields: Omit<ImpactCampaignData, 'trackingScheme' | 'contract'> &
    Partial<Pick<ImpactCampaignData, 'trackingScheme' | 'contract'>>,
): ImpactCampaignData => ({ trackingScheme: 'https', contract: 'Active', ...fields });

export const IMPACT_CAMPAIGNS: readonly ImpactCampaignData[] = [
  campaign({
    id: 10306,
    name: 'Trailhead Gear US',
    advertiserId: 5001,
    advertiserName: 'Trailhead Gear',
    campaignUrl: 'https://www.trailheadgear.example/',
    allowsDeeplinking: 'true',
    deeplinkDomains: ['trailheadgear.example', '*.trailheadgear.example'],
    trackingHost: 'trailheadgear.sjv.io',
    adId: 650971,
    pages: {
      '/': 'Trailhead Gear',
      '/tents/ridge-2p': 'Ridge 2P tent - Trailhead Gear',
      '/packs/summit-40': 'Summit 40 pack - Trailhead Gear',
    },
  }),
  campaign({
    id: 11204,
    name: 'Lumière Beauty CA',
    advertiserId: 5002,
    advertiserName: 'Lumière Beauty',
    campaignUrl: 'https://www.lumierebeauty.example/ca/',
    allowsDeeplinking: 'true',
    // " *lengow.com" and "*vichy.ca" in a real answer: a space, `*` without a dot, capitals.
    deeplinkDomains: [' *lumierebeauty.example', '*LUMIERE-CA.example.'],
    trackingHost: 'Lumiere-CA.hblm3c.net',
    trackingScheme: 'http',
    adId: 412233,
    pages: {
      '/ca/': 'Lumière Beauty Canada',
      '/ca/serums/night-repair': 'Night Repair serum - Lumière Beauty',
    },
  }),
  campaign({
    id: 12011,
    name: 'Nordlys Outdoor EU',
    advertiserId: 5003,
    advertiserName: 'Nordlys Outdoor',
    campaignUrl: 'https://www.nordlys.example/',
    allowsDeeplinking: 'false',
    deeplinkDomains: [],
    trackingHost: 'nordlys.pxf.io',
    adId: 733410,
    pages: { '/': 'Nordlys Outdoor' },
  }),
  campaign({
    id: 13020,
    name: 'Old Harbor Wines',
    advertiserId: 5004,
    advertiserName: 'Old Harbor Wines',
    campaignUrl: 'https://www.oldharborwines.example/',
    contract: 'Expired',
    allowsDeeplinking: 'true',
    deeplinkDomains: ['oldharborwines.example'],
    trackingHost: 'oldharbor.sjv.io',
    adId: 902114,
    pages: { '/': 'Old Harbor Wines' },
  }),
  campaign({
    id: 14001,
    name: 'Brightside Travel',
    advertiserId: 5005,
    advertiserName: 'Brightside Travel',
    campaignUrl: 'https://www.brightsidetravel.example/',
    // A boolean here, as some answers carry it.
    allowsDeeplinking: true,
    deeplinkDomains: [' *brightsidetravel.example', 'deals.brightside.example'],
    // A brand vanity domain instead of an Impact one.
    trackingHost: 'goto.brightsidetravel.example',
    adId: 118822,
    pages: {
      '/': 'Brightside Travel',
      '/deals/lisbon': 'Lisbon city breaks - Brightside Travel',
    },
  }),
  campaign({
    id: 9870,
    name: 'Cobalt Coffee',
    advertiserId: 5006,
    advertiserName: 'Cobalt Coffee Roasters',
    campaignUrl: 'https://www.cobaltcoffee.example/',
    allowsDeeplinking: 'true',
    deeplinkDomains: ['*cobaltcoffee.example'],
    trackingHost: 'cobaltcoffee.evyy.net',
    adId: 207731,
    withoutTrackingLink: true,
    pages: { '/': 'Cobalt Coffee', '/beans/house-blend': 'House Blend - Cobalt Coffee' },
  }),
];

/** Plain campaigns added when a test asks for more (`impactExtraCampaigns`), so that lists page. */
export function extraImpactCampaigns(count: number): ImpactCampaignData[] {
  return Array.from({ length: count }, (_, i) =>
    campaign({
      id: 20001 + i,
      name: `Extra Brand ${i + 1}`,
      advertiserId: 7001 + i,
      advertiserName: `Extra Brand ${i + 1}`,
      campaignUrl: `https://www.extra${i + 1}.example/`,
      allowsDeeplinking: 'true',
      deeplinkDomains: [`extra${i + 1}.example`],
      trackingHost: `extra${i + 1}.sjv.io`,
      adId: 300001 + i,
      pages: { '/': `Extra Brand ${i + 1}` },
    }),
  );
}
