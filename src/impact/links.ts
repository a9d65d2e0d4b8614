import { type Bundle, type ZObject } from 'zapier-platform-core';

import { campaignOf, campaignsForLinks, type Campaigns } from './campaigns';
import { ImpactClient } from './client';
import { checkDeepLink } from './domains';
import { readImpactLinkRequest, readMediaPropertyId } from './fields';
import { type ImpactTrackingLink } from './outputs';
import { type ImpactLinkRequest, type StoredCampaign } from './schemas';

/**
 * The campaign a link request is for, once it is known that the campaign can make the link: an
 * active contract, and a deep link the campaign allows. Throws the error that says why not.
 */
export function linkableCampaign(
  z: ZObject,
  campaigns: Campaigns,
  request: ImpactLinkRequest,
  where = '',
): StoredCampaign {
  const campaign = campaignOf(z, campaigns, request.campaignId, where);
  checkDeepLink(z, campaign, request.deepLink, where);
  return campaign;
}

/**
 * "Generate Impact Tracking Link": the input read and checked, the campaign found (in the kept
 * list when it is recent), the deep link checked against the campaign's domains before any call,
 * the calls reserved, then one call to Impact.
 */
export async function makeImpactLink(z: ZObject, bundle: Bundle): Promise<ImpactTrackingLink> {
  const input = bundle.inputData;
  const request = readImpactLinkRequest(
    z,
    input,
    '',
    readMediaPropertyId(z, input.mediaPropertyId),
  );
  const impact = new ImpactClient(z, bundle);
  const campaigns = await campaignsForLinks(z, bundle, impact, [request.campaignId], (kept) => {
    linkableCampaign(z, kept, request);
    return 1;
  });
  const campaign = linkableCampaign(z, campaigns, request);
  const url = await impact.createTrackingLink(request);
  return {
    url,
    campaignId: campaign.campaignId,
    campaignName: campaign.campaignName,
    destinationUrl: request.deepLink ?? null,
  };
}
