import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { type Match, NETWORK_LABELS, type SearchPlan } from './advertiserDirectory';
import { AWIN_CLICKREF_MAX, AwinClient, deepLinkRefusedMessage } from './awin';
import { EVERFLOW_SUB_MAX, EverflowClient } from './everflow';
import { subParameters, withQueryParameters } from './everflowLinks';
import { userMessage } from './http';
import { OfferslookClient } from './offerslook';
import {
  bestLanding,
  displayDomain,
  hostOfUrl,
  type Landing,
  LINK_NETWORKS,
  type LinkNetwork,
} from './urlMatch';
import { describe, invalidInput, isBlank, optionalText, requireHttpUrl } from './validate';

/**
 * The pieces "Find Advertiser for URL" and "Generate Tracking Link for Any URL" share: their input
 * fields, reading them before any request, their outputs, and making the link for the best match.
 */

// --- input fields ---------------------------------------------------------------------------------

export const URL_LABEL = 'URL';
export const NETWORK_LABEL = 'Network';
export const TRACKING_REF_LABEL = 'Tracking Reference';

export const urlField = {
  key: 'url',
  label: URL_LABEL,
  type: 'string',
  required: true,
  helpText:
    'A product or shop page, starting with https://, e.g. https://shop.acmeshoes.example/trainers. ' +
    'Its domain is matched against the advertisers you joined and the offers you can run.',
} as const satisfies PlainInputField;

export const networkField = {
  key: 'network',
  label: NETWORK_LABEL,
  type: 'string',
  required: false,
  choices: { awin: 'Awin', everflow: 'Everflow', offerslook: 'Offerslook' } satisfies Record<
    LinkNetwork,
    string
  >,
  helpText:
    'Leave empty to look on every network in your connection (Everflow needs a partner key), or ' +
    'choose one to look only there.',
} as const satisfies PlainInputField;

export const trackingRefField = {
  key: 'tracking_ref',
  label: TRACKING_REF_LABEL,
  type: 'string',
  required: false,
  helpText:
    `Optional value of your own reported back with each click and sale, e.g. a row or deal ID: ` +
    `sent as Awin's clickref (up to ${AWIN_CLICKREF_MAX} characters) or Everflow's sub1 (up to ` +
    `${EVERFLOW_SUB_MAX}). Offerslook links do not carry it.`,
} as const satisfies PlainInputField;

// --- reading input --------------------------------------------------------------------------------

export interface ShopUrl {
  url: string;
  /** The normalised host: lower-case, punycode, without www. */
  host: string;
}

/** An absolute http(s) URL whose host is a domain name; refused before any request otherwise. */
export function readShopUrl(z: ZObject, value: unknown): ShopUrl {
  const url = requireHttpUrl(z, value, URL_LABEL);
  const host = hostOfUrl(url);
  if (host === undefined) {
    throw invalidInput(
      z,
      `${URL_LABEL} must be the address of a shop's web page, with a domain name such as ` +
        `www.shop.example, but it was ${describe(url)}.`,
    );
  }
  return { url, host };
}

export function readNetworkFilter(z: ZObject, value: unknown): LinkNetwork | undefined {
  if (isBlank(value)) return undefined;
  const network = String(value).trim().toLowerCase();
  const known = LINK_NETWORKS.find((name) => name === network);
  if (known !== undefined) return known;
  throw invalidInput(
    z,
    `${NETWORK_LABEL} must be Awin, Everflow or Offerslook, but it was ${describe(value)}. ` +
      'Choose one, or leave it empty to look on every connected network.',
  );
}

function orList(items: string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/**
 * The tracking reference, checked against the strictest network it may be sent to: Awin's
 * clickref takes 50 characters, Everflow's sub1 200. Checked before any request.
 */
export function readTrackingRef(
  z: ZObject,
  value: unknown,
  networks: readonly LinkNetwork[],
): string | undefined {
  const ref = optionalText(z, value, TRACKING_REF_LABEL, EVERFLOW_SUB_MAX);
  if (ref === undefined || !networks.includes('awin') || ref.length <= AWIN_CLICKREF_MAX) {
    return ref;
  }
  const others = networks.filter((network) => network !== 'awin').map((n) => NETWORK_LABELS[n]);
  const alternative = others.length > 0 ? `, or set ${NETWORK_LABEL} to ${orList(others)}` : '';
  throw invalidInput(
    z,
    `${TRACKING_REF_LABEL} is ${ref.length} characters long; Awin takes at most ` +
      `${AWIN_CLICKREF_MAX} as a click reference (clickref). Shorten it${alternative}.`,
  );
}

// --- outputs --------------------------------------------------------------------------------------

/** One item of "Find Advertiser for URL". */
export type AdvertiserMatch = {
  id: string;
  network: LinkNetwork;
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
  network: LinkNetwork;
  advertiser_id: number;
  advertiser_name: string;
  destination_url: string;
  matched_domain: string;
};

/** "No joined advertiser … sells from shop.example", with what the user can do. */
export function noMatchMessage(host: string, plan: SearchPlan): string {
  const labels = plan.networks.map((network) => NETWORK_LABELS[network]);
  const where = plan.filtered ? labels[0] : `your connected networks (${labels.join(', ')})`;
  const fix = plan.filtered
    ? `Join its programme on ${labels[0]}, or clear ${NETWORK_LABEL} to look on every connected network.`
    : `Join its programme on ${orList(labels)}, or check the URL.`;
  const everflow =
    plan.everflowNetworkKey && !plan.filtered
      ? ' Everflow offers are matched only with a partner (affiliate) key, not a network key.'
      : '';
  return (
    `No joined advertiser or runnable offer on ${where} sells from ${displayDomain(host)}. ` +
    `${fix}${everflow}`
  );
}

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
    if (userMessage(error) !== deepLinkRefusedMessage(advertiserId)) throw error;
    // A property of this shop, like "no match": stop this run without turning the Zap off.
    throw new z.errors.HaltedError(
      `Awin advertiser ${candidate.advertiser_name} (${advertiserId}) does not allow deep links, so ` +
        'no Awin link can point to this exact page. Use "Generate Awin Tracking Link" without a ' +
        `Destination URL for its default link.${othersThatMatched(matches)}`,
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
  match: Match,
): Promise<Pick<UrlTrackingLink, 'url' | 'destination_url'>> {
  const { advertiser_id: offerId, advertiser_name: name, landings } = match.candidate;
  const links = await new OfferslookClient(z, bundle).trackingLinks([offerId]);
  const link = links.find((item) => item.offer_id === offerId);
  if (link === undefined) {
    throw new z.errors.Error(
      `Offerslook returned no tracking link for offer ${name} (${offerId}), which matched this URL: ` +
        'it may no longer be approved for you. Check the offer in Offerslook, or try again in 15 ' +
        'minutes, when the offer list is read again.',
      'OfferslookNoLink',
      404,
    );
  }
  return { url: link.url, destination_url: landings[0] ? withoutMacros(landings[0].url) : url };
}

/** Makes the tracking link for the best match (matches[0]); the others only inform messages. */
export async function makeUrlLink(
  z: ZObject,
  bundle: Bundle,
  url: string,
  ref: string | undefined,
  matches: Match[],
): Promise<UrlTrackingLink> {
  const best = matches[0];
  const { network, advertiser_id, advertiser_name } = best.candidate;
  const made =
    network === 'awin'
      ? await awinLink(z, bundle, url, ref, matches)
      : network === 'everflow'
        ? await everflowLink(z, bundle, url, ref, best)
        : await offerslookLink(z, bundle, url, best);
  return {
    url: made.url,
    network,
    advertiser_id,
    advertiser_name,
    destination_url: made.destination_url,
    matched_domain: displayDomain(best.matchedDomain),
  };
}
