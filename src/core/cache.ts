import { createHash } from 'node:crypto';
import { type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';

import { runOf, type Run } from './run';

/**
 * Zapier's shared cache (z.cache), asked only through bounded calls, and answers kept in it for a
 * few minutes, so Zaps that run once per row do not ask a network the same thing again. Without a
 * shared cache (a local run) every read goes to the network and the run still works.
 *
 * Every call waits at most CACHE_CALL_MS and never past the run's deadline: the platform's cache
 * client retries a failed call three times and has no timeout of its own. Each call answers one of
 * three things, kept apart because they mean different things to a caller:
 * - `done`: the cache did it (a get read a value or found none; a write was kept);
 * - `refused`: the cache answered but did not do it (a write answered `false` or `null`: the key was
 *   taken, or Zapier refused the write past the app's cache limits);
 * - `failed`: no answer: the call threw (the cache cannot be reached) or was still unanswered at its
 *   timeout (`late`: the cache is slow, and the call may still take effect after it).
 */

/** The longest one z.cache round trip may take: well inside a lock's lifetime (core/rateBudget). */
export const CACHE_CALL_MS = 1_000;

/** Values above this are not kept (Zapier's cache is for small values); the run still works. */
export const MAX_CACHED_CHARACTERS = 2_000_000;

export type CacheAnswer<T> =
  { status: 'done'; value: T } | { status: 'refused' } | { status: 'failed'; late: boolean };

/** A read is done or failed: the cache has nothing to refuse. */
export type CacheRead = Exclude<CacheAnswer<unknown>, { status: 'refused' }>;

export interface CacheCallOptions {
  /** The longest this call may wait; CACHE_CALL_MS unless said, never past the run's deadline. */
  capMs?: number;
}

/** What a call still unanswered at its timeout rejects with, told apart from a call that threw. */
class CacheLate extends Error {}

/**
 * Runs that found Zapier's cache out of reach (a call threw): such a run asks it nothing more, since
 * every later call would spend the platform's three retries again, and each shared limit follows
 * its rule for a run without the cache (core/rateBudget) for the rest of the run.
 */
const unreachable = new WeakSet<Run>();

type Asked<T> = { answered: true; value: T } | { answered: false; late: boolean };

async function ask<T>(
  z: ZObject,
  call: () => Promise<T>,
  options: CacheCallOptions,
): Promise<Asked<T>> {
  const run = runOf(z);
  if (unreachable.has(run)) return { answered: false, late: false };
  try {
    // Started inside a promise: a cache that is not there at all throws here, not at the caller.
    const value = await run.bounded(Promise.resolve().then(call), "Zapier's cache", {
      capMs: options.capMs ?? CACHE_CALL_MS,
      late: () => new CacheLate(),
    });
    return { answered: true, value };
  } catch (error) {
    const late = error instanceof CacheLate;
    if (!late) unreachable.add(run);
    return { answered: false, late };
  }
}

/** Reads `key`: done with its value, or with `null` when nothing is kept under it. */
export async function cacheGet(
  z: ZObject,
  key: string,
  options: CacheCallOptions = {},
): Promise<CacheRead> {
  const answer = await ask(z, () => z.cache.get(key), options);
  if (!answer.answered) return { status: 'failed', late: answer.late };
  return { status: 'done', value: answer.value ?? null };
}

/** A write is done only when the cache answers `true`: `false` or `null` keep nothing. */
function written(answer: Asked<unknown>): CacheAnswer<true> {
  if (!answer.answered) return { status: 'failed', late: answer.late };
  return answer.value === true ? { status: 'done', value: true } : { status: 'refused' };
}

/** Keeps `value` under `key` for `ttlSeconds`. */
export async function cacheSet(
  z: ZObject,
  key: string,
  value: unknown,
  ttlSeconds: number,
  options: CacheCallOptions = {},
): Promise<CacheAnswer<true>> {
  // Zapier's cache is for small values: one too big to keep is refused here, never sent.
  if (JSON.stringify(value).length > MAX_CACHED_CHARACTERS) return { status: 'refused' };
  return written(await ask(z, () => z.cache.set(key, value, ttlSeconds), options));
}

/**
 * Keeps `value` under `key` only when nothing is kept there (the cache's atomic "set if absent"):
 * refused when the key is taken, or when the cache refuses the write.
 */
export async function cacheSetIfAbsent(
  z: ZObject,
  key: string,
  value: unknown,
  ttlSeconds: number,
  options: CacheCallOptions = {},
): Promise<CacheAnswer<true>> {
  return written(await ask(z, () => z.cache.set(key, value, ttlSeconds, undefined, true), options));
}

/** Deletes `key`: refused when nothing was there to delete. */
export async function cacheDelete(
  z: ZObject,
  key: string,
  options: CacheCallOptions = {},
): Promise<CacheAnswer<true>> {
  return written(await ask(z, () => z.cache.delete(key), options));
}

/**
 * A z.cache key: `prefix:` and a hash of `parts` (a connection's credentials, its API address, what
 * was asked). The credentials themselves never appear in the key.
 */
export function hashedCacheKey(prefix: string, parts: readonly unknown[]): string {
  return `${prefix}:${hashOf(JSON.stringify(parts), 40)}`;
}

/** The first `length` hex digits of the SHA-256 of `text`: stands for a credential in a key. */
export function hashOf(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * The cached value when one is there and still reads as `schema`, else `load()`, then kept for
 * `ttlSeconds`. A value that cannot be kept (too big, or the cache refused it) is still returned,
 * and the log says so when `what` names it ("Awin's answer"); an error of `load()` is the caller's.
 */
export async function readThrough<T>(
  z: ZObject,
  key: string,
  ttlSeconds: number,
  schema: zod.ZodType<T>,
  load: () => Promise<T>,
  what?: string,
): Promise<T> {
  const cached = await cacheGet(z, key);
  if (cached.status === 'done') {
    const parsed = schema.safeParse(cached.value);
    if (parsed.success) return parsed.data;
  }
  // Not there, no longer in its shape, or no cache to ask (a local run): read from the network.
  const value = await load();
  // Kept only when the cache says so: a refused or unanswered write is not kept.
  const kept = (await cacheSet(z, key, value, ttlSeconds)).status === 'done';
  if (!kept && what !== undefined) {
    z.console.log(`Could not keep ${what} in Zapier's cache; the next run reads it again.`);
  }
  return value;
}
