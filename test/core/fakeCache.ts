import { errors, type Bundle, type ZObject } from 'zapier-platform-core';

import { Run, withinRun } from '../../src/core/run';
import { type Clock } from '../../src/core/rateLimit';

/**
 * Zapier's cache as the platform runs it (values with a time to live, atomic set-if-absent), on a
 * clock the test moves, with a script that can make any call refuse, throw or never answer.
 */

type CacheMethod = 'get' | 'set' | 'delete';

export interface CacheCall {
  method: CacheMethod;
  key: string;
  nx: boolean;
}

/**
 * What the script makes of one call: nothing (the cache does it), `refuse` (a write answers false
 * and keeps nothing), `null` (the answer is null), `throw` (the cache cannot be reached) or `hang`
 * (no answer ever comes), or `unanswered` (the cache does it, but the answer never comes). The
 * script may also change the cache or the clock before answering.
 */
export type Fault = undefined | 'refuse' | 'null' | 'throw' | 'hang' | 'unanswered';

/** A clock the test moves by hand; waiting for a lock takes a real moment and no clock time. */
export function testClock(start = 1_000_000): Clock & { at: number } {
  const clock = {
    at: start,
    now: () => clock.at,
    sleep: () => new Promise<void>((resolve) => setImmediate(resolve)),
  };
  return clock;
}

export function fakeCache(
  clock: { now(): number },
  script: (call: CacheCall) => Fault = () => undefined,
) {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const calls: CacheCall[] = [];
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry && entry.expiresAt > clock.now() ? entry : undefined;
  };
  const answer = async <T>(call: CacheCall, done: () => T): Promise<T | boolean | null> => {
    calls.push(call);
    const fault = script(call);
    if (fault === 'throw')
      throw new Error('RPC request failed after 3 attempts: Unable to reach the RPC server');
    if (fault === 'hang') return new Promise<never>(() => undefined);
    if (fault === 'null') return null;
    if (fault === 'refuse' && call.method !== 'get') return false;
    const result = done();
    if (fault === 'unanswered') return new Promise<never>(() => undefined);
    return result;
  };
  const cache = {
    get: (key: string) => answer({ method: 'get', key, nx: false }, () => live(key)?.value ?? null),
    set: (key: string, value: unknown, ttl?: number, _scope?: unknown, nx?: boolean) =>
      answer({ method: 'set', key, nx: nx === true }, () => {
        if (nx && live(key)) return false;
        entries.set(key, { value, expiresAt: clock.now() + (ttl ?? 3600) * 1000 });
        return true;
      }),
    delete: (key: string) =>
      answer({ method: 'delete', key, nx: false }, () => entries.delete(key)),
  };
  return {
    cache,
    calls,
    /** The value kept under `key` now, or undefined. */
    peek: (key: string) => live(key)?.value,
    put: (key: string, value: unknown, ttlSeconds: number) =>
      entries.set(key, { value, expiresAt: clock.now() + ttlSeconds * 1000 }),
    keys: () => [...entries.keys()].filter((key) => live(key)),
  };
}

/** A run's z with this cache, and the lines it logged. */
export function zWith(cache: ReturnType<typeof fakeCache>['cache']) {
  const logs: string[] = [];
  const z = {
    cache,
    errors,
    console: { log: (line: string) => logs.push(line) },
  } as unknown as ZObject;
  return { z, logs };
}

/** Runs `work` inside a run of its own on `clock` (the run's deadline and lock times read it). */
export function inRunOn<T>(z: ZObject, clock: Clock, work: () => T, limitMs?: number): T {
  const bundle = { inputData: {}, authData: {} } as unknown as Bundle;
  return withinRun(new Run(z, bundle, { clock, limitMs }), work);
}
