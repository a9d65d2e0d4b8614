import { type ZObject, errors } from 'zapier-platform-core';

import { reserveCalls, spendCall, type CallBudget } from '../../src/core/rateBudget';

/** Zapier's cache as the platform runs it: values with a time to live, and atomic set-if-absent. */
function sharedCache(clock: { now: number }) {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const calls = { count: 0 };
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry && entry.expiresAt > clock.now ? entry : undefined;
  };
  return {
    keys: () => [...entries.keys()],
    calls,
    cache: {
      get: async (key: string) => {
        calls.count += 1;
        return live(key)?.value ?? null;
      },
      set: async (key: string, value: unknown, ttl?: number, _scope?: string[], nx?: boolean) => {
        calls.count += 1;
        if (nx && live(key)) return false;
        entries.set(key, { value, expiresAt: clock.now + (ttl ?? 3600) * 1000 });
        return true;
      },
      delete: async (key: string) => {
        calls.count += 1;
        return entries.delete(key);
      },
    },
  };
}

const runOf = (cache: ReturnType<typeof sharedCache>['cache']) =>
  ({ cache, errors }) as unknown as ZObject;

describe('the shared Awin call budget', () => {
  const clock = { now: 1_000_000 };
  const budget = (): CallBudget => ({
    network: 'Awin',
    credential: 'secret-token-123',
    limit: 20,
    windowSeconds: 60,
    now: () => clock.now,
  });

  it('lets two concurrent runs share 20 calls a minute, then throttles until the oldest call ages out', async () => {
    const shared = sharedCache(clock);
    const [runA, runB] = [runOf(shared.cache), runOf(shared.cache)];
    const attempts = Array.from({ length: 30 }, (_, i) => spendCall(i % 2 ? runA : runB, budget()));
    const outcomes = await Promise.allSettled(attempts);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
    const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(refused).toHaveLength(10);
    expect(refused[0].reason.name).toBe('ThrottledError');
    expect(JSON.parse(refused[0].reason.message)).toEqual({
      message:
        'Your Awin connection has used its 20 API calls for this minute, shared by all Zaps that use it, ' +
        'and this step needs 1 more. Zapier will retry this step in about 61 seconds.',
      delay: 61,
    });

    clock.now += 30_000;
    await expect(spendCall(runA, budget())).rejects.toMatchObject({ name: 'ThrottledError' });
    clock.now += 31_001;
    await expect(spendCall(runB, budget())).resolves.toBeUndefined();
  });

  it('never writes the credential into a cache key', async () => {
    const shared = sharedCache(clock);
    await spendCall(runOf(shared.cache), budget());
    expect(shared.keys().join(' ')).not.toContain('secret-token-123');
    expect(shared.keys()).toEqual([expect.stringMatching(/^budget:awin:[0-9a-f]{24}:ledger$/)]);
  });

  it('reserves a run’s calls all or nothing: two runs of 10 go ahead, a third makes no reservation at all', async () => {
    const shared = sharedCache(clock);
    const runs = [1, 2, 3].map(() => runOf(shared.cache));
    const outcomes = await Promise.allSettled(runs.map((run) => reserveCalls(run, budget(), 10)));
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(JSON.parse(refused!.reason.message).message).toContain('this step needs 10 more');
    // Nothing of the refused run stays reserved: one call still does not fit, 20 are taken.
    await expect(spendCall(runs[0], budget())).rejects.toMatchObject({ name: 'ThrottledError' });
  });

  it('costs four cache round trips a run, however many calls it reserves', async () => {
    const shared = sharedCache(clock);
    await reserveCalls(runOf(shared.cache), budget(), 10);
    expect(shared.calls.count).toBe(4);
  });

  it('counts only an explicit "stored" as holding the lock: a cache that answers null defers the run', async () => {
    const vague = {
      get: async () => null,
      set: async () => null,
      delete: async () => false,
    };
    const quick = { ...budget(), sleep: async () => undefined };
    await expect(reserveCalls(runOf(vague as never), quick, 1)).rejects.toMatchObject({
      name: 'ThrottledError',
    });
  });

  it('goes ahead when no shared cache is available', async () => {
    const broken = {
      get: async () => {
        throw new Error('rpc is not available');
      },
      set: async () => {
        throw new Error('rpc is not available');
      },
      delete: async () => false,
    };
    await expect(spendCall(runOf(broken), budget())).resolves.toBeUndefined();
  });
});
