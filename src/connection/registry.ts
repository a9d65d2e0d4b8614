import { awinConnection } from '../awin/connection';
import { type NetworkConnection } from '../core/connection';
import { everflowConnection } from '../everflow/connection';
import { offerslookConnection } from '../offerslook/connection';

/**
 * Matching a shop URL to the domains a network lists for an advertiser or offer. Pure: no requests,
 * no Zapier objects. A URL's host and a network's domain values are normalised the same way, then a
 * host matches a domain when it equals it or is a subdomain of it; the longest matching domain wins.
 */

/** The networks a URL can be matched on, in the order that breaks ties between them. */
export const LINK_NETWORKS = ['awin', 'everflow', 'offerslook'] as const;

export type LinkNetwork = (typeof LINK_NETWORKS)[number];

/**
 * The advertisers and offers each connected network can make a link for, with the domains they
 * sell from: Awin joined programmes (validDomains and displayUrl), Everflow offers a partner key
 * can run (preview URL and offer URLs) and Offerslook offers approved for the affiliate or public
 * (preview_url). Each network's list is kept in Zapier's cache for 15 minutes per connection, so
 * a sheet of product URLs reads it once, not once a row.
 */

export const NETWORK_LABELS: Record<LinkNetwork, string> = {
  awin: 'Awin',
  everflow: 'Everflow',
  offerslook: 'Offerslook',
};

/** Every network the connection can hold. Later networks add their entry here. */
export const NETWORK_CONNECTIONS: NetworkConnection[] = [
  awinConnection,
  everflowConnection,
  offerslookConnection,
];
