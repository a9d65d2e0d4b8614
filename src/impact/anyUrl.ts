import { type Bundle, type ZObject } from 'zapier-platform-core';

import { appError } from '../core/errors';
import { type AnyUrlFeature, type DirectoryEntry, type LinkRequest } from '../core/network';

import { cachedCampaigns, loadCampaigns } from './campaigns';
import { IMPACT_SUB_ID_MAX, ImpactClient } from './client';
import { deepLinkAllowed } from './domains';
import { IMPACT_NAME } from './errors';
import { type StoredCampaign } from './schemas';

/**
 * Impact in "Any URL → the right link": the campaigns with an active contract, matched on their
 * deep-link domains and the host of their site (`CampaignUrl`); a deep link to the exact page when
 * the campaign allows it there, else the campaign's own tracking link; the reference as subId1.
 * What a campaign pays is not in Impact's list.
 */

function entryOf(campaign: StoredCampaign): DirectoryEntry {
  return {
    id: campaign.campaignId,
    name: campaign.campaignName,
    domains: [...campaign.deeplinkDomains, campaign.campaignUrl],
    landings: [{ id: 0, url: campaign.campaignUrl }],
  };
}

async function directory(z: ZObject, bundle: Bundle): Promise<DirectoryEntry[]> {
  const campaigns = await loadCampaigns(z, bundle, new ImpactClient(z, bundle));
  return [...campaigns.values()].sort((a, b) => a.campaignId - b.campaignId).map(entryOf);
}

/** True when the campaign honours a deep link to `url` (its domains, or none listed). */
function deepLinks(campaign: StoredCampaign, url: string): boolean {
  const domains = campaign.deeplinkDomains;
  return campaign.allowsDeeplinking && (domains.length === 0 || deepLinkAllowed(url, domains));
}

async function makeLink(z: ZObject, bundle: Bundle, { url, ref, target }: LinkRequest) {
  const impact = new ImpactClient(z, bundle);
  // The list any-URL matched on was kept a moment ago; read again only when it is gone.
  const campaigns = (await cachedCampaigns(z, bundle)) ?? (await loadCampaigns(z, bundle, impact));
  const campaign = campaigns.get(target.id);
  if (campaign === undefined) {
    throw appError(
      z,
      { network: IMPACT_NAME, kind: 'notFound', code: 'no_link' },
      `Impact campaign ${target.name} (${target.id}), which matched this URL, is no longer one of ` +
        'your campaigns with an active contract. Check it in Impact, or try again in 15 minutes, ' +
        'when the campaign list is read again.',
      404,
    );
  }
  const deepLink = deepLinks(campaign, url) ? url : undefined;
  const link = await impact.createTrackingLink({
    campaignId: campaign.campaignId,
    deepLink,
    parameters: ref === undefined ? {} : { subId1: ref },
  });
  return { url: link, destination_url: deepLink ?? campaign.campaignUrl ?? url };
}

export const impactAnyUrl: AnyUrlFeature = {
  needs: 'an Impact Account SID and Auth Token',
  unusable: () => undefined,
  accounts: null,
  directory: (z, bundle) => directory(z, bundle),
  commission: { lacking: "Impact's campaign list says nothing about what a campaign pays" },
  trackingRef: { param: 'subId1', maxLength: IMPACT_SUB_ID_MAX, said: "Impact's subId1" },
  makeLink,
};
