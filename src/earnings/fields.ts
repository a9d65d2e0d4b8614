import { type PlainInputField, type ZObject } from 'zapier-platform-core';

import {
  NETWORK_LABELS,
  NETWORKS,
  networkById,
  networkNamed,
  type NetworkId,
} from '../connection/registry';
import { describeValue, invalidInput, isBlank, optionalText } from '../core/input';
import { isLacking } from '../core/network';
import { andList, orList } from '../core/text';

/**
 * The input fields of the earnings search, bulk create and trigger, and reading them before any
 * request. Which networks report earnings, their account fields and why a network is left out all
 * come from the registry (each network's `earnings`), so nothing here names a network.
 */

const DEFAULT_DAYS = 30;
export const MAX_DAYS = 365;
/** Most references one bulk run takes. */
export const MAX_EARNINGS_REFS = 500;
/** The longest reference read back (Impact's Shared ID, the longest any network keeps). */
const MAX_REF_LENGTH = 255;

const TRACKING_REF_LABEL = 'Tracking Reference';
const DAYS_LABEL = 'Days';
const NETWORK_LABEL = 'Network';

/** The networks that report earnings, in registry order. */
const reporting = NETWORKS.filter((network) => !isLacking(network.earnings));

/** Why each network that reports none is left out, in one sentence each. */
const notCovered = NETWORKS.flatMap((network) =>
  isLacking(network.earnings)
    ? [`${network.label} is not covered: ${network.earnings.lacking}`]
    : [],
).join(' ');

const reportingLabels = andList(reporting.map((network) => network.label));

export const earningsRefField = {
  key: 'tracking_ref',
  label: TRACKING_REF_LABEL,
  type: 'string',
  required: true,
  helpText:
    'The reference you put on your links (a sheet row, a deal ID, a campaign): read back from the ' +
    `conversions as ${orList(reporting.map((network) => `${network.label}'s ${network.anyUrl.trackingRef.param}`))}. ` +
    'It matches when it equals the first reference exactly (spaces around it ignored, upper and lower case kept).',
} as const satisfies PlainInputField;

export const daysField = {
  key: 'days',
  label: DAYS_LABEL,
  type: 'integer',
  required: false,
  default: String(DEFAULT_DAYS),
  helpText: `How many days back to count conversions, from 1 to ${MAX_DAYS} (${DEFAULT_DAYS} when empty).`,
} as const satisfies PlainInputField;

export const earningsNetworkField = {
  key: 'network',
  label: NETWORK_LABEL,
  type: 'string',
  required: false,
  choices: Object.fromEntries(reporting.map((network) => [network.id, network.label])),
  helpText:
    `Leave empty to read every network in your connection that reports earnings (${reportingLabels}), ` +
    `or choose one. ${notCovered}`,
} satisfies PlainInputField;

/** The trigger watches one network: required. */
export const conversionNetworkField = {
  ...earningsNetworkField,
  required: true,
  helpText: `The network whose conversions to watch (${reportingLabels}). ${notCovered}`,
} satisfies PlainInputField;

/** The account fields of networks whose credential reaches several accounts, worded for earnings. */
export const earningsAccountFields: PlainInputField[] = reporting.flatMap((network) =>
  network.anyUrl.accounts
    ? [
        {
          ...network.anyUrl.accounts.field,
          helpText:
            `The ${network.label} account whose conversions are read. Leave empty to use the ` +
            "connection's default; without one, every account of your credential is read.",
        },
      ]
    : [],
);

export const refsField = {
  key: 'refs',
  label: 'References',
  required: true,
  children: [earningsRefField],
};

export const refsHelpField = {
  key: 'refs_help',
  type: 'copy',
  helpText:
    'One line item per reference, e.g. the reference column of Google Sheets "Lookup rows" or ' +
    `"Get Many Rows": up to ${MAX_EARNINGS_REFS} per run. Each network's conversions are read once ` +
    'for the whole list (and kept 10 minutes), so a long list costs what one reference does.',
} as const;

// --- reading the step's input ----------------------------------------------------------------------

/** Days: empty = 30; a whole number from 1 to 365, else refused naming the field. */
export function readDays(z: ZObject, value: unknown): number {
  if (isBlank(value)) return DEFAULT_DAYS;
  const text = String(value).trim();
  const days = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(days >= 1 && days <= MAX_DAYS)) {
    throw invalidInput(
      z,
      `${DAYS_LABEL} must be a whole number from 1 to ${MAX_DAYS}, but it was ${describeValue(value)}.`,
    );
  }
  return days;
}

/** A reference, trimmed; `where` ("Item 3: ") starts the message in bulk. */
export function readRef(z: ZObject, value: unknown, where = ''): string {
  const ref = optionalText(z, value, `${where}${TRACKING_REF_LABEL}`, MAX_REF_LENGTH);
  if (ref === undefined) {
    throw invalidInput(
      z,
      `${where}${TRACKING_REF_LABEL} is empty. Map the reference you put on the link (the clickref or sub ID).`,
    );
  }
  return ref;
}

/** The step's Network: undefined when empty, else one of the networks (refused otherwise). */
export function readEarningsNetwork(z: ZObject, value: unknown): NetworkId | undefined {
  if (isBlank(value)) return undefined;
  const found = networkNamed(value);
  if (found === undefined) {
    throw invalidInput(
      z,
      `${NETWORK_LABEL} must be ${orList(reporting.map((network) => network.id))}, but it was ` +
        `${describeValue(value)}. Choose one from the list, or leave it empty.`,
    );
  }
  const { earnings } = networkById(found);
  if (isLacking(earnings)) {
    throw invalidInput(
      z,
      `${NETWORK_LABELS[found]} earnings cannot be read: ${earnings.lacking} Choose ` +
        `${orList(reporting.map((network) => network.label))}.`,
    );
  }
  return found;
}
