import { type BulkItemResult, type BulkSummary, bulkOutputFields } from '../core/bulk';

import { type StoredCampaign } from './schemas';

/** The shapes the Impact actions hand out, their samples and their output fields. */

// --- one link ------------------------------------------------------------------------------------

export type ImpactTrackingLink = {
  url: string;
  campaignId: number;
  campaignName: string;
  /** The deep link asked for; null for the campaign's own landing page. */
  destinationUrl: string | null;
};

const SAMPLE_DESTINATION = 'https://www.trailheadgear.example/tents/ridge-2p';

export const trackingLinkSample: ImpactTrackingLink = {
  url:
    'https://trailheadgear.sjv.io/c/2741069/650971/10306' +
    `?u=${encodeURIComponent(SAMPLE_DESTINATION)}&subId1=row-42`,
  campaignId: 10306,
  campaignName: 'Trailhead Gear US',
  destinationUrl: SAMPLE_DESTINATION,
};

export const trackingLinkOutputFields = [
  { key: 'url', label: 'Tracking Link', type: 'string' },
  { key: 'campaignId', label: 'Campaign ID', type: 'integer' },
  { key: 'campaignName', label: 'Campaign Name', type: 'string' },
  { key: 'destinationUrl', label: 'Destination URL', type: 'string' },
] as const;

// --- links in bulk -------------------------------------------------------------------------------

export interface ImpactBulkLink extends BulkItemResult {
  campaignId: number | null;
  destinationUrl: string | null;
}

export const bulkSample = {
  total: 2,
  succeeded: 1,
  failed: 1,
  links: [
    {
      index: 1,
      campaignId: 10306,
      destinationUrl: SAMPLE_DESTINATION,
      status: 'success',
      url: trackingLinkSample.url,
      error: null,
    },
    {
      index: 2,
      campaignId: 12011,
      destinationUrl: 'https://www.nordlys.example/jackets',
      status: 'error',
      url: null,
      error:
        'Item 2: Impact campaign Nordlys Outdoor EU (12011) does not allow deep links, so no link ' +
        "to www.nordlys.example can be made. Leave Deep Link empty to get the campaign's own " +
        'tracking link, or choose another campaign.',
    },
  ],
} satisfies BulkSummary<ImpactBulkLink>;

export const bulkOutputs = [
  ...bulkOutputFields,
  { key: 'links[]campaignId', label: 'Links: Campaign ID', type: 'integer' },
  { key: 'links[]destinationUrl', label: 'Links: Destination URL', type: 'string' },
] as const;

// --- campaigns -----------------------------------------------------------------------------------

/** A campaign in the trigger: `id` as text (Zapier deduplicates on it), the number as campaignId. */
export type ImpactCampaignOutput = {
  id: string;
  campaignId: number;
  campaignName: string;
  advertiserName: string | null;
  campaignUrl: string | null;
  trackingLink: string | null;
  allowsDeeplinking: boolean;
  /** The cleaned deep-link domains, e.g. "trailheadgear.example, outlet.trailheadgear.example". */
  deeplinkDomains: string;
};

/** Only absolute http(s) URLs are handed out; anything else reads as null. */
function webUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? value.trim() : null;
  } catch {
    return null;
  }
}

export function campaignOutput(campaign: StoredCampaign): ImpactCampaignOutput {
  return {
    id: String(campaign.campaignId),
    campaignId: campaign.campaignId,
    campaignName: campaign.campaignName,
    advertiserName: campaign.advertiserName,
    campaignUrl: webUrl(campaign.campaignUrl),
    trackingLink: webUrl(campaign.trackingLink),
    allowsDeeplinking: campaign.allowsDeeplinking,
    deeplinkDomains: campaign.deeplinkDomains.join(', '),
  };
}

export const campaignSample: ImpactCampaignOutput = {
  id: '10306',
  campaignId: 10306,
  campaignName: 'Trailhead Gear US',
  advertiserName: 'Trailhead Gear',
  campaignUrl: 'https://www.trailheadgear.example/',
  trackingLink: 'https://trailheadgear.sjv.io/c/2741069/650971/10306',
  allowsDeeplinking: true,
  deeplinkDomains: 'trailheadgear.example',
};

export const campaignOutputFields = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'campaignId', label: 'Campaign ID', type: 'integer' },
  { key: 'campaignName', label: 'Campaign Name', type: 'string' },
  { key: 'advertiserName', label: 'Advertiser Name', type: 'string' },
  { key: 'campaignUrl', label: 'Campaign Website', type: 'string' },
  { key: 'trackingLink', label: 'Default Tracking Link', type: 'string' },
  { key: 'allowsDeeplinking', label: 'Deep Links Allowed', type: 'boolean' },
  { key: 'deeplinkDomains', label: 'Deep-Link Domains', type: 'string' },
] as const;

/** "Name (id)", the label of a campaign in dropdowns. */
export function campaignChoice(campaign: StoredCampaign): { id: string; name: string } {
  return {
    id: String(campaign.campaignId),
    name: `${campaign.campaignName} (${campaign.campaignId})`,
  };
}
