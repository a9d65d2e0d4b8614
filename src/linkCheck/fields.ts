// The link-check actions' input fields and their readers: what the user fills in, checked before
// any request, in words that say how to fix it.
import { type ZObject } from 'zapier-platform-core';
import { withReason } from '../core/errors';
import { describeValue, invalidInput, isBlank } from '../core/input';
import { normalizeDomain } from '../core/url';
import { LinkCheckInputError, parseLinkToCheck } from './input';
import type { Device } from './types';

/** Most links one run checks (100 link checks). */
export const MAX_BULK_LINKS = 100;

/** Said on both actions: a check is a click, and it is never repeated. */
const CLICK_NOTICE =
  'Each check is a real click on the link, followed hop by hop like a browser: the network counts ' +
  'it in its click reports (and it can use up click caps). A check is never retried in a loop: ' +
  'one request chain per link per run. Results depend on where the check runs (country, device).';

export const linkCheckNoticeField = {
  key: 'link_check_notice',
  type: 'copy' as const,
  helpText: CLICK_NOTICE,
};

export const checkUrlField = {
  key: 'url',
  label: 'URL',
  type: 'string' as const,
  required: true,
  helpText:
    'The tracking link to check, starting with http:// or https:// (for example the link an earlier step ' +
    'made). At most 2,048 characters, without a user name or password.',
};

export const expectedDomainField = {
  key: 'expected_domain',
  label: 'Expected Domain',
  type: 'string' as const,
  required: false,
  helpText:
    "The advertiser's domain the link should land on, e.g. `shop.example` (a full URL works too; " +
    'subdomains count). Leave empty to take it from the link (a deep link names its page) or from ' +
    "the programme on your connected network (its valid domains, or the offer's preview URL).",
};

export const deviceField = {
  key: 'device',
  label: 'Device',
  type: 'string' as const,
  required: false,
  default: 'desktop',
  choices: { desktop: 'Desktop browser', mobile: 'Mobile browser' },
  helpText: 'Which browser the check looks like: offers can send phones somewhere else.',
};

/** The link to check, or the step's error (before any request) saying what is wrong with it. */
export function readLinkToCheck(z: ZObject, value: unknown, label = checkUrlField.label): string {
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  try {
    parseLinkToCheck(text);
  } catch (error) {
    if (error instanceof LinkCheckInputError) {
      // Every refusal names the field by its label, as the other steps' refusals do.
      const message =
        error.reason.code === 'empty'
          ? `${label} is empty. Enter the tracking link to check, starting with https:// or http://.`
          : `${label}: ${error.message}`;
      throw withReason(invalidInput(z, message), error.reason);
    }
    throw error;
  }
  return text.trim();
}

/** A domain a host can be compared with: letters, digits, dots and hyphens, with at least one dot. */
function readDomain(text: string): string | undefined {
  const domain = normalizeDomain(text);
  if (domain === undefined) return undefined;
  let host: string;
  try {
    host = new URL(`https://${domain}/`).hostname;
  } catch {
    return undefined;
  }
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) ? host : undefined;
}

/**
 * Expected domains (one, or several separated by commas), each checked; throws a user error
 * naming the field for one that is no domain. [] when blank.
 */
export function readExpectedDomains(z: ZObject, value: unknown, label: string): string[] {
  if (isBlank(value)) return [];
  if (typeof value !== 'string') {
    throw invalidInput(
      z,
      `${label} must be a domain such as shop.example, not ${describeValue(value)}.`,
    );
  }
  return value
    .split(/[\s,]+/)
    .filter((part) => part !== '')
    .map((part) => {
      const domain = readDomain(part);
      if (domain === undefined) {
        throw invalidInput(
          z,
          `${label} must be a domain such as shop.example or a web address such as ` +
            `https://shop.example/, but it was ${describeValue(part)}.`,
        );
      }
      return domain;
    });
}

export function readDevice(z: ZObject, value: unknown): Device {
  if (isBlank(value)) return 'desktop';
  const device = String(value).trim().toLowerCase();
  if (device === 'desktop' || device === 'mobile') return device;
  throw invalidInput(z, `Device must be desktop or mobile, but it was ${describeValue(value)}.`);
}

/** What one check gives, as Zapier shows it (Check Tracking Link; the watch trigger adds its own). */
export const linkCheckOutputFields = [
  { key: 'url', label: 'Checked Link', type: 'string' },
  { key: 'healthy', label: 'Healthy', type: 'boolean' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'reason', label: 'Reason', type: 'string' },
  { key: 'final_url', label: 'Final URL', type: 'string' },
  { key: 'final_status', label: 'Final Status Code', type: 'integer' },
  { key: 'landing_domain', label: 'Landing Domain', type: 'string' },
  { key: 'hops', label: 'Redirects Followed', type: 'integer' },
  { key: 'redirects[]step', label: 'Redirects: Step', type: 'integer' },
  { key: 'redirects[]status', label: 'Redirects: Status Code', type: 'integer' },
  { key: 'redirects[]url', label: 'Redirects: URL', type: 'string' },
  { key: 'click_id_found', label: 'Click ID Found', type: 'boolean' },
  { key: 'network', label: 'Network', type: 'string' },
  { key: 'programme_status', label: 'Programme Status', type: 'string' },
  { key: 'elapsed_ms', label: 'Time Taken (ms)', type: 'integer' },
  { key: 'checked_at', label: 'Checked At', type: 'datetime' },
] as const;
