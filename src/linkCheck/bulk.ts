// Many link checks in one run (README "Checking links", Bulk): side by side, at most 4 requests at a
// time to one host, every row its own result in input order, rows not started before the run's
// deadline marked `not_checked`. A check is a real click, so nothing is ever retried.
import pLimit from 'p-limit';

import { runBulk } from '../core/bulk';
import { Deadline } from '../core/deadline';

import { checkLink, type LinkCheckOptions } from './check';
import { MAX_BULK_LINKS } from './fields';
import { LinkCheckInputError, parseLinkToCheck } from './input';
import { detectNetwork } from './network';
import type { BulkLinkCheckResult, HostGate, ProgrammeInfo } from './types';

/** Requests at a time to one host: a shop or click server must not see a burst from us. */
export const PER_HOST_LIMIT = 4;
/** Checks running at a time. */
export const BULK_CONCURRENCY = 16;
/** A row with less time than this left is not started: a check cut short says less than "run it again". */
export const MIN_TIME_TO_START_MS = 1_000;

export interface LinkCheckRow {
  url: string;
  /** This row's expected landing domains (else inferred from its link). */
  expectedDomains?: readonly string[];
  /** What the network's API says about this row's programme or offer. */
  programme?: ProgrammeInfo;
}

export interface BulkCheckOptions extends Omit<
  LinkCheckOptions,
  'expectedDomains' | 'programme' | 'hostGate'
> {
  /** Checks at a time; default 16. */
  concurrency?: number;
  /** Requests at a time to one host; default 4. */
  perHostLimit?: number;
  /** Rows are not started with less than this left before `deadline`; default 1 s. */
  minTimeToStartMs?: number;
}

/** A gate that lets at most `limit` tasks run at a time per host. */
export function createHostGate(limit: number): HostGate {
  const limiters = new Map<string, ReturnType<typeof pLimit>>();
  return <T>(host: string, task: () => Promise<T>): Promise<T> => {
    let limiter = limiters.get(host);
    if (!limiter) {
      limiter = pLimit(limit);
      limiters.set(host, limiter);
    }
    return limiter(task);
  };
}

function emptyResult(
  row: LinkCheckRow,
  options: BulkCheckOptions,
  status: 'invalid' | 'not_checked',
  reason: string,
): BulkLinkCheckResult {
  return {
    url: row.url.trim(),
    healthy: false,
    status,
    reason,
    final_url: '',
    final_status: null,
    landing_domain: '',
    hops: 0,
    redirects: [],
    click_id_found: null,
    network: status === 'invalid' ? '' : detectNetwork(row.url.trim(), options.networkDomains),
    programme_status: row.programme?.status ?? '',
    elapsed_ms: 0,
    checked_at: new Date().toISOString(),
  };
}

/**
 * Checks up to 100 links. Throws `LinkCheckInputError` for an empty list or more than 100 links
 * (before any request); a bad row only makes that row `invalid`.
 */
export async function checkLinks(
  rows: readonly (string | LinkCheckRow)[],
  options: BulkCheckOptions = {},
): Promise<BulkLinkCheckResult[]> {
  if (rows.length === 0) {
    throw new LinkCheckInputError('empty_list', 'Give at least one link to check.');
  }
  if (rows.length > MAX_BULK_LINKS) {
    throw new LinkCheckInputError(
      'too_many_links',
      `${rows.length} links were given; one run checks at most ${MAX_BULK_LINKS}. Split the ` +
        `list into runs of ${MAX_BULK_LINKS} or fewer.`,
    );
  }
  const hostGate = createHostGate(Math.max(1, options.perHostLimit ?? PER_HOST_LIMIT));
  const results: BulkLinkCheckResult[] = new Array(rows.length);
  const units: { row: LinkCheckRow; position: number }[] = [];
  rows.forEach((given, position) => {
    const row: LinkCheckRow = typeof given === 'string' ? { url: given } : given;
    // A bad row is answered at once, whatever the time: it needs fixing, not running again.
    try {
      parseLinkToCheck(row.url);
      units.push({ row, position });
    } catch (error) {
      if (!(error instanceof LinkCheckInputError)) throw error;
      results[position] = emptyResult(row, options, 'invalid', error.message);
    }
  });
  // The one bulk runner (core/bulk): checks side by side, none started with too little time left.
  await runBulk(null, {
    units,
    concurrency: options.concurrency ?? BULK_CONCURRENCY,
    deadline: options.deadline ?? new Deadline(Infinity),
    minStartMs: options.minTimeToStartMs ?? MIN_TIME_TO_START_MS,
    perform: async ({ row, position }) => {
      results[position] = await checkOne(row, options, hostGate);
    },
    fail: ({ row, position }) => {
      results[position] = emptyResult(
        row,
        options,
        'not_checked',
        'Not checked: the run ran out of time before this link could be started. Run it again.',
      );
    },
  });
  return results;
}

/** One row's check; an input or engine fault is that row's result, never the others'. */
async function checkOne(
  row: LinkCheckRow,
  options: BulkCheckOptions,
  hostGate: HostGate,
): Promise<BulkLinkCheckResult> {
  try {
    return await checkLink(row.url, {
      ...options,
      expectedDomains: row.expectedDomains,
      programme: row.programme,
      hostGate,
    });
  } catch (error) {
    if (error instanceof LinkCheckInputError) {
      return emptyResult(row, options, 'invalid', error.message);
    }
    // An engine fault must not cost the other rows their results.
    const detail = error instanceof Error ? error.message : String(error);
    return emptyResult(
      row,
      options,
      'not_checked',
      `Not checked: the check failed unexpectedly (${detail}). Run it again.`,
    );
  }
}
