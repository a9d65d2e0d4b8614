import fc from 'fast-check';
import { hashOf } from '../../src/core/cache';
import { reasonOf } from '../../src/core/errors';
import { reserveCalls, spendCall, type CallBudget } from '../../src/core/rateBudget';
import { describeError, failure } from '../support/app';
import { fakeCache, inRunOn, testClock, zWith, type CacheCall } from './fakeCache';

const budget: CallBudget = {
  network: 'Awin',
  credential: 'secret-token-123',
  limit: 20,
  windowSeconds: 60,
};

const isLedger = (call: CacheCall) => call.key.endsWith(':ledger');
const isLock = (call: CacheCall) => call.key.endsWith(':lock');
const ledgerWrite = (call: CacheCall) => call.method === 'set' && isLedger(call);

/** A clock that moves on by what a run waits (for a lock to expire). */
function waitingClock() {
  const clock = testClock();
  return Object.assign(clock, { sleep: async (ms: number) => void (clock.at += ms) });
}

/** The reserved calls in the ledger the cache keeps now. */
function reserved(shared: ReturnType<typeof fakeCache>): number {
  const key = shared.keys().find((k) => k.endsWith(':ledger'));
  const ledger = (key ? shared.peek(key) : []) as [number, number][];
  return ledger.reduce((sum, [, calls]) => sum + calls, 0);
}

describe('the shared Awin call budget', () => {
  it('lets two concurrent runs share 20 calls a minute, then throttles until the oldest call ages out', async () => {
    const clock = testClock();
    const shared = fakeCache(clock);
    const [runA, runB] = [zWith(shared.cache).z, zWith(shared.cache).z];
    const spend = (z: typeof runA) => inRunOn(z, clock, () => spendCall(z, budget));
    const attempts = Array.from({ length: 30 }, (_, i) => spend(i % 2 ? runA : runB));
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

    clock.at += 30_000;
    await expect(spend(runA)).rejects.toMatchObject({ name: 'ThrottledError' });
    clock.at += 31_001;
    await expect(spend(runB)).resolves.toBeUndefined();
  });

  it('never writes the credential into a cache key, and leaves no lock behind', async () => {
    const clock = testClock();
    const shared = fakeCache(clock);
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => spendCall(z, budget));
    expect(shared.calls.map((call) => call.key).join(' ')).not.toContain('secret-token-123');
    expect(shared.keys()).toEqual([expect.stringMatching(/^budget:awin:[0-9a-f]{24}:ledger$/)]);
  });

  it('reserves a run’s calls all or nothing: two runs of 10 go ahead, a third makes no reservation at all', async () => {
    const clock = testClock();
    const shared = fakeCache(clock);
    const runs = [1, 2, 3].map(() => zWith(shared.cache).z);
    const outcomes = await Promise.allSettled(
      runs.map((z) => inRunOn(z, clock, () => reserveCalls(z, budget, 10))),
    );
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    const refused = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(JSON.parse(refused!.reason.message).message).toContain('this step needs 10 more');
    // Nothing of the refused run stays reserved: one call still does not fit, 20 are taken.
    expect(reserved(shared)).toBe(20);
  });

  it('costs five cache round trips a run (lock, read, write, and a release that checks the holder)', async () => {
    const clock = testClock();
    const shared = fakeCache(clock);
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => reserveCalls(z, budget, 10));
    expect(shared.calls.map((call) => `${call.method}${call.nx ? ' nx' : ''}`)).toEqual([
      'set nx',
      'get',
      'set',
      'get',
      'delete',
    ]);
  });
});

describe('the lock, held and released only by its holder', () => {
  it('does not delete a lock that is no longer its own', async () => {
    const clock = testClock();
    // While the run reads the ledger, another run's token takes the lock's place.
    const shared = fakeCache(clock, (call) => {
      if (call.method === 'get' && isLedger(call)) {
        const lockKey = call.key.replace(/ledger$/, 'lock');
        shared.put(lockKey, 'another-runs-token', 5);
      }
      return undefined;
    });
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => reserveCalls(z, budget, 3));
    const lockKey = shared.keys().find((key) => key.endsWith(':lock'));
    expect(lockKey).toBeDefined();
    expect(shared.peek(lockKey!)).toBe('another-runs-token');
    expect(shared.calls.filter((call) => call.method === 'delete')).toEqual([]);
  });

  it('takes the lock again, once, when its lifetime ran out before it wrote', async () => {
    const clock = waitingClock();
    let slowReads = 1;
    const shared = fakeCache(clock, (call) => {
      // The first ledger read takes 4.5 s of the lock's 5 s: no time is left to write under it.
      if (call.method === 'get' && isLedger(call) && slowReads-- > 0) clock.at += 4_500;
      return undefined;
    });
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => reserveCalls(z, budget, 4));
    expect(shared.calls.filter(ledgerWrite)).toHaveLength(1);
    expect(reserved(shared)).toBe(4);
    // The overrun lock is left to expire, never deleted late: only the second lock is released.
    expect(shared.calls.filter((call) => call.method === 'delete')).toHaveLength(1);
  });

  it('defers, writing nothing, when its lifetime runs out before the write twice', async () => {
    const clock = waitingClock();
    const shared = fakeCache(clock, (call) => {
      if (call.method === 'get' && isLedger(call)) clock.at += 4_500;
      return undefined;
    });
    const { z } = zWith(shared.cache);
    const error = await failure(inRunOn(z, clock, () => reserveCalls(z, budget, 4)));
    expect(error.name).toBe('ThrottledError');
    expect(reasonOf(error)).toMatchObject({ kind: 'throttled', code: 'shared_budget_not_kept' });
    expect(shared.calls.filter(ledgerWrite)).toEqual([]);
  });

  it('counts a reservation written after the lock’s lifetime as lost: deferred, the lock left to expire', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, (call) => {
      if (ledgerWrite(call)) clock.at += 5_000; // the write lands after the lock expired
      return undefined;
    });
    const { z } = zWith(shared.cache);
    const error = await failure(inRunOn(z, clock, () => reserveCalls(z, budget, 4)));
    expect(describeError(error)).toEqual({
      name: 'ThrottledError',
      message:
        "Zapier's cache, which shares your Awin connection's 20 API calls a minute between Zaps, did " +
        "not keep this step's reservation (it refused it or answered too slowly), so this step stops " +
        'here rather than risk Awin refusing its calls. Zapier will retry this step in about 10 seconds.',
      delay: 10,
    });
    expect(shared.calls.filter((call) => call.method === 'delete')).toEqual([]);
  });

  it('stops waiting for the lock when the run’s time runs out, before its own fifteen seconds', async () => {
    const clock = waitingClock();
    const shared = fakeCache(clock);
    shared.put(`budget:awin:${hashOf(budget.credential, 24)}:lock`, 'another-runs-token', 3600);
    const { z } = zWith(shared.cache);
    const started = clock.at;
    const error = await failure(inRunOn(z, clock, () => spendCall(z, budget), 3_000));
    expect(describeError(error)).toMatchObject({
      name: 'ThrottledError',
      message: expect.stringContaining('Other Zaps are using your Awin connection right now.'),
    });
    expect(clock.at - started).toBeLessThanOrEqual(3_000);
  });
});

describe('a cache that answers but does not keep', () => {
  it('defers every run when every ledger write is refused: three runs of 20, none allowed, nothing reserved', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, (call) => (ledgerWrite(call) ? 'refuse' : undefined));
    const runs = [1, 2, 3].map(() => zWith(shared.cache).z);
    const outcomes = await Promise.allSettled(
      runs.map((z) => inRunOn(z, clock, () => reserveCalls(z, budget, 20))),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
    for (const outcome of outcomes as PromiseRejectedResult[]) {
      expect(outcome.reason.name).toBe('ThrottledError');
      expect(reasonOf(outcome.reason)?.code).toBe('shared_budget_not_kept');
    }
    expect(reserved(shared)).toBe(0);
  });

  it('counts only an explicit "stored" as holding the lock: a cache that answers null defers the run at once', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, () => 'null');
    const { z } = zWith(shared.cache);
    const error = await failure(inRunOn(z, clock, () => reserveCalls(z, budget, 1)));
    expect(error.name).toBe('ThrottledError');
    expect(reasonOf(error)?.code).toBe('shared_budget_not_kept');
    // A lock that reads as free yet cannot be taken: no fifteen-second wait for a lock nobody holds.
    expect(shared.calls.length).toBeLessThan(10);
  });

  it('defers when the ledger write goes unanswered, and leaves the lock to expire (the write may still land)', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, (call) => (ledgerWrite(call) ? 'hang' : undefined));
    const { z } = zWith(shared.cache);
    const error = await failure(inRunOn(z, clock, () => reserveCalls(z, budget, 5)));
    expect(error.name).toBe('ThrottledError');
    expect(reasonOf(error)?.code).toBe('shared_budget_not_kept');
    expect(shared.calls.filter((call) => call.method === 'delete')).toEqual([]);
    expect(shared.keys().some((key) => key.endsWith(':lock'))).toBe(true);
  });

  it('goes on when its unanswered lock request landed after all: the lock reads as its own', async () => {
    const clock = testClock();
    let first = true;
    const shared = fakeCache(clock, (call) => {
      if (call.nx && first) {
        first = false;
        return 'unanswered';
      }
      return undefined;
    });
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => reserveCalls(z, budget, 5));
    expect(reserved(shared)).toBe(5);
    expect(shared.keys().some((key) => key.endsWith(':lock'))).toBe(false);
  });

  it('asks once more for a ledger read left unanswered, while the lock has time for it', async () => {
    const clock = testClock();
    let first = true;
    const shared = fakeCache(clock, (call) => {
      if (call.method === 'get' && isLedger(call) && first) {
        first = false;
        return 'hang';
      }
      return undefined;
    });
    const { z } = zWith(shared.cache);
    await inRunOn(z, clock, () => reserveCalls(z, budget, 5));
    expect(reserved(shared)).toBe(5);
  });

  it('defers when the lock is unanswered: a slow cache is not an absent one', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, (call) => (isLock(call) ? 'hang' : undefined));
    const { z, logs } = zWith(shared.cache);
    const error = await failure(inRunOn(z, clock, () => reserveCalls(z, budget, 5)));
    expect(error.name).toBe('ThrottledError');
    expect(reasonOf(error)?.code).toBe('shared_budget_not_kept');
    expect(logs).toEqual([]);
  });
});

describe('the one rule when the cache cannot be reached', () => {
  const notShared =
    "Zapier's cache could not be reached, so this run's Awin calls are not shared with other Zaps: " +
    "it makes at most 20 on its own, Awin's limit.";

  it.each([
    ['the lock', (call: CacheCall) => isLock(call)],
    ['the ledger read', (call: CacheCall) => call.method === 'get' && isLedger(call)],
    ['the ledger write', ledgerWrite],
  ])(
    'when %s fails, the run goes on alone at Awin’s limit, logs it once, and asks the cache no more',
    async (_, failing) => {
      const clock = testClock();
      const shared = fakeCache(clock, (call) => (failing(call) ? 'throw' : undefined));
      const { z, logs } = zWith(shared.cache);
      await inRunOn(z, clock, async () => {
        await reserveCalls(z, budget, 11);
        const asked = shared.calls.length;
        await reserveCalls(z, budget, 9);
        expect(shared.calls.length).toBe(asked);
        // The run alone may make Awin's 20 calls, no more.
        const error = await failure(spendCall(z, budget));
        expect(describeError(error)).toEqual({
          name: 'ThrottledError',
          message:
            "Zapier's cache could not be reached, so this step counts its own Awin calls: it may " +
            'make 20 a minute on its own, and needs 1 more. Zapier will retry this step in about 61 seconds.',
          delay: 61,
        });
        expect(reasonOf(error)).toMatchObject({ network: 'Awin', code: 'run_budget' });
      });
      expect(logs).toEqual([notShared]);
    },
  );

  it('goes ahead when there is no shared cache at all (a local run)', async () => {
    const clock = testClock();
    const { z, logs } = zWith(undefined as never);
    await expect(inRunOn(z, clock, () => spendCall(z, budget))).resolves.toBeUndefined();
    expect(logs).toEqual([notShared]);
  });
});

describe('the budget under any mix of refusals, null answers and stalls', () => {
  it('never grants more than the limit in one window, whatever the cache answers to writes and however long it stalls', async () => {
    const fault = fc.constantFrom('none', 'refuse', 'null', 'stall');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 5 }),
        fc.array(fault, { minLength: 1, maxLength: 40 }),
        async (wants, faults) => {
          const clock = testClock();
          let call = 0;
          let stalls = 0;
          const shared = fakeCache(clock, (asked) => {
            const next = faults[call++ % faults.length];
            // A stall moves the clock past a lock's lifetime; five of them stay inside the minute.
            if (next === 'stall' && stalls < 5) {
              stalls += 1;
              clock.at += 6_000;
            }
            // Writes refuse or answer null; a read answering null would be a cache that lost the
            // ledger (evicted), which no lock can make up for.
            if (asked.method === 'get') return undefined;
            return next === 'refuse' || next === 'null' ? next : undefined;
          });
          const outcomes = await Promise.allSettled(
            wants.map((calls) => {
              const { z } = zWith(shared.cache);
              return inRunOn(z, clock, () => reserveCalls(z, budget, calls));
            }),
          );
          const granted = wants.filter((_, i) => outcomes[i].status === 'fulfilled');
          expect(granted.reduce((sum, calls) => sum + calls, 0)).toBeLessThanOrEqual(budget.limit);
          for (const outcome of outcomes) {
            if (outcome.status === 'rejected') expect(outcome.reason.name).toBe('ThrottledError');
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
