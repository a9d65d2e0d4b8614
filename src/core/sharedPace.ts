import { randomBytes } from 'node:crypto';
import { type ZObject } from 'zapier-platform-core';

import { cacheGet, cacheSet, hashOf } from './cache';
import { withCacheLock } from './rateBudget';
import { runOf } from './run';
import { type Clock, type RateGate, TokenBucket } from './rateLimit';

/**
 * A network's documented request rate shared by every run of one credential, through z.cache.
 * Each run registers itself while it runs; about once a second it reads how many runs are active
 * and paces itself at its share of the rate, so two bulk runs on one key together stay under the
 * network's limit instead of both meeting 429s. Registering and leaving cost five cache round
 * trips each (under a lock, core/rateBudget); the once-a-second look costs one.
 *
 * Under faults (SPEC, "Shared state that holds under faults") the pace keeps the budget's rule:
 * every cache call is bounded, the lock is released only by its holder, and a run counts as
 * registered only when the cache answers that it kept the list of runs. A run the cache did not
 * register (it could not be reached, refused the write, answered too late, or other runs held the
 * list for long) goes on alone at the network's own rate for one run and logs once that its pace
 * is not shared; so does a registered run that later finds the cache out of reach. Unlike a call
 * budget, a pace is not deferred: going over it costs at worst a 429 the bulk run waits out and
 * asks again, while deferring would cost the whole run.
 */
export interface SharedRate {
  network: string;
  /** Hashed before it reaches a cache key. */
  credential: string;
  /** Requests a second for all runs together. */
  ratePerSecond: number;
  /** Back-to-back requests one run may make after a pause. */
  burst: number;
}

/** A run not heard of for this long has ended (it died without leaving). */
const RUN_TTL_SECONDS = 35;
const REFRESH_MS = 1_000;

type RunEntry = [id: string, until: number];

function keyOf(rate: SharedRate, part: string): string {
  const owner = hashOf(rate.credential, 24);
  return `pace:${rate.network.toLowerCase()}:${owner}:${part}`;
}

function liveRuns(value: unknown, now: number): RunEntry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is RunEntry =>
      Array.isArray(entry) &&
      typeof entry[0] === 'string' &&
      typeof entry[1] === 'number' &&
      entry[1] > now,
  );
}

/** How long joining waits for other runs' registrations: a run not registered paces alone. */
const JOIN_WAIT_MS = 5_000;
/** How long leaving waits for the lock: an entry left behind expires by itself. */
const LEAVE_WAIT_MS = 1_000;

export class SharedPace implements RateGate {
  private readonly id = randomBytes(6).toString('hex');
  private readonly bucket: TokenBucket;
  private refreshedAt = -Infinity;
  /** True while the list of runs in the cache holds this run (the cache said it kept it). */
  private registered = false;

  constructor(
    private readonly z: ZObject,
    private readonly rate: SharedRate,
    private readonly clock: Clock,
  ) {
    this.bucket = new TokenBucket(rate.ratePerSecond, rate.burst, clock);
  }

  /** Registers this run; call `leave` when it ends. */
  async join(): Promise<void> {
    this.registered = await this.update(
      (runs) => [
        ...runs.filter(([id]) => id !== this.id),
        [this.id, this.clock.now() + RUN_TTL_SECONDS * 1000],
      ],
      JOIN_WAIT_MS,
    );
    if (this.registered) await this.refresh();
    else this.alone();
  }

  async leave(): Promise<void> {
    if (!this.registered) return;
    this.registered = false;
    await this.update((runs) => runs.filter(([id]) => id !== this.id), LEAVE_WAIT_MS);
  }

  async take(deadline?: number): Promise<boolean> {
    if (this.registered && this.clock.now() - this.refreshedAt >= REFRESH_MS) await this.refresh();
    return this.bucket.take(deadline);
  }

  /** Runs active now, this one included. */
  private async refresh(): Promise<void> {
    this.refreshedAt = this.clock.now();
    const read = await cacheGet(this.z, keyOf(this.rate, 'runs'));
    if (read.status === 'failed') {
      // Out of reach: the one rule. Merely slow: keep the share of the last look.
      if (!read.late) this.alone();
      return;
    }
    const others = liveRuns(read.value, this.clock.now()).filter(([id]) => id !== this.id).length;
    this.bucket.setRate(this.rate.ratePerSecond / (others + 1));
  }

  /** The rule for a run the cache does not share: the network's own rate, logged once. */
  private alone(): void {
    this.registered = false;
    this.bucket.setRate(this.rate.ratePerSecond);
    runOf(this.z).logOnce(
      `Zapier's cache could not register this run with the other Zaps using this ` +
        `${this.rate.network} key, so its pace is not shared with them: it keeps to ` +
        `${this.rate.network}'s rate on its own.`,
    );
  }

  /** Changes the list of runs under its lock: true only when the cache kept the new list. */
  private async update(change: (runs: RunEntry[]) => RunEntry[], waitMs: number): Promise<boolean> {
    const key = keyOf(this.rate, 'runs');
    const locked = await withCacheLock(
      this.z,
      keyOf(this.rate, 'runs-lock'),
      async (lease) => {
        const read = await lease.read(this.z, key);
        if (read.status === 'failed' || !lease.roomFor(1)) return false;
        const runs = liveRuns(read.value, this.clock.now());
        const write = await cacheSet(this.z, key, change(runs), RUN_TTL_SECONDS);
        // Unanswered, the write may still land: the lock stays until it expires.
        if (write.status === 'failed' && write.late) lease.keepUntilExpiry();
        return write.status === 'done' && !lease.overran;
      },
      { waitMs },
    );
    return locked.status === 'done' && locked.value;
  }
}
