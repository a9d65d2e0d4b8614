import fc from 'fast-check';
import { type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import {
  cacheDelete,
  cacheGet,
  cacheSet,
  cacheSetIfAbsent,
  hashedCacheKey,
  MAX_CACHED_CHARACTERS,
  readThrough,
} from '../../src/core/cache';
import { fakeCache, inRunOn, testClock, zWith, type Fault } from './fakeCache';

/** A run's z with a cache that keeps values (or, with `broken`, one that refuses every call). */
function run(broken = false) {
  const entries = new Map<string, { value: unknown; ttl: number }>();
  const logs: string[] = [];
  const refuse = async (): Promise<never> => {
    throw new Error('no shared cache here');
  };
  const z = {
    cache: {
      get: broken ? refuse : async (key: string) => entries.get(key)?.value ?? null,
      set: broken
        ? refuse
        : async (key: string, value: unknown, ttl: number) => {
            entries.set(key, { value, ttl });
            return true;
          },
    },
    console: { log: (line: string) => logs.push(line) },
  } as unknown as ZObject;
  return { z, entries, logs };
}

const listSchema = zod.array(zod.number());

describe('hashedCacheKey', () => {
  it('never writes out what it is made of, and tells different connections apart', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 8 }), fc.string({ minLength: 8 }), (token, other) => {
        const key = hashedCacheKey('awin:programmes:v1', ['https://api.awin.com', token]);
        expect(key).toMatch(/^awin:programmes:v1:[0-9a-f]{40}$/);
        expect(key).toBe(hashedCacheKey('awin:programmes:v1', ['https://api.awin.com', token]));
        if (token !== other) {
          expect(key).not.toBe(
            hashedCacheKey('awin:programmes:v1', ['https://api.awin.com', other]),
          );
        }
      }),
    );
  });
});

describe('readThrough', () => {
  it('loads once, keeps the answer for its time, and the next read comes from the cache', async () => {
    const { z, entries } = run();
    const load = jest.fn(async () => [1, 2, 3]);
    expect(await readThrough(z, 'k', 900, listSchema, load)).toEqual([1, 2, 3]);
    expect(await readThrough(z, 'k', 900, listSchema, load)).toEqual([1, 2, 3]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(entries.get('k')).toEqual({ value: [1, 2, 3], ttl: 900 });
  });

  it('reads again when what is cached no longer reads as the schema (an older shape)', async () => {
    const { z, entries } = run();
    entries.set('k', { value: { old: 'shape' }, ttl: 900 });
    expect(await readThrough(z, 'k', 900, listSchema, async () => [4])).toEqual([4]);
    expect(entries.get('k')?.value).toEqual([4]);
  });

  it('without a shared cache (a local run) it loads every time and says so only when asked', async () => {
    const { z, logs } = run(true);
    expect(await readThrough(z, 'k', 900, listSchema, async () => [5])).toEqual([5]);
    expect(logs).toEqual([]);
    expect(await readThrough(z, 'k', 900, listSchema, async () => [6], "Awin's answer")).toEqual([
      6,
    ]);
    expect(logs).toEqual([
      "Could not keep Awin's answer in Zapier's cache; the next run reads it again.",
    ]);
  });

  it('hands out a value too big to keep without keeping it', async () => {
    const { z, entries, logs } = run();
    const big = 'x'.repeat(MAX_CACHED_CHARACTERS + 1);
    const value = await readThrough(z, 'k', 900, zod.string(), async () => big, 'the list');
    expect(value).toBe(big);
    expect(entries.has('k')).toBe(false);
    expect(logs).toHaveLength(1);
  });

  it("passes the load's error on, and keeps nothing", async () => {
    const { z, entries } = run();
    const failing = async (): Promise<number[]> => {
      throw new Error('Awin is down');
    };
    await expect(readThrough(z, 'k', 900, listSchema, failing)).rejects.toThrow('Awin is down');
    expect(entries.size).toBe(0);
  });
});

describe('bounded cache calls', () => {
  const clock = testClock();

  it('tell done, refused and failed apart: only an explicit true is a kept write', async () => {
    const answers: Record<string, Fault> = { a: undefined, b: 'refuse', c: 'null', d: 'throw' };
    const shared = fakeCache(clock, (call) => answers[call.key]);
    const { z } = zWith(shared.cache);
    expect(await cacheSet(z, 'a', 1, 60)).toEqual({ status: 'done', value: true });
    expect(await cacheSet(z, 'b', 1, 60)).toEqual({ status: 'refused' });
    expect(await cacheSet(z, 'c', 1, 60)).toEqual({ status: 'refused' });
    expect(await cacheSet(z, 'd', 1, 60)).toEqual({ status: 'failed', late: false });
    expect(await cacheGet(z, 'a')).toEqual({ status: 'done', value: 1 });
    expect(await cacheGet(z, 'nothing-here')).toEqual({ status: 'done', value: null });
    expect(await cacheSetIfAbsent(z, 'a', 2, 60)).toEqual({ status: 'refused' });
    expect(await cacheDelete(z, 'a')).toEqual({ status: 'done', value: true });
    expect(await cacheDelete(z, 'a')).toEqual({ status: 'refused' });
  });

  it('stop waiting at their timeout: late, not failed outright', async () => {
    const shared = fakeCache(clock, () => 'hang');
    const { z } = zWith(shared.cache);
    expect(await cacheGet(z, 'k', { capMs: 20 })).toEqual({ status: 'failed', late: true });
  });

  it('never wait past the run’s deadline', async () => {
    const shared = fakeCache(clock, () => 'hang');
    const { z } = zWith(shared.cache);
    // A run with no time left: the call is not even waited for.
    const answer = await inRunOn(z, clock, () => cacheSet(z, 'k', 1, 60), 0);
    expect(answer).toEqual({ status: 'failed', late: true });
  });

  it('ask nothing more in a run that found the cache out of reach', async () => {
    const shared = fakeCache(clock, (call) => (call.key === 'first' ? 'throw' : undefined));
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, async () => {
      expect(await cacheGet(z, 'first')).toEqual({ status: 'failed', late: false });
      expect(await cacheSet(z, 'second', 1, 60)).toEqual({ status: 'failed', late: false });
    });
    expect(shared.calls.map((call) => call.key)).toEqual(['first']);
  });
});

describe('readThrough with a cache that refuses', () => {
  it.each([
    ['answers false', 'refuse' as const],
    ['answers null', 'null' as const],
  ])('does not call an answer kept when the write %s', async (_, fault) => {
    const shared = fakeCache(testClock(), (call) => (call.method === 'set' ? fault : undefined));
    const { z, logs } = zWith(shared.cache);
    const load = jest.fn(async () => [7]);
    expect(await readThrough(z, 'k', 900, listSchema, load, "Awin's answer")).toEqual([7]);
    expect(logs).toEqual([
      "Could not keep Awin's answer in Zapier's cache; the next run reads it again.",
    ]);
    expect(shared.keys()).toEqual([]);
    await readThrough(z, 'k', 900, listSchema, load);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('cacheSet', () => {
  it('a value too big to keep is refused without being sent', async () => {
    const set = jest.fn(async () => true);
    const z = { cache: { get: async () => null, set } } as unknown as ZObject;
    const answer = await cacheSet(z, 'k', 'x'.repeat(MAX_CACHED_CHARACTERS + 1), 60);
    expect(answer).toEqual({ status: 'refused' });
    expect(set).not.toHaveBeenCalled();
  });
});
