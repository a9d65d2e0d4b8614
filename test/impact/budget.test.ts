import { errors, type ZObject } from 'zapier-platform-core';

import { correctCalls, reserveCalls, type CallBudget } from '../../src/core/rateBudget';
import { unmatchedRequests } from '../offerslook/helpers';
import { App, describeError, failure, setupNock } from '../support/app';
import { inRunOn } from '../core/fakeCache';
import {
  answerCampaigns,
  campaignsPage,
  impact,
  listQuery,
  ROOT,
  runImpact,
  TRAILHEAD,
} from './helpers';

/** Zapier's cache as the platform runs it: values with a time to live, and set-if-absent. */
function sharedCache(clock: { now: number }) {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    return entry && entry.expiresAt > clock.now ? entry : undefined;
  };
  const cache = {
    get: async (key: string) => live(key)?.value ?? null,
    set: async (key: string, value: unknown, ttl?: number, _scope?: string[], nx?: boolean) => {
      if (nx && live(key)) return false;
      entries.set(key, { value, expiresAt: clock.now + (ttl ?? 3600) * 1000 });
      return true;
    },
    delete: async (key: string) => entries.delete(key),
  };
  return { cache, z: { cache, errors } as unknown as ZObject };
}

describe('correctCalls: the ledger follows what the network says is left', () => {
  const clock = { now: 5_000_000 };
  const budget = (): CallBudget => ({
    network: 'Impact',
    credential: 'IRaccount',
    limit: 1000,
    windowSeconds: 3600,
  });
  // Each call runs in a Zap run of its own, on this test's clock.
  const runClock = {
    now: () => clock.now,
    sleep: async (ms: number) => {
      clock.now += ms;
    },
  };
  const reserve = (z: ZObject, calls: number) =>
    inRunOn(z, runClock, () => reserveCalls(z, budget(), calls));
  const correct = (z: ZObject, said: Parameters<typeof correctCalls>[2]) =>
    inRunOn(z, runClock, () => correctCalls(z, budget(), said));

  it('adds the calls spent elsewhere, so a run that no longer fits is deferred before any call', async () => {
    const { z } = sharedCache(clock);
    await reserve(z, 10);
    await correct(z, { remaining: 100 }); // Impact: 900 used, the ledger knew 10
    await reserve(z, 100);
    const error = await failure(reserve(z, 1));
    expect(error.name).toBe('ThrottledError');
    // Impact's window is an hour, and the message says so.
    expect(describeError(error).message).toContain('used its 1000 API calls for this hour');
  });

  it('never takes calls away: reservations not yet made are invisible to the network', async () => {
    const { z } = sharedCache(clock);
    await reserve(z, 900);
    await correct(z, { remaining: 990 }); // Impact has seen only 10 of them so far
    await reserve(z, 100);
    expect((await failure(reserve(z, 1))).name).toBe('ThrottledError');
  });

  it('frees the added calls when the network’s window resets, not an hour later', async () => {
    const { z } = sharedCache(clock);
    await correct(z, { remaining: 0, resetSeconds: 120 });
    expect((await failure(reserve(z, 1))).name).toBe('ThrottledError');
    clock.now += 121_000;
    await reserve(z, 1000);
  });
});

setupNock();
const unmatched = unmatchedRequests();

describe('the Impact budget in a Zap run', () => {
  const bulk = (count: number) =>
    runImpact(App.creates.impact_tracking_links_batch, {
      links: Array.from({ length: count }, (_, i) => ({ campaignId: 10306, subId1: `r${i}` })),
    });

  it('X-RateLimit-Remaining corrects the shared count: the next run that cannot fit is deferred before any call', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery())
      .reply(200, campaignsPage([TRAILHEAD]), { 'X-RateLimit-Remaining': '8' });
    impact().post(`${ROOT}/Programs/10306/TrackingLinks`).query(true).reply(
      200,
      { TrackingURL: 'https://brand.sjv.io/c/1/2/10306' },
      {
        'X-RateLimit-Remaining': '7',
      },
    );
    await runImpact(App.creates.impact_tracking_link, { campaignId: 10306 });

    // 1,000 − 8 = 992 counted after the list, and the link still to come: 7 left.
    const deferred = describeError(await failure(bulk(8)));
    expect(deferred.name).toBe('ThrottledError');
    expect(deferred.message).toContain('this step needs 8 more');
    expect(unmatched).toEqual([]);

    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query(true)
      .times(7)
      .reply(200, { TrackingURL: 'https://brand.sjv.io/c/1/2/10306' });
    const done = (await bulk(7)) as { succeeded: number };
    expect(done.succeeded).toBe(7);
  });

  it('a 429 tells every later run to wait for Impact’s reset, before any call', async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query(true)
      .reply(429, {}, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '300' });
    const first = describeError(
      await failure(runImpact(App.creates.impact_tracking_link, { campaignId: 10306 })),
    );
    expect([first.name, first.delay]).toEqual(['ThrottledError', 300]);

    const next = describeError(
      await failure(runImpact(App.creates.impact_tracking_link, { campaignId: 10306 })),
    );
    expect(next.name).toBe('ThrottledError');
    expect(next.delay).toBeGreaterThan(290);
    expect(next.delay).toBeLessThanOrEqual(302);
    expect(unmatched).toEqual([]);
  });
});
