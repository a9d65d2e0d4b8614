import pLimit from 'p-limit';
import { type ZObject } from 'zapier-platform-core';
import { bulkOutcome } from '../core/bulk';
import { reasonOf } from '../core/errors';
import { type EverflowClient } from './client';
import { type EverflowAssetRequest } from './fields';

// The requests of one tracking links & assets package (assets.ts): a few in flight at a time, paced
// by the client's rate gate; a request that fails, or is not made before the deadline, becomes a skip
// reason while the rest of the package goes on. Paged lists are read here too.

/** A list that never ends (a server ignoring `page`) stops here. */
const MAX_LIST_PAGES = 50;

/** A request not started (or not finished) before the run's deadline. */
export const NOT_MADE_IN_TIME =
  'Not made: this run reached the time Zapier allows one step (30 seconds) first. Run the step ' +
  'again, or split the offers over several steps.';

export interface AssetRun {
  z: ZObject;
  everflow: EverflowClient;
  request: EverflowAssetRequest;
  /** A few requests in flight at a time; the client's rate gate spaces them. */
  limit: pLimit.Limit;
}

/** A request's outcome: its value, or why it produced nothing (the run goes on). */
export type Attempt<T> = { value: T } | { skip: string };

/**
 * Runs one request of the package. A refusal, a failure of that request or the deadline becomes
 * its skip reason; an expired key (Zapier asks to reconnect), a 429 (Zapier retries the step) or a
 * bug stops the whole run.
 */
async function attempt<T>(run: AssetRun, request: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { value: await request() };
  } catch (error) {
    // What a failure does is the bulk runner's rule (core/bulk), read from the error's reason; a
    // package is delivered whole, so a rate limit stops it too and Zapier retries the step.
    const outcome = bulkOutcome(error);
    if (outcome.stop || outcome.throttled) {
      run.limit.clearQueue(); // no new requests once the run is lost
      throw error;
    }
    return { skip: reasonOf(error)?.kind === 'out_of_time' ? NOT_MADE_IN_TIME : outcome.message };
  }
}

/** One paced request: waits for a slot among the few in flight, then for the rate gate. */
export function paced<T>(run: AssetRun, request: () => Promise<T>): Promise<Attempt<T>> {
  return run.limit(() => attempt(run, request));
}

interface ListPage<T> {
  items: T[];
  totalCount?: number;
}

export interface Listing<T> {
  items: T[];
  /** Why the list stops early (a failed page, the deadline); undefined when read to its end. */
  incomplete?: string;
}

/**
 * Reads a paged list: page 1 must succeed; a later page that fails (or the deadline) ends the
 * list with the reason. Stops at the last page (by `total_count`), at a page with nothing new, or
 * when `enough` says so.
 */
export async function readPages<T>(
  run: AssetRun,
  pageSize: number,
  readPage: (page: number) => Promise<ListPage<T>>,
  idOf: (item: T) => number,
  enough: (items: T[], totalCount: number | undefined) => boolean = () => false,
): Promise<Listing<T>> {
  const items: T[] = [];
  const seen = new Set<number>();
  for (let page = 1; page <= MAX_LIST_PAGES; page++) {
    let answer: ListPage<T>;
    if (page === 1) {
      answer = await run.limit(() => readPage(page));
    } else {
      const next = await paced(run, () => readPage(page));
      if ('skip' in next) return { items, incomplete: next.skip };
      answer = next.value;
    }
    let fresh = 0;
    for (const item of answer.items) {
      const id = idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      items.push(item);
      fresh += 1;
    }
    const last =
      answer.totalCount === undefined ? fresh === 0 : page * pageSize >= answer.totalCount;
    if (last || enough(items, answer.totalCount)) break;
  }
  return { items };
}

/** A list of assets whose first page failed: the links still count, the list is marked. */
export async function listFailure<T>(run: AssetRun, error: unknown): Promise<Listing<T>> {
  const failed = await attempt<never>(run, () => Promise.reject(error));
  return { items: [], incomplete: 'skip' in failed ? failed.skip : undefined };
}
