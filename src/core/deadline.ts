import { type Clock, systemClock } from './rateLimit';

/**
 * A point in time after which a run starts nothing more. Pure time keeping: the run context
 * (core/run.ts) makes the one deadline of each run and turns "out of time" into a user's error.
 */

/** How long a run may work: 25 s leaves Zapier's 30 s room to send the answer back. */
export const RUN_LIMIT_MS = 25_000;
/** No request starts with less time left than this: it could not finish anyway. */
export const MIN_REQUEST_MS = 1_000;

export class Deadline {
  constructor(
    readonly at: number,
    readonly clock: Clock = systemClock,
  ) {}

  /** A deadline `limitMs` from now (25 s by default). */
  static fromNow(limitMs = RUN_LIMIT_MS, clock: Clock = systemClock): Deadline {
    return new Deadline(clock.now() + limitMs, clock);
  }

  /** Milliseconds left before the deadline, never negative. */
  remainingMs(): number {
    return Math.max(0, this.at - this.clock.now());
  }

  /** True once the deadline itself has passed. */
  get expired(): boolean {
    return this.clock.now() >= this.at;
  }

  /**
   * True when less than `needMs` (a request's least useful time, 1 s by default) is left: too late
   * to start something that could not finish anyway.
   */
  tooLateToStart(needMs = MIN_REQUEST_MS): boolean {
    return this.remainingMs() < needMs;
  }

  /** The smaller of `capMs` and the time left: a timeout for one piece of work. */
  timeoutMs(capMs: number): number {
    return Math.min(capMs, this.remainingMs());
  }

  /** A deadline no later than this one and at most `capMs` from now. */
  within(capMs: number): Deadline {
    return new Deadline(Math.min(this.at, this.clock.now() + capMs), this.clock);
  }
}
