import { type Bundle, type ZObject } from 'zapier-platform-core';
import { NETWORK_LABELS, networkById, type NetworkId } from '../connection/registry';
import { type Commission } from '../core/commission';
import { type Landing } from '../core/network';
import { andList, orList } from '../core/text';

import { type Prefer } from './commission';

import { NETWORK_LABEL } from './fields';

import { bestLanding, displayDomain } from './match';

import { publisherIdOf, type UrlTrackingLink } from './outputs';

import { type Match } from './plan';

// --- making the link ------------------------------------------------------------------------------

/** The landing page for the URL: the one that fits best, else the default page (id 0), else any. */
function landingFor(url: string, landings: readonly Landing[]): Landing | undefined {
  return bestLanding(url, landings) ?? landings.find((page) => page.id === 0) ?? landings[0];
}

/** " This shop is also on …: set Network to … for a link there.", or '' when no other network has it. */
function alsoOn(network: NetworkId, matches: readonly Match[]): string {
  const others = [...new Set(matches.slice(1).map((match) => match.candidate.network))].filter(
    (other) => other !== network,
  );
  if (others.length === 0) return '';
  const labels = others.map((other) => NETWORK_LABELS[other]);
  return (
    ` This shop is also on ${andList(labels)}: set ${NETWORK_LABEL} to ${orList(labels)} ` +
    'for a link there.'
  );
}

/**
 * Makes the tracking link for the chosen match (matches[0], in the order the chosen rule gave) on
 * its network; the others only inform messages.
 */
export async function makeUrlLink(
  z: ZObject,
  bundle: Bundle,
  url: string,
  ref: string | undefined,
  matches: Match[],
  choice: { commission: Commission; chosenBy: Prefer },
): Promise<UrlTrackingLink> {
  const best = matches[0];
  const { network, advertiser_id, advertiser_name, landings } = best.candidate;
  const made = await networkById(network).anyUrl.makeLink(z, bundle, {
    url,
    ref,
    target: {
      account: best.directory.account,
      id: advertiser_id,
      name: advertiser_name,
      landing: landingFor(url, landings),
    },
    alsoOn: alsoOn(network, matches),
  });
  return {
    url: made.url,
    network,
    advertiser_id,
    advertiser_name,
    destination_url: made.destination_url,
    matched_domain: displayDomain(best.matchedDomain),
    commission: choice.commission.text,
    publisher_id: publisherIdOf(best),
    chosen_by: choice.chosenBy,
  };
}
