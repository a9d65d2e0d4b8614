import { createHash } from 'node:crypto';
import { type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';

/**
 * Answers kept in Zapier's shared cache (z.cache) for a few minutes, so Zaps that run once per row
 * do not ask a network the same thing again. Without a shared cache (a local run) every read goes
 * to the network and the run still works.
 */

/** Values above this are not kept (Zapier's cache is for small values); the run still works. */
export const MAX_CACHED_CHARACTERS = 2_000_000;

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
  try {
    const parsed = schema.safeParse(await z.cache.get(key));
    if (parsed.success) return parsed.data;
  } catch {
    // No shared cache here (a local run): read from the network.
  }
  const value = await load();
  let kept = false;
  if (JSON.stringify(value).length <= MAX_CACHED_CHARACTERS) {
    try {
      await z.cache.set(key, value, ttlSeconds);
      kept = true;
    } catch {
      // Not kept: the next run reads it again.
    }
  }
  if (!kept && what !== undefined) {
    z.console.log(`Could not keep ${what} in Zapier's cache; the next run reads it again.`);
  }
  return value;
}
