import { createHash } from 'node:crypto';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { AWIN_URL_ENV } from './client';

/**
 * Awin answers kept in Zapier's shared cache (z.cache) for a few minutes, so a Zap that runs once
 * per spreadsheet row does not spend one of the token's 20 calls a minute re-reading the same
 * list. The key is a hash of the token, the API address and what was asked: the token never
 * appears in it. Without a shared cache (a local run) every read goes to Awin.
 */

/** Values above this are not kept (Zapier's cache is for small values); the run still works. */
const MAX_CACHED_CHARACTERS = 2_000_000;

export function awinCacheKey(kind: string, bundle: Bundle, parts: unknown[]): string {
  const token = String(bundle.authData.awin_access_token ?? '').trim();
  const digest = createHash('sha256')
    .update(JSON.stringify([process.env[AWIN_URL_ENV] ?? '', token, ...parts]))
    .digest('hex')
    .slice(0, 40);
  return `awin:${kind}:v1:${digest}`;
}

/** The cached value when one is there and still reads as `schema`, else `load()` (then cached). */
export async function readThrough<T>(
  z: ZObject,
  key: string,
  ttlSeconds: number,
  schema: zod.ZodType<T>,
  load: () => Promise<T>,
): Promise<T> {
  try {
    const parsed = schema.safeParse(await z.cache.get(key));
    if (parsed.success) return parsed.data;
  } catch {
    // no shared cache here: read from Awin
  }
  const value = await load();
  if (JSON.stringify(value).length <= MAX_CACHED_CHARACTERS) {
    try {
      await z.cache.set(key, value, ttlSeconds);
    } catch {
      z.console.log("Could not keep Awin's answer in Zapier's cache; the next run reads it again.");
    }
  }
  return value;
}
