import { hashOf } from '../../src/core/cache';
import { SharedPace, type SharedRate } from '../../src/core/sharedPace';
import { fakeCache, inRunOn, testClock, zWith, type CacheCall } from './fakeCache';

/** 10 requests a second for every run of the key together, one at a time. */
const rate: SharedRate = {
  network: 'Everflow',
  credential: 'secret-key-1',
  ratePerSecond: 10,
  burst: 1,
};

const isRuns = (call: CacheCall) => call.key.endsWith(':runs');
const runsWrite = (call: CacheCall) => call.method === 'set' && isRuns(call);

const notShared =
  "Zapier's cache could not register this run with the other Zaps using this Everflow key, so its " +
  "pace is not shared with them: it keeps to Everflow's rate on its own.";

/**
 * Whether the run's second request may go within 150 ms of its first: alone (10 a second) it may,
 * sharing the rate with one other run (5 a second) it may not.
 */
async function paceAlone(gate: SharedPace, clock: ReturnType<typeof testClock>): Promise<boolean> {
  expect(await gate.take(clock.at + 10)).toBe(true);
  return gate.take(clock.at + 150);
}

describe('the shared pace', () => {
  it('shares the rate between the runs the cache registered, and a run that leaves is forgotten', async () => {
    const clock = testClock();
    const shared = fakeCache(clock);
    const [a, b] = [zWith(shared.cache), zWith(shared.cache)];
    const gateA = new SharedPace(a.z, rate, clock);
    const gateB = new SharedPace(b.z, rate, clock);
    await inRunOn(a.z, clock, () => gateA.join());
    await inRunOn(b.z, clock, () => gateB.join());
    expect(await inRunOn(b.z, clock, () => paceAlone(gateB, clock))).toBe(false);
    const runsKey = shared.keys().find((key) => key.endsWith(':runs'))!;
    expect(shared.peek(runsKey)).toHaveLength(2);
    expect(runsKey).not.toContain('secret-key-1');

    await inRunOn(a.z, clock, () => gateA.leave());
    expect(shared.peek(runsKey)).toHaveLength(1);
    expect([...a.logs, ...b.logs]).toEqual([]);
    // No lock is left behind by joining and leaving.
    expect(shared.keys()).toEqual([runsKey]);
  });

  it.each([
    ['refused', 'refuse' as const],
    ['left unanswered', 'hang' as const],
    ['failing', 'throw' as const],
  ])(
    'a run whose registration is %s is not counted as registered: it paces alone, says so once, and leaves nothing',
    async (_, fault) => {
      const clock = testClock();
      const shared = fakeCache(clock, (call) => (runsWrite(call) ? fault : undefined));
      // Another run is registered already: a registered run would take half the rate.
      const runsKey = `pace:everflow:${hashOf(rate.credential, 24)}:runs`;
      shared.put(runsKey, [['another-run', clock.at + 35_000]], 35);
      const { z, logs } = zWith(shared.cache);
      const gate = new SharedPace(z, rate, clock);
      await inRunOn(z, clock, async () => {
        await gate.join();
        expect(await paceAlone(gate, clock)).toBe(true);
        const asked = shared.calls.length;
        await gate.leave();
        expect(shared.calls.length).toBe(asked);
      });
      expect(logs).toEqual([notShared]);
      expect(shared.peek(runsKey)).toEqual([['another-run', clock.at + 35_000]]);
    },
  );

  it('goes on alone when the cache cannot be reached at all, with no platform error', async () => {
    const clock = testClock();
    const shared = fakeCache(clock, () => 'throw');
    const { z, logs } = zWith(shared.cache);
    const gate = new SharedPace(z, rate, clock);
    await inRunOn(z, clock, async () => {
      await expect(gate.join()).resolves.toBeUndefined();
      expect(await paceAlone(gate, clock)).toBe(true);
      await expect(gate.leave()).resolves.toBeUndefined();
    });
    expect(logs).toEqual([notShared]);
  });

  it('a registered run that finds the cache out of reach later paces alone from then on', async () => {
    const clock = testClock();
    let reachable = true;
    const shared = fakeCache(clock, () => (reachable ? undefined : 'throw'));
    const other = zWith(shared.cache);
    const { z, logs } = zWith(shared.cache);
    const gateOther = new SharedPace(other.z, rate, clock);
    const gate = new SharedPace(z, rate, clock);
    await inRunOn(other.z, clock, () => gateOther.join());
    await inRunOn(z, clock, async () => {
      await gate.join();
      expect(await paceAlone(gate, clock)).toBe(false);
      reachable = false;
      clock.at += 1_000; // the next request looks at the runs again
      expect(await paceAlone(gate, clock)).toBe(true);
    });
    expect(logs).toEqual([notShared]);
  });
});
