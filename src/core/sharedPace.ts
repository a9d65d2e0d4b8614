import { randomBytes } from 'node:crypto';
import { hashOf } from './cache';
import { type ZObject } from 'zapier-platform-core';
import { withCacheLock } from './rateBudget';
import { type Clock, type RateGate, TokenBucket } from './rateLimit';

/**
 * A network's documented request rate shared by every run of one credential, through z.cache.
 * Each run registers itself while it runs; about once a second it reads how many runs are active
 * and paces itself at its share of the rate, so two bulk runs on one key together stay under the
 * network's limit instead of both meeting 429s. Registering and leaving cost four cache round
 * trips each (under a lock); the once-a-second look costs one.
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

export class SharedPace implements RateGate {
  private readonly id = randomBytes(6).toString('hex');
  private readonly bucket: TokenBucket;
  private refreshedAt = -Infinity;
  /** False when z.cache is not there (a local run): the run keeps the whole rate to itself. */
  private shared = true;

  constructor(
    private readonly z: ZObject,
    private readonly rate: SharedRate,
    private readonly clock: Clock,
  ) {
    this.bucket = new TokenBucket(rate.ratePerSecond, rate.burst, clock);
  }

  /** Registers this run; call `leave` when it ends. */
  async join(): Promise<void> {
    await this.update((runs) => [
      ...runs.filter(([id]) => id !== this.id),
      [this.id, this.clock.now() + RUN_TTL_SECONDS * 1000],
    ]);
    await this.refresh();
  }

  async leave(): Promise<void> {
    if (this.shared)
      await this.update((runs) => runs.filter(([id]) => id !== this.id)).catch(() => undefined);
  }

  async take(deadline?: number): Promise<boolean> {
    if (this.shared && this.clock.now() - this.refreshedAt >= REFRESH_MS) await this.refresh();
    return this.bucket.take(deadline);
  }

  /** Runs active now, this one included. */
  private async refresh(): Promise<void> {
    this.refreshedAt = this.clock.now();
    let value: unknown;
    try {
      value = await this.z.cache.get(keyOf(this.rate, 'runs'));
    } catch {
      this.shared = false;
      return;
    }
    const others = liveRuns(value, this.clock.now()).filter(([id]) => id !== this.id).length;
    this.bucket.setRate(this.rate.ratePerSecond / (others + 1));
  }

  private async update(change: (runs: RunEntry[]) => RunEntry[]): Promise<void> {
    const key = keyOf(this.rate, 'runs');
    const done = await withCacheLock(
      this.z,
      keyOf(this.rate, 'runs-lock'),
      async () => {
        const runs = liveRuns(await this.z.cache.get(key), this.clock.now());
        await this.z.cache.set(key, change(runs), RUN_TTL_SECONDS);
        return true;
      },
      // Another run holds the lock for long: pace as if alone rather than fail the run.
      () => new Error('busy'),
      this.clock,
    ).catch(() => undefined);
    if (done === undefined) this.shared = false;
  }
}
