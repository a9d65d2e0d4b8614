import { type Bundle, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../awin/client';
import { AWIN_NAME, DEEP_LINK_REFUSED } from '../awin/errors';
import { NETWORK_LABELS } from '../connection/registry';
import { appError, reasonOf, withReason } from '../core/errors';
import { orList } from '../core/text';
import { withQueryParameters } from '../core/url';
import { EverflowClient } from '../everflow/client';
import { subParameters } from '../everflow/links';
import { OfferslookClient } from '../offerslook/client';
import { OFFERSLOOK_NAME } from '../offerslook/errors';
import { offerslookSubParameters } from '../offerslook/links';

import { NETWORK_LABEL } from './fields';

import { bestLanding, displayDomain, type Landing } from './match';

import { type Commission, type Prefer } from './commission';

import { publisherIdOf, type UrlTrackingLink } from './outputs';

import { type Match } from './plan';

// --- making the link ------------------------------------------------------------------------------

/** Query parameters whose value is an Everflow macro such as {transaction_id} are left out. */
export function withoutMacros(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const macros = [...parsed.searchParams].filter(([, value]) => /\{[^}]*\}/.test(value));
  if (macros.length === 0) return url;
  for (const [name] of macros) parsed.searchParams.delete(name);
  return parsed.toString();
}

function othersThatMatched(matches: Match[]): string {
  const networks = [...new Set(matches.slice(1).map((match) => match.candidate.network))].filter(
    (network) => network !== 'awin',
  );
  if (networks.length === 0) return '';
  const labels = networks.map((network) => NETWORK_LABELS[network]);
  const on = labels.join(' and ');
  return ` This shop is also on ${on}: set ${NETWORK_LABEL} to ${orList(labels)} for a link there.`;
}

async function awinLink(
  z: ZObject,
  bundle: Bundle,
  url: string,
  ref: string | undefined,
  matches: Match[],
): Promise<Pick<UrlTrackingLink, 'url' | 'destination_url'>> {
  const { candidate, directory } = matches[0];
  if (directory.network !== 'awin') throw new Error('an Awin match needs the Awin directory');
  const advertiserId = candidate.advertiser_id;
  try {
    const answer = await new AwinClient(z, bundle).generate(directory.publisherId, {
      advertiserId,
      destinationUrl: url,
      ...(ref === undefined ? {} : { parameters: { clickref: ref } }),
    });
    return { url: answer.url, destination_url: url };
  } catch (error) {
    if (reasonOf(error)?.code !== DEEP_LINK_REFUSED) throw error;
    // A property of this shop, like "no match": stop this run without turning the Zap off.
    throw withReason(
      new z.errors.HaltedError(
        `Awin advertiser ${candidate.advertiser_name} (${advertiserId}) does not allow deep links, so ` +
          'no Awin link can point to this exact page. Use "Generate Awin Tracking Link" without a ' +
          `Destination URL for its default link.${othersThatMatched(matches)}`,
      ),
      { network: AWIN_NAME, kind: 'rejected', code: DEEP_LINK_REFUSED },
    );
  }
}

/** The landing page of an Everflow offer for the URL; the default page when none fits better. */
function everflowLanding(url: string, landings: Landing[]): Landing | undefined {
  return bestLanding(url, landings) ?? landings.find((page) => page.id === 0) ?? landings[0];
}

async function everflowLink(
  z: ZObject,
  bundle: Bundle,
  url: string,
  ref: string | undefined,
  match: Match,
): Promise<Pick<UrlTrackingLink, 'url' | 'destination_url'>> {
  const offerId = match.candidate.advertiser_id;
  const landing = everflowLanding(url, match.candidate.landings);
  const base = await new EverflowClient(z, bundle).partnerLink(offerId, landing?.id ?? 0, 'click');
  const subs = subParameters(ref === undefined ? {} : { sub1: ref });
  return {
    url: withQueryParameters(base, subs),
    destination_url: landing ? withoutMacros(landing.url) : url,
  };
}

async function offerslookLink(
  z: ZObject,
  bundle: Bundle,
  url: string,
  ref: string | undefined,
  match: Match,
): Promise<Pick<UrlTrackingLink, 'url' | 'destination_url'>> {
  const { advertiser_id: offerId, advertiser_name: name, landings } = match.candidate;
  const links = await new OfferslookClient(z, bundle).trackingLinks([offerId]);
  const link = links.find((item) => item.offer_id === offerId);
  if (link === undefined) {
    throw appError(
      z,
      { network: OFFERSLOOK_NAME, kind: 'notFound', code: 'no_link' },
      `Offerslook returned no tracking link for offer ${name} (${offerId}), which matched this URL: ` +
        'it may no longer be approved for you. Check the offer in Offerslook, or try again in 15 ' +
        'minutes, when the offer list is read again.',
      404,
    );
  }
  const subs = offerslookSubParameters(ref === undefined ? {} : { aff_sub1: ref });
  return {
    url: withQueryParameters(link.url, subs),
    destination_url: landings[0] ? withoutMacros(landings[0].url) : url,
  };
}

/**
 * Makes the tracking link for the chosen match (matches[0], in the order the chosen rule gave);
 * the others only inform messages.
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
  const { network, advertiser_id, advertiser_name } = best.candidate;
  const made =
    network === 'awin'
      ? await awinLink(z, bundle, url, ref, matches)
      : network === 'everflow'
        ? await everflowLink(z, bundle, url, ref, best)
        : await offerslookLink(z, bundle, url, ref, best);
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
