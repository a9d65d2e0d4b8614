import { type PlainInputField, type ZObject } from 'zapier-platform-core';
import {
  networkNamed,
  NETWORK_LABELS,
  NETWORKS,
  networkById,
  type NetworkId,
} from '../connection/registry';
import { describeValue, invalidInput, isBlank, optionalText, requireHttpUrl } from '../core/input';
import { orList } from '../core/text';
import { hostOfUrl } from '../core/url';

import { PREFER_VALUES, type Prefer } from './commission';

/**
 * The pieces "Find Advertiser for URL" and "Generate Tracking Link for Any URL" share: their input
 * fields and reading them before any request. What a network adds (its account field, how it
 * takes the tracking reference) comes from the registry.
 */

// --- input fields ---------------------------------------------------------------------------------

const URL_LABEL = 'URL';

export const NETWORK_LABEL = 'Network';

const TRACKING_REF_LABEL = 'Tracking Reference';

const PREFER_LABEL = 'Prefer';

const labels = NETWORKS.map((network) => network.label);

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
  choices: NETWORK_LABELS,
  helpText:
    'Leave empty to look on every network in your connection whose credentials can match URLs, ' +
    'or choose one to look only there.',
} satisfies PlainInputField;

/** The account fields of networks where one credential reaches several accounts. */
export const accountFields: PlainInputField[] = NETWORKS.flatMap((network) =>
  network.anyUrl.accounts ? [network.anyUrl.accounts.field] : [],
);

/** The longest tracking reference any network takes: longer is refused whatever the networks. */
const LONGEST_REF = Math.max(...NETWORKS.map((network) => network.anyUrl.trackingRef.maxLength));

export const trackingRefField = {
  key: 'tracking_ref',
  label: TRACKING_REF_LABEL,
  type: 'string',
  required: false,
  helpText:
    'Optional value of your own reported back with each click and sale, e.g. a row or deal ID: ' +
    `sent as ${orList(
      NETWORKS.map(({ label, anyUrl: { trackingRef } }) => {
        return `${label}'s ${trackingRef.param} (up to ${trackingRef.maxLength} characters)`;
      }),
    )}.`,
} satisfies PlainInputField;

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
    `takes the longest matching domain, ties ${labels.join(', ')}. **Highest commission** ` +
    'takes the match that pays more when every match says what it pays in the same kind (all ' +
    'percentages, or all fixed amounts in one currency); otherwise the domain rule decides. ' +
    '`chosen_by` says which rule chose.',
} satisfies PlainInputField;

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
  const known = networkNamed(value);
  if (known !== undefined) return known;
  throw invalidInput(
    z,
    `${NETWORK_LABEL} must be ${orList(labels)}, but it was ${describeValue(value)}. ` +
      'Choose one, or leave it empty to look on every connected network.',
  );
}

/**
 * The tracking reference, checked before any request against the strictest network it may be
 * sent to (each network says how long a value it takes, `trackingRef.maxLength`).
 */
export function readTrackingRef(
  z: ZObject,
  value: unknown,
  networks: readonly NetworkId[],
): string | undefined {
  const ref = optionalText(z, value, TRACKING_REF_LABEL, LONGEST_REF);
  if (ref === undefined) return ref;
  const refusing = networks
    .filter((network) => ref.length > networkById(network).anyUrl.trackingRef.maxLength)
    .sort((a, b) => maxOf(a) - maxOf(b));
  if (refusing.length === 0) return ref;
  const strictest = networkById(refusing[0]);
  const { maxLength, said } = strictest.anyUrl.trackingRef;
  const others = networks.filter((n) => !refusing.includes(n)).map((n) => NETWORK_LABELS[n]);
  const alternative = others.length > 0 ? `, or set ${NETWORK_LABEL} to ${orList(others)}` : '';
  throw invalidInput(
    z,
    `${TRACKING_REF_LABEL} is ${ref.length} characters long; ${strictest.label} takes at most ` +
      `${maxLength} as ${said}. Shorten it${alternative}.`,
  );
}

function maxOf(network: NetworkId): number {
  return networkById(network).anyUrl.trackingRef.maxLength;
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
