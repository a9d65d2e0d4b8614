import { randomBytes } from 'node:crypto';
import { type ZObject } from 'zapier-platform-core';

import {
  CACHE_CALL_MS,
  cacheDelete,
  cacheGet,
  cacheSet,
  cacheSetIfAbsent,
  type CacheRead,
  hashOf,
} from './cache';
import { withReason } from './errors';
import { runOf, type Run } from './run';
import { type Clock } from './rateLimit';

/**
 * A call budget shared by every Zap run that uses one credential, kept in Zapier's cache (z.cache).
 *
 * The budget is a ledger of reservations, one entry per run: when it reserved and how many calls.
 * A run reserves all the calls it needs before its first one, all or nothing, so a run that cannot
 * get them makes no call at all and is deferred with ThrottledError until enough of the window
 * frees, instead of spending calls the network would then refuse. Reading and writing the ledger is
 * guarded by a lock taken with the cache's atomic "set if absent": five cache round trips a run
 * (lock, read, write, and a release that reads the lock and deletes it), whatever the number of
 * calls.
 *
 * The ledger holds under faults (SPEC, "Shared state that holds under faults"):
 * - Only the run holding the lock releases it (it reads the lock and deletes it only when it still
 *   holds its own token), and only while it has time to before the lock's lifetime ends; otherwise
 *   the lock expires by itself.
 * - Every cache call waits at most CACHE_CALL_MS (core/cache), so lock, read and write end well
 *   inside the lock's lifetime, counted from before the lock was asked for. A lock request left
 *   unanswered may have landed: the lock is the run's when it then reads as its own token. A holder
 *   that finds its lifetime over before it writes takes the lock again (once); after it writes,
 *   its reservation counts as lost and the run is deferred.
 * - A reservation is made only when the cache answers that it kept the ledger: a refused write, or
 *   one the cache did not answer in time, defers the run; a write left unanswered keeps the lock
 *   until it expires, so no run reads the ledger before that write lands.
 *
 * The one rule when the cache cannot be reached (a call throws: the platform's cache is not there
 * or fails): the run goes on alone at the network's own limit, counting its own calls (at most
 * `limit` in this run; more is deferred), and logs once that the budget is not shared. The same
 * rule holds whichever call fails (lock, ledger read or write), and the shared pace follows it too
 * (core/sharedPace). A slow cache is not an absent one: a call that merely times out may still take
 * effect, and other runs may be counting through the cache, so a slow cache defers the run.
 */
export interface CallBudget {
  network: string;
  /** A name for the budget's owner that must not reveal it (the credential is hashed). */
  credential: string;
  limit: number;
  windowSeconds: number;
}

/** A run waits at most this long for other runs to finish their reservations (a burst of rows). */
const LOCK_WAIT_MS = 15_000;
/**
 * How long a run waits before asking for a taken lock again: longer as it stays taken (50 ms, then
 * half as long again each time, up to 400 ms), with a random part so waiting runs do not ask
 * together, and so that a burst of waiting runs does not slow down, with its own calls, the run
 * that holds the lock.
 */
function pauseBefore(attempt: number): number {
  const pause = Math.min(400, 50 * 1.5 ** (attempt - 1));
  return Math.round(pause * (0.5 + Math.random() / 2));
}
/** A bound on asking, whatever the clock says (a clock that stands still in a test). */
const MAX_LOCK_ATTEMPTS = 200;
/** A lock left by a run that died frees itself after this many seconds. */
const LOCK_TTL_SECONDS = 5;
/**
 * Work under a lock ends this long before the lock's lifetime does: a call sent in time still has
 * to reach the cache, whose clock may differ from the run's.
 */
const LOCK_MARGIN_MS = 1_000;
/** When Zapier retries a step the cache did not let reserve its calls. */
const RETRY_SECONDS = 10;

type Entry = [at: number, calls: number];

/** The budget's window in words: "minute", "hour", or "60 seconds" style for others. */
function windowName(budget: CallBudget): string {
  if (budget.windowSeconds === 60) return 'minute';
  if (budget.windowSeconds === 3600) return 'hour';
  return `${budget.windowSeconds} seconds`;
}

/** "a minute", "an hour", "per 90 seconds". */
function windowWords(budget: CallBudget): string {
  const name = windowName(budget);
  return name === 'minute' ? 'a minute' : name === 'hour' ? 'an hour' : `per ${name}`;
}

function keyOf(budget: CallBudget, part: string): string {
  const owner = hashOf(budget.credential, 24);
  return `budget:${budget.network.toLowerCase()}:${owner}:${part}`;
}

function readLedger(value: unknown, since: number): Entry[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (entry): entry is Entry =>
      Array.isArray(entry) &&
      typeof entry[0] === 'number' &&
      typeof entry[1] === 'number' &&
      entry[0] > since,
  );
}

function deferred(
  z: ZObject,
  budget: CallBudget,
  waitSeconds: number,
  why: string,
  code = 'shared_budget',
): Error {
  return withReason(
    new z.errors.ThrottledError(
      `${why} Zapier will retry this step in about ${waitSeconds} seconds.`,
      waitSeconds,
    ),
    { network: budget.network, kind: 'throttled', code, delaySeconds: waitSeconds },
  );
}

/** Seconds until enough reserved calls leave the window for `calls` more to fit. */
function secondsUntilRoom(ledger: Entry[], calls: number, budget: CallBudget, now: number): number {
  const window = budget.windowSeconds * 1000;
  let used = ledger.reduce((sum, [, count]) => sum + count, 0);
  for (const [at, count] of [...ledger].sort((a, b) => a[0] - b[0])) {
    if (used + calls <= budget.limit) break;
    used -= count;
    if (used + calls <= budget.limit) return Math.max(1, Math.ceil((at + window - now) / 1000) + 1);
  }
  return budget.windowSeconds + 1;
}

/** The time a lock holder has: its lifetime runs from before it asked for the lock. */
export class Lease {
  private kept = false;

  constructor(
    private readonly clock: Clock,
    private readonly since: number,
  ) {}

  /** True while `calls` more cache calls, each at its longest, would end inside the lifetime. */
  roomFor(calls: number): boolean {
    const ends = this.since + LOCK_TTL_SECONDS * 1000 - LOCK_MARGIN_MS;
    return this.clock.now() + calls * CACHE_CALL_MS <= ends;
  }

  /** True once the lifetime is over: what was done under the lock may not hold. */
  get overran(): boolean {
    return !this.roomFor(0);
  }

  /** Leaves the lock to expire by itself (a write sent under it may still land). */
  keepUntilExpiry(): void {
    this.kept = true;
  }

  /**
   * Reads `key` under the lock; an answer that does not come in time is asked for once more while
   * the lifetime has room for that read and a write after it (a read changes nothing).
   */
  async read(z: ZObject, key: string): Promise<CacheRead> {
    const read = await cacheGet(z, key);
    if (read.status === 'failed' && read.late && this.roomFor(2)) return cacheGet(z, key);
    return read;
  }

  /** True while the lock is this run's to release: not left to expire, its lifetime not over. */
  get releasable(): boolean {
    return !this.kept && this.roomFor(1);
  }
}

/** What came of asking for a lock: the work's value, or why it did not run. */
export type LockResult<T> =
  | { status: 'done'; value: T }
  /** Other runs held the lock for the whole wait. */
  | { status: 'busy' }
  /** The cache answers but keeps no lock (it refuses writes). */
  | { status: 'refused' }
  /** The cache threw (cannot be reached) or, with `late`, did not answer in time. */
  | { status: 'failed'; late: boolean };

/**
 * Reads the lock and deletes it only when it still holds this run's token, and only while the
 * delete is sent inside the lock's lifetime: a lock that may have expired in between is left to
 * expire, never deleted from under the run that took it since.
 */
async function release(z: ZObject, lockKey: string, token: string, lease: Lease): Promise<void> {
  const held = await cacheGet(z, lockKey);
  if (held.status === 'done' && held.value === token && !lease.overran) {
    await cacheDelete(z, lockKey);
  }
}

/**
 * Takes the lock with this run's `token`, waiting while other runs hold it, until `waitMs` or the
 * run's deadline, whichever comes first.
 */
async function acquire(
  z: ZObject,
  lockKey: string,
  token: string,
  waitMs: number,
): Promise<{ status: 'held'; lease: Lease } | Exclude<LockResult<never>, { status: 'done' }>> {
  const run = runOf(z);
  const { clock } = run;
  const waitUntil = run.deadline.within(waitMs);
  /** When the oldest unanswered request for the lock was sent: it may have landed since. */
  let unansweredSince: number | undefined;
  let refusals = 0;
  /** The lock was seen held by another run: refusals are that run's lock, not a refusing cache. */
  let contended = false;
  let refusedWhileFree = 0;
  for (let attempt = 1; ; attempt += 1) {
    const sentAt = clock.now();
    const locked = await cacheSetIfAbsent(z, lockKey, token, LOCK_TTL_SECONDS);
    if (locked.status === 'done') return { status: 'held', lease: new Lease(clock, sentAt) };
    if (locked.status === 'failed' && !locked.late) return locked;
    if (locked.status === 'failed') unansweredSince ??= sentAt;
    else refusals += 1;
    // Whose is the lock? Asked after a request left unanswered (if it landed, the lock is this
    // run's, from when it was sent), and after refusals until the lock is seen held: a lock that
    // reads as free yet refuses twice is a cache that refuses writes.
    if (locked.status === 'failed' || (refusals >= 2 && !contended)) {
      const held = await cacheGet(z, lockKey);
      if (held.status === 'failed') return held;
      if (held.value === token) {
        return { status: 'held', lease: new Lease(clock, unansweredSince ?? sentAt) };
      }
      if (held.value !== null) contended = true;
      else if (locked.status === 'refused' && ++refusedWhileFree >= 2) return { status: 'refused' };
    }
    await clock.sleep(Math.min(pauseBefore(attempt), waitUntil.remainingMs()));
    if (waitUntil.expired || attempt >= MAX_LOCK_ATTEMPTS) {
      // Still unanswered at the end: a slow cache rather than a busy one.
      return locked.status === 'failed' ? locked : { status: 'busy' };
    }
  }
}

/**
 * Runs `work` while holding a lock in z.cache (atomic set-if-absent, with this run's own token), so
 * read-modify-write of a shared cache value cannot interleave between runs. The wait for the lock
 * ends at `waitMs` (LOCK_WAIT_MS) or the run's deadline, whichever comes first. `work` is handed the
 * lease: it checks there is room for its calls before making them, and whether it overran.
 */
export async function withCacheLock<T>(
  z: ZObject,
  lockKey: string,
  work: (lease: Lease) => Promise<T>,
  options: { waitMs?: number } = {},
): Promise<LockResult<T>> {
  const token = randomBytes(6).toString('hex');
  const acquired = await acquire(z, lockKey, token, options.waitMs ?? LOCK_WAIT_MS);
  if (acquired.status !== 'held') return acquired;
  const { lease } = acquired;
  try {
    return { status: 'done', value: await work(lease) };
  } finally {
    if (lease.releasable) await release(z, lockKey, token, lease);
  }
}

/** What came of one try at a shared reservation. */
type Outcome =
  | { kind: 'reserved' }
  | { kind: 'full'; waitSeconds: number }
  | { kind: 'busy' }
  /** Not kept: the cache refused the write, or did not answer in time. */
  | { kind: 'not_kept' }
  /** The lock's lifetime was over before the write; nothing was written. */
  | { kind: 'overran' }
  | { kind: 'unreachable' };

function failedOutcome(failed: { late: boolean }): Outcome {
  return failed.late ? { kind: 'not_kept' } : { kind: 'unreachable' };
}

async function reserveShared(z: ZObject, budget: CallBudget, calls: number): Promise<Outcome> {
  const ledgerKey = keyOf(budget, 'ledger');
  const { clock } = runOf(z);
  const locked = await withCacheLock(z, keyOf(budget, 'lock'), async (lease): Promise<Outcome> => {
    const read = await lease.read(z, ledgerKey);
    if (read.status === 'failed') return failedOutcome(read);
    const at = clock.now();
    const ledger = readLedger(read.value, at - budget.windowSeconds * 1000);
    const used = ledger.reduce((sum, [, count]) => sum + count, 0);
    if (used + calls > budget.limit) {
      return { kind: 'full', waitSeconds: secondsUntilRoom(ledger, calls, budget, at) };
    }
    if (!lease.roomFor(1)) return { kind: 'overran' };
    // One second more than the window, so an entry never leaves before the network forgets it.
    const write = await cacheSet(z, ledgerKey, [...ledger, [at, calls]], budget.windowSeconds + 1);
    if (write.status === 'failed') {
      if (!write.late) return { kind: 'unreachable' };
      lease.keepUntilExpiry(); // the write may still land: no run reads the ledger before it does
      return { kind: 'not_kept' };
    }
    if (write.status === 'refused') return { kind: 'not_kept' };
    // Kept, but past the lock's lifetime another run may have read the ledger without it.
    return lease.overran ? { kind: 'not_kept' } : { kind: 'reserved' };
  });
  if (locked.status === 'done') return locked.value;
  if (locked.status === 'busy') return { kind: 'busy' };
  if (locked.status === 'refused') return { kind: 'not_kept' };
  return failedOutcome(locked);
}

/** Calls each run counted on its own, per budget, once the cache could not be reached. */
const counted = new WeakMap<Run, Map<string, number>>();

/** The rule without the cache: this run alone, at most `limit` calls, logged once. */
function reserveAlone(z: ZObject, budget: CallBudget, calls: number): void {
  const run = runOf(z);
  run.logOnce(
    `Zapier's cache could not be reached, so this run's ${budget.network} calls are not shared ` +
      `with other Zaps: it makes at most ${budget.limit} on its own, ${budget.network}'s limit.`,
  );
  const runCounts = counted.get(run) ?? new Map<string, number>();
  counted.set(run, runCounts);
  const key = keyOf(budget, 'ledger');
  const used = runCounts.get(key) ?? 0;
  if (used + calls > budget.limit) {
    throw deferred(
      z,
      budget,
      budget.windowSeconds + 1,
      `Zapier's cache could not be reached, so this step counts its own ${budget.network} calls: ` +
        `it may make ${budget.limit} ${windowWords(budget)} on its own, and needs ${calls} more.`,
      'run_budget',
    );
  }
  runCounts.set(key, used + calls);
}

/**
 * Reserves `calls` calls of the budget for this run, all or nothing, before any of them is made.
 * Throws ThrottledError (with the time until the window has room) when they do not fit, when other
 * runs hold the budget for long, or when the cache does not keep the reservation.
 */
export async function reserveCalls(z: ZObject, budget: CallBudget, calls: number): Promise<void> {
  runOf(z).checkTime("Zapier's cache", budget.network);
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await reserveShared(z, budget, calls);
    switch (outcome.kind) {
      case 'reserved':
        return;
      case 'unreachable':
        return reserveAlone(z, budget, calls);
      case 'full':
        throw deferred(
          z,
          budget,
          outcome.waitSeconds,
          `Your ${budget.network} connection has used its ${budget.limit} API calls for this ${windowName(budget)}, ` +
            `shared by all Zaps that use it, and this step needs ${calls} more.`,
        );
      case 'busy':
        throw deferred(
          z,
          budget,
          LOCK_TTL_SECONDS,
          `Other Zaps are using your ${budget.network} connection right now.`,
        );
      case 'overran':
        // Nothing was written: take the lock once more; twice out of time is a cache too slow.
        if (attempt === 1) continue;
        throw notKept(z, budget);
      case 'not_kept':
        throw notKept(z, budget);
    }
  }
}

function notKept(z: ZObject, budget: CallBudget): Error {
  return deferred(
    z,
    budget,
    RETRY_SECONDS,
    `Zapier's cache, which shares your ${budget.network} connection's ${budget.limit} API calls ` +
      `${windowWords(budget)} between Zaps, did not keep this step's reservation (it refused it or answered too ` +
      `slowly), so this step stops here rather than risk ${budget.network} refusing its calls.`,
    'shared_budget_not_kept',
  );
}

/** Reserves one call (an action that makes a single call). */
export function spendCall(z: ZObject, budget: CallBudget): Promise<void> {
  return reserveCalls(z, budget, 1);
}

/** What a network said about a credential's calls, for `correctCalls`. */
export interface NetworkCount {
  /** Calls left in the network's window (e.g. Impact's `X-RateLimit-Remaining`). */
  remaining: number;
  /** Seconds until the network's window frees them (e.g. `X-RateLimit-Reset`). */
  resetSeconds?: number;
  /** Calls the reporting run reserved and has not made yet: the network has not counted them. */
  unspent?: number;
}

/**
 * Brings the ledger up to what the network itself says (e.g. Impact's `X-RateLimit-Remaining`),
 * so calls made outside these runs (another app, the network's own website) count too: the ledger
 * must hold at least the calls the network counted plus the reporting run's calls still to come.
 * Only ever adds: other runs' reservations not yet made are invisible to the network, so a count
 * above the network's is kept. `resetSeconds` dates the added entry so it leaves the ledger when
 * the network forgets those calls. Best effort: a busy lock or an unreachable cache leaves the
 * ledger as it is.
 */
export async function correctCalls(
  z: ZObject,
  budget: CallBudget,
  said: NetworkCount,
): Promise<void> {
  const ledgerKey = keyOf(budget, 'ledger');
  const windowMs = budget.windowSeconds * 1000;
  const { clock } = runOf(z);
  // Best effort, under the same holder-checked lock and bounded calls as a reservation: a busy
  // lock, a refusing or unreachable cache leaves the ledger as it is (a later answer corrects it).
  await withCacheLock(z, keyOf(budget, 'lock'), async (lease) => {
    const read = await lease.read(z, ledgerKey);
    if (read.status === 'failed') return;
    const at = clock.now();
    const ledger = readLedger(read.value, at - windowMs);
    const used = ledger.reduce((sum, [, count]) => sum + count, 0);
    const counted = budget.limit - Math.max(0, said.remaining);
    const missing = counted + Math.max(0, said.unspent ?? 0) - used;
    if (missing <= 0 || !lease.roomFor(1)) return;
    const freesInMs =
      said.resetSeconds === undefined ? windowMs : Math.min(windowMs, said.resetSeconds * 1000);
    const dated = Math.min(at, at - windowMs + Math.max(1000, freesInMs));
    const write = await cacheSet(
      z,
      ledgerKey,
      [...ledger, [dated, missing]],
      budget.windowSeconds + 1,
    );
    if (write.status === 'failed' && write.late) lease.keepUntilExpiry();
  });
}
