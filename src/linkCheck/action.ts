// The link-check engine wired into Zapier (README "Checking links"): read the step's input, ask
// the connected networks about the links' programmes, check, and shape the published outputs.
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { checkItem } from '../core/bulk';
import { requireItems } from '../core/input';
import { runOf } from '../core/run';
import { checkLinks, type LinkCheckRow } from './bulk';
import { appError } from '../core/errors';
import { checkLink, linkCheckBaseUrlFromEnv, LinkCheckSetupError } from './check';
import { MAX_BULK_LINKS, readDevice, readExpectedDomains, readLinkToCheck } from './fields';
import { expectedDomainsFor, lookUpProgrammes } from './programme';
import type { BulkLinkCheckResult, LinkCheckResult } from './types';

/** One row of "Check Tracking Links in Bulk" (README "Checking links", output keys as published). */
export interface BulkLinkCheckRow {
  /** Position in the input, from 1 like sheet rows. */
  index: number;
  url: string;
  healthy: boolean;
  status: BulkLinkCheckResult['status'];
  reason: string;
  final_url: string;
  final_status: number | null;
  hops: number;
}

export interface BulkLinkCheckOutput {
  total: number;
  healthy: number;
  unhealthy: number;
  links: BulkLinkCheckRow[];
}

/**
 * The test and sandbox base URL, if set. One that leaves this machine stops the run as the step's
 * error (a Zapier error with its reason), naming the variable, before any check.
 */
function testModeBaseUrl(z: ZObject): string | undefined {
  try {
    return linkCheckBaseUrlFromEnv();
  } catch (error) {
    if (error instanceof LinkCheckSetupError) throw appError(z, error.reason, error.message);
    throw error;
  }
}

/** Check Tracking Link: one link, one real click. Bad input is the step's error, before any request. */
export async function checkTrackingLink(z: ZObject, bundle: Bundle): Promise<LinkCheckResult> {
  // The run's one deadline (core/run): the checks stop there, the look-ups sooner.
  const { deadline } = runOf(z);
  const url = readLinkToCheck(z, bundle.inputData.url);
  const given = readExpectedDomains(z, bundle.inputData.expected_domain, 'Expected Domain');
  const device = readDevice(z, bundle.inputData.device);

  const facts = await lookUpProgrammes(z, bundle, [url]);
  const [link] = facts.links;
  return checkLink(url, {
    device,
    deadline,
    baseUrl: testModeBaseUrl(z),
    networkDomains: facts.networkDomains,
    programme: link.programme,
    expectedDomains: expectedDomainsFor(url, given, link, facts.networkDomains),
  });
}

function invalidRow(index: number, url: string, reason: string): BulkLinkCheckRow {
  return {
    index,
    url,
    healthy: false,
    status: 'invalid',
    reason,
    final_url: '',
    final_status: null,
    hops: 0,
  };
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * Check Tracking Links in Bulk: up to 100 links side by side, one row per line item in input order.
 * An invalid row (bad URL or expected domain) is that row's `invalid`; rows not started before the
 * run's deadline are `not_checked`. Too many or no line items is the step's error, before any request.
 */
export async function checkTrackingLinks(z: ZObject, bundle: Bundle): Promise<BulkLinkCheckOutput> {
  const { deadline } = runOf(z);
  const items = requireItems(
    z,
    bundle.inputData.links,
    'Links',
    MAX_BULK_LINKS,
    `Split the list into runs of ${MAX_BULK_LINKS} links or fewer.`,
  );
  const device = readDevice(z, bundle.inputData.device);

  const rows: BulkLinkCheckRow[] = new Array(items.length);
  const toCheck: { index: number; url: string; given: string[] }[] = [];
  items.forEach((item, i) => {
    const url = asText(item.url).trim();
    const given = checkItem(z, () =>
      readExpectedDomains(z, item.expected_domain, 'Expected Domain'),
    );
    if ('error' in given) rows[i] = invalidRow(i + 1, url, given.error);
    else toCheck.push({ index: i, url, given: given.value });
  });

  if (toCheck.length > 0) {
    const facts = await lookUpProgrammes(
      z,
      bundle,
      toCheck.map((row) => row.url),
    );
    const checkRows: LinkCheckRow[] = toCheck.map((row, i) => ({
      url: row.url,
      programme: facts.links[i].programme,
      expectedDomains: expectedDomainsFor(row.url, row.given, facts.links[i], facts.networkDomains),
    }));
    const results = await checkLinks(checkRows, {
      device,
      deadline,
      baseUrl: testModeBaseUrl(z),
      networkDomains: facts.networkDomains,
    });
    results.forEach((result, i) => {
      const index = toCheck[i].index;
      rows[index] = {
        index: index + 1,
        url: result.url,
        healthy: result.healthy,
        status: result.status,
        reason: result.reason,
        final_url: result.final_url,
        final_status: result.final_status,
        hops: result.hops,
      };
    });
  }

  const healthy = rows.filter((row) => row.healthy).length;
  return { total: rows.length, healthy, unhealthy: rows.length - healthy, links: rows };
}
