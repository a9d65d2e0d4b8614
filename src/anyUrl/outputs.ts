import { type NetworkId } from '../connection/registry';

import { type Commission } from '../core/commission';

import { type Prefer } from './commission';

import { displayDomain } from './match';

import { type Match } from './plan';

// --- outputs --------------------------------------------------------------------------------------

/** The account a match or link is for (`publisher_id`), on networks with accounts; else empty. */
export function publisherIdOf(match: Match): string {
  return match.directory.account === null ? '' : String(match.directory.account);
}

/** One item of "Find Advertiser for URL". */
export type AdvertiserMatch = {
  id: string;
  network: NetworkId;
  advertiser_id: number;
  advertiser_name: string;
  matched_domain: string;
  commission: string;
  publisher_id: string;
};

export function advertiserMatch(match: Match, commission: Commission): AdvertiserMatch {
  const { network, advertiser_id, advertiser_name } = match.candidate;
  const publisherId = publisherIdOf(match);
  // One programme may be joined by several accounts: the account keeps each id unique.
  const owner = publisherId === '' ? '' : `${publisherId}:`;
  return {
    id: `${network}:${owner}${advertiser_id}`,
    network,
    advertiser_id,
    advertiser_name,
    matched_domain: displayDomain(match.matchedDomain),
    commission: commission.text,
    publisher_id: publisherId,
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
  commission: string;
  publisher_id: string;
  chosen_by: Prefer;
};
