import { type Bundle } from 'zapier-platform-core';
import { hashedCacheKey } from '../core/cache';

import { AWIN_URL_ENV } from './client';

/**
 * Awin answers kept in Zapier's shared cache (z.cache) for a few minutes, so a Zap that runs once
 * per spreadsheet row does not spend one of the token's 20 calls a minute re-reading the same
 * list. The key is a hash of the token, the API address and what was asked: the token never
 * appears in it. Without a shared cache (a local run) every read goes to Awin.
 */

export function awinCacheKey(kind: string, bundle: Bundle, parts: unknown[]): string {
  const token = String(bundle.authData.awin_access_token ?? '').trim();
  return hashedCacheKey(`awin:${kind}:v1`, [process.env[AWIN_URL_ENV] ?? '', token, ...parts]);
}
