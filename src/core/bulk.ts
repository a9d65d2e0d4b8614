import pLimit from 'p-limit';
import { type ZObject } from 'zapier-platform-core';

import { type Deadline } from './deadline';
import { reasonOf, userMessage } from './errors';
import { NOT_PROCESSED_IN_TIME, runOf } from './run';

/**
 * Shared shape of every "… in Bulk" action: one result per input item, in input order, each with a
 * url or the reason that item failed. `index` counts from 1, like rows in a sheet.
 */

export type BulkStatus = 'success' | 'error';

export interface BulkItemResult {
  index: number;
  status: BulkStatus;
  url: string | null;
  error: string | null;
}

export interface BulkSummary<T extends BulkItemResult> {
  total: number;
  succeeded: number;
  failed: number;
  links: T[];
}

export function summarize<T extends BulkItemResult>(links: T[]): BulkSummary<T> {
  const succeeded = links.filter((link) => link.status === 'success').length;
  return { total: links.length, succeeded, failed: links.length - succeeded, links };
}

export function succeeded(url: string): Pick<BulkItemResult, 'status' | 'url' | 'error'> {
  return { status: 'success', url, error: null };
}

export function failed(error: string): Pick<BulkItemResult, 'status' | 'url' | 'error'> {
  return { status: 'error', url: null, error };
}

/**
 * Runs a per-item check and turns a thrown user-input error into that item's error message, so one
 * bad row never stops the others. Anything else (a bug, a lost connection) still throws.
 */
export function checkItem<T>(z: ZObject, check: () => T): { value: T } | { error: string } {
  try {
    return { value: check() };
  } catch (error) {
    if (error instanceof z.errors.Error) return { error: userMessage(error) };
    throw error;
  }
}

/** One input item that read well: its row (filled in as the run goes) and its request. */
export interface PreparedRow<Req, Row> {
  row: Row;
  request: Req;
  /** Where the item stands in the input, from 0 (its row's `index` counts from 1). */
  position: number;
}

/**
 * One row per input item, in input order, each pre-filled as not processed; each item read with
 * `read` (its messages start with `where`, e.g. "Item 3: "). An item that does not read well gets
 * its error in its row and stays out of `valid`; the others go on.
 */
export function prepareRows<Req, Row extends BulkItemResult>(
  z: ZObject,
  items: readonly Record<string, unknown>[],
  blank: (item: Record<string, unknown>) => Omit<Row, keyof BulkItemResult>,
  read: (item: Record<string, unknown>, where: string) => Req,
): { rows: Row[]; valid: PreparedRow<Req, Row>[] } {
  const rows: Row[] = [];
  const valid: PreparedRow<Req, Row>[] = [];
  items.forEach((item, position) => {
    const row = { index: position + 1, ...blank(item), ...failed('Not processed.') } as Row;
    rows.push(row);
    const checked = checkItem(z, () => read(item, `Item ${position + 1}: `));
    if ('error' in checked) Object.assign(row, failed(checked.error));
    else valid.push({ row, request: checked.value, position });
  });
  return { rows, valid };
}

/** How one bulk run does its work: units (a call, a chunk of rows, a check) side by side. */
export interface BulkPlan<Unit> {
  units: readonly Unit[];
  /** Units at a time. */
  concurrency: number;
  /** Does one unit's work and records its rows' outcomes. */
  perform: (unit: Unit) => Promise<void>;
  /** Records, in every row of the unit, why it has no result (`late`: not processed in time). */
  fail: (unit: Unit, message: string, late: boolean) => void;
  /** The deadline the units start by; the run's one deadline unless a test gives its own. */
  deadline?: Deadline;
  /** Least time left for a unit to be worth starting; the deadline's own minimum by default. */
  minStartMs?: number;
  /**
   * For outputs without a per-row error (a list of links and a hint): when no unit succeeded and
   * one failed for a reason other than time, that failure is the step's error.
   */
  failWhenNoneSucceed?: boolean;
}

/**
 * What a failed unit means for the run, from the error's reason alone: an expired credential stops
 * the run (Zapier asks to reconnect); a unit that ran out of time is "not processed"; a rate limit
 * fails the unit's rows (and stops the run only when every unit met it: then Zapier retries the
 * step, which loses nothing); any other reasoned failure is the unit's rows' error; an error
 * without a reason is a bug and stops the run.
 */
export function bulkOutcome(
  error: unknown,
): { stop: true } | { stop: false; message: string; throttled: boolean; late: boolean } {
  const reason = reasonOf(error);
  if (!reason || reason.kind === 'auth') return { stop: true };
  if (reason.kind === 'out_of_time') {
    return { stop: false, message: NOT_PROCESSED_IN_TIME, throttled: false, late: true };
  }
  if (reason.kind === 'throttled') {
    const who = reason.network ?? 'The network';
    return {
      stop: false,
      throttled: true,
      late: false,
      message:
        `${who} is limiting how many requests it takes (429) and this run had no time left to ask ` +
        'again. Run the step again for the rows marked like this.',
    };
  }
  return { stop: false, message: userMessage(error), throttled: false, late: false };
}

/**
 * The one bulk runner: units side by side (at most `concurrency` at a time) under the run's
 * deadline. A unit not started in time marks its rows not processed; a failure is decided by
 * `bulkOutcome`. Every row is accounted for when it returns.
 */
export async function runBulk<Unit>(z: ZObject | null, plan: BulkPlan<Unit>): Promise<void> {
  // The link checker's engine runs without Zapier's z and passes its deadline.
  const deadline = plan.deadline ?? runOf(z as ZObject).deadline;
  const limit = pLimit(Math.max(1, plan.concurrency));
  const throttled: unknown[] = [];
  const failures: unknown[] = [];
  let succeeded = 0;
  let stopped: { error: unknown } | undefined;
  await Promise.all(
    plan.units.map((unit) =>
      limit(async () => {
        if (stopped) return;
        if (deadline.tooLateToStart(plan.minStartMs)) {
          plan.fail(unit, NOT_PROCESSED_IN_TIME, true);
          return;
        }
        try {
          await plan.perform(unit);
          succeeded += 1;
        } catch (error) {
          const outcome = bulkOutcome(error);
          if (outcome.stop) {
            stopped ??= { error }; // units still queued start nothing once the run is lost
            return;
          }
          if (outcome.throttled) throttled.push(error);
          if (!outcome.late) failures.push(error);
          plan.fail(unit, outcome.message, outcome.late);
        }
      }),
    ),
  );
  if (stopped) throw stopped.error;
  if (plan.units.length > 0 && throttled.length === plan.units.length) throw throttled[0];
  if (plan.failWhenNoneSucceed && succeeded === 0 && failures.length > 0) throw failures[0];
}

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size)
    chunks.push(items.slice(start, start + size));
  return chunks;
}

export const bulkOutputFields = [
  { key: 'total', label: 'Total Items', type: 'integer' },
  { key: 'succeeded', label: 'Links Generated', type: 'integer' },
  { key: 'failed', label: 'Items Failed', type: 'integer' },
  { key: 'links[]index', label: 'Links: Position', type: 'integer' },
  { key: 'links[]status', label: 'Links: Status', type: 'string' },
  { key: 'links[]url', label: 'Links: Tracking Link', type: 'string' },
  { key: 'links[]error', label: 'Links: Error', type: 'string' },
] as const;
