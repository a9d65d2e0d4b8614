import { type PlainInputField, type ZObject } from 'zapier-platform-core';
import { AWIN_CLICKREF_MAX } from '../awin/client';
import { awinPublisherField } from '../awin/fields';
import { NETWORK_IDS, NETWORK_LABELS, type NetworkId } from '../connection/registry';
import { describeValue, invalidInput, isBlank, optionalText, requireHttpUrl } from '../core/input';

import { orList } from '../core/text';

import { EVERFLOW_SUB_MAX } from '../everflow/schemas';

import { PREFER_VALUES, type Prefer } from './commission';

import { hostOfUrl } from './match';

/**
 * The pieces "Find Advertiser for URL" and "Generate Tracking Link for Any URL" share: their input
 * fields, reading them before any request, their outputs, and making the link for the best match.
 */

// --- input fields ---------------------------------------------------------------------------------

export const URL_LABEL = 'URL';

export const NETWORK_LABEL = 'Network';

export const TRACKING_REF_LABEL = 'Tracking Reference';

export const PUBLISHER_LABEL = awinPublisherField.label;

export const PREFER_LABEL = 'Prefer';

export const urlField = {
  key: 'url',
  label: URL_LABEL,
  type: 'string',
  required: true,
  helpText:
    'A product or shop page, starting with http:// or https://, e.g. https://shop.acmeshoes.example/trainers. ' +
    'Its domain is matched against the advertisers you joined and the offers you can run.',
} as const satisfies PlainInputField;

export const networkField = {
  key: 'network',
  label: NETWORK_LABEL,
  type: 'string',
  required: false,
  // Impact joins this choice when any-URL reads its campaigns (a later step of issue 24).
  choices: { awin: 'Awin', everflow: 'Everflow', offerslook: 'Offerslook' } satisfies Partial<
    Record<NetworkId, string>
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
    `sent as Awin's clickref (up to ${AWIN_CLICKREF_MAX} characters), Everflow's sub1 or ` +
    `Offerslook's aff_sub1 (up to ${EVERFLOW_SUB_MAX}).`,
} as const satisfies PlainInputField;

export const publisherField = {
  ...awinPublisherField,
  helpText:
    'The Awin publisher account whose joined programmes are matched and the link is for. Leave ' +
    "empty to use the connection's default; without one, every publisher account of your Awin " +
    'token is matched, and the link is for the account that joined the shop (the lowest account ' +
    'ID when several did).',
} as const satisfies PlainInputField;

export const preferField = {
  key: 'prefer',
  label: PREFER_LABEL,
  type: 'string',
  required: false,
  default: 'domain',
  choices: {
    domain: 'Closest domain match',
    commission: 'Highest commission',
  } satisfies Record<Prefer, string>,
  helpText:
    'When the shop is on more than one network or account: **Closest domain match** (the default) ' +
    'takes the longest matching domain, ties Awin, Everflow, Offerslook. **Highest commission** ' +
    'takes the match that pays more when every match says what it pays in the same kind (all ' +
    'percentages, or all fixed amounts in one currency); otherwise the domain rule decides. ' +
    '`chosen_by` says which rule chose.',
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
        `www.shop.example, but it was ${describeValue(url)}.`,
    );
  }
  return { url, host };
}

export function readNetworkFilter(z: ZObject, value: unknown): NetworkId | undefined {
  if (isBlank(value)) return undefined;
  const network = String(value).trim().toLowerCase();
  const known = NETWORK_IDS.find((name) => name === network);
  if (known !== undefined) return known;
  throw invalidInput(
    z,
    `${NETWORK_LABEL} must be Awin, Everflow or Offerslook, but it was ${describeValue(value)}. ` +
      'Choose one, or leave it empty to look on every connected network.',
  );
}

/**
 * The tracking reference, checked against the strictest network it may be sent to: Awin's
 * clickref takes 50 characters, Everflow's sub1 200. Checked before any request.
 */
export function readTrackingRef(
  z: ZObject,
  value: unknown,
  networks: readonly NetworkId[],
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

/** `domain` (empty too) or `commission`; anything else is refused before any request. */
export function readPrefer(z: ZObject, value: unknown): Prefer {
  if (isBlank(value)) return 'domain';
  const prefer = String(value).trim().toLowerCase();
  const known = PREFER_VALUES.find((name) => name === prefer);
  if (known !== undefined) return known;
  throw invalidInput(
    z,
    `${PREFER_LABEL} must be domain or commission, but it was ${describeValue(value)}. Choose ` +
      '"Closest domain match" or "Highest commission", or leave it empty for the domain rule.',
  );
}
