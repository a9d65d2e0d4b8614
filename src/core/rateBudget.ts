import { randomBytes } from 'node:crypto';
import { hashOf } from './cache';
import { type ZObject } from 'zapier-platform-core';

import { withReason } from './errors';

/**
 * A call budget shared by every Zap run that uses one credential, kept in Zapier's cache (z.cache).
 *
 * The budget is a ledger of reservations, one entry per run: when it reserved and how many calls.
 * A run reserves all the calls it needs before its first one, all or nothing, so a run that cannot
 * get them makes no call at all and is deferred with ThrottledError until enough of the window
 * frees, instead of spending calls the network would then refuse. Reading and writing the ledger is
 * guarded by a lock taken with the cache's atomic "set if absent": four cache round trips a run
 * (lock, read, write, unlock), whatever the number of calls.
 */
export interface CallBudget {
  network: string;
  /** A name for the budget's owner that must not reveal it (the credential is hashed). */
  credential: string;
  limit: number;
  windowSeconds: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A run waits at most this long for other runs to finish their reservations (a burst of rows). */
const LOCK_WAIT_MS = 10_000;
/** A lock left by a run that died frees itself after this many seconds. */
const LOCK_TTL_SECONDS = 5;

type Entry = [at: number, calls: number];

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

function deferred(z: ZObject, budget: CallBudget, waitSeconds: number, why: string): Error {
  return withReason(
    new z.errors.ThrottledError(
      `${why} Zapier will retry this step in about ${waitSeconds} seconds.`,
      waitSeconds,
    ),
    { network: budget.network, kind: 'throttled', code: 'shared_budget' },
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

/**
 * Runs `work` while holding a lock in z.cache (atomic set-if-absent), so read-modify-write of a
 * shared cache value cannot interleave between runs. Returns undefined, without running `work`,
 * when the cache is not available (a local run). Throws `busy()` when another run holds the lock
 * for longer than LOCK_WAIT_MS.
 */
export async function withCacheLock<T>(
  z: ZObject,
  lockKey: string,
  work: () => Promise<T>,
  busy: () => Error,
  clock: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
): Promise<T | undefined> {
  const now = clock.now ?? Date.now;
  const sleep = clock.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  const token = randomBytes(6).toString('hex');
  const started = now();
  for (let attempt = 1; ; attempt += 1) {
    let locked: boolean | null;
    try {
      locked = await z.cache.set(lockKey, token, LOCK_TTL_SECONDS, undefined, true);
    } catch {
      return undefined; // no shared cache here: a local run without Zapier's services
    }
    // Only an explicit "stored" counts: a null answer is not a lock this run holds.
    if (locked === true) break;
    if (now() - started > LOCK_WAIT_MS || attempt >= LOCK_WAIT_MS / 20) throw busy();
    await sleep(20 + Math.floor(Math.random() * 40));
  }
  try {
    return await work();
  } finally {
    await z.cache.delete(lockKey).catch(() => false);
  }
}

/**
 * Reserves `calls` calls of the budget for this run, all or nothing, before any of them is made.
 * Throws ThrottledError (with the time until the window has room) when they do not fit.
 */
export async function reserveCalls(z: ZObject, budget: CallBudget, calls: number): Promise<void> {
  const now = budget.now ?? Date.now;
  const ledgerKey = keyOf(budget, 'ledger');
  const busy = () =>
    deferred(
      z,
      budget,
      LOCK_TTL_SECONDS,
      `Other Zaps are using your ${budget.network} connection right now.`,
    );
  await withCacheLock(
    z,
    keyOf(budget, 'lock'),
    async () => {
      const at = now();
      const ledger = readLedger(await z.cache.get(ledgerKey), at - budget.windowSeconds * 1000);
      const used = ledger.reduce((sum, [, count]) => sum + count, 0);
      if (used + calls > budget.limit) {
        throw deferred(
          z,
          budget,
          secondsUntilRoom(ledger, calls, budget, at),
          `Your ${budget.network} connection has used its ${budget.limit} API calls for this minute, ` +
            `shared by all Zaps that use it, and this step needs ${calls} more.`,
        );
      }
      // One second more than the window, so an entry never leaves before the network forgets it.
      await z.cache.set(ledgerKey, [...ledger, [at, calls]], budget.windowSeconds + 1);
    },
    busy,
    budget,
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
  const now = budget.now ?? Date.now;
  const ledgerKey = keyOf(budget, 'ledger');
  const windowMs = budget.windowSeconds * 1000;
  try {
    await withCacheLock(
      z,
      keyOf(budget, 'lock'),
      async () => {
        const at = now();
        const ledger = readLedger(await z.cache.get(ledgerKey), at - windowMs);
        const used = ledger.reduce((sum, [, count]) => sum + count, 0);
        const counted = budget.limit - Math.max(0, said.remaining);
        const missing = counted + Math.max(0, said.unspent ?? 0) - used;
        if (missing <= 0) return;
        const freesInMs =
          said.resetSeconds === undefined ? windowMs : Math.min(windowMs, said.resetSeconds * 1000);
        const dated = Math.min(at, at - windowMs + Math.max(1000, freesInMs));
        await z.cache.set(ledgerKey, [...ledger, [dated, missing]], budget.windowSeconds + 1);
      },
      () => new Error('busy'),
      budget,
    );
  } catch {
    // Another run holds the lock, or the cache failed: a later answer corrects the count instead.
  }
}
