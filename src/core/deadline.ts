import { type ZObject } from 'zapier-platform-core';
import { appError } from './errors';
import { type Clock, systemClock } from './rateLimit';

/**
 * Zapier stops an action after 30 seconds and every row of a bulk run is lost with it. An action
 * that makes several calls takes a deadline at its start: no call starts after it, each request's
 * timeout shrinks to the time left, and rows not done by then are reported as not processed in
 * time, so the step returns with every row accounted for.
 */

/** How long a run may make calls: 25 s leaves Zapier's 30 s room to send the answer back. */
export const RUN_BUDGET_MS = 25_000;
/** No request starts with less time left than this: it could not finish anyway. */
export const MIN_REQUEST_MS = 1_000;

export class Deadline {
  constructor(
    readonly at: number,
    private readonly clock: Clock = systemClock,
  ) {}

  /** A deadline `budgetMs` from now (25 s by default). */
  static fromNow(budgetMs = RUN_BUDGET_MS, clock: Clock = systemClock): Deadline {
    return new Deadline(clock.now() + budgetMs, clock);
  }

  remainingMs(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  /** True once less than `MIN_REQUEST_MS` is left: too late to start a request. */
  get passed(): boolean {
    return this.remainingMs() < MIN_REQUEST_MS;
  }
}

/** What a row that was not reached in time says. */
export const NOT_PROCESSED_IN_TIME =
  'Not processed: this run reached the time Zapier allows one step (30 seconds) before this row. ' +
  'Run the step again for the rows marked like this, or split the list into smaller runs.';

/** The error for work not started (or not finished) before the run's deadline. */
export function outOfTime(z: ZObject, network?: string): Error {
  return appError(z, { network, kind: 'out_of_time' }, NOT_PROCESSED_IN_TIME, 408);
}
