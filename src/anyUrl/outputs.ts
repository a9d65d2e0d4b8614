import { type NetworkId } from '../connection/registry';

import { displayDomain } from './match';

import { type Match } from './plan';

// --- outputs --------------------------------------------------------------------------------------

/** One item of "Find Advertiser for URL". */
export type AdvertiserMatch = {
  id: string;
  network: NetworkId;
  advertiser_id: number;
  advertiser_name: string;
  matched_domain: string;
};

export function advertiserMatch(match: Match): AdvertiserMatch {
  const { network, advertiser_id, advertiser_name } = match.candidate;
  return {
    id: `${network}:${advertiser_id}`,
    network,
    advertiser_id,
    advertiser_name,
    matched_domain: displayDomain(match.matchedDomain),
  };
}

/** The answer of "Generate Tracking Link for Any URL". */
export type UrlTrackingLink = {
  url: string;
  network: NetworkId;
  advertiser_id: number;
  advertiser_name: string;
  destination_url: string;
  matched_domain: string;
};
