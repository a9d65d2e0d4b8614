import { TokenBucket, type Clock } from '../../src/core/rateLimit';
import { EVERFLOW_BULK_PACE } from '../../src/everflow/bulk';

import { EVERFLOW_DOCUMENTED_RATE } from '../../src/everflow/client';

/** A clock that only moves when told to, or when someone sleeps on it. */
class FakeClock implements Clock {
  time = 1_000_000;
  slept: number[] = [];
  now(): number {
    return this.time;
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms);
    this.time += ms;
  }
}

describe('TokenBucket', () => {
  it('lets a burst through at once, then spaces requests at the rate', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    const waits = Array.from({ length: 6 }, () => bucket.reserve());
    // 3 tokens in the bucket, then one every 100 ms: each queued request waits one slot more.
    expect(waits).toEqual([0, 0, 0, 100, 200, 300]);
  });

  it('refills with time, never above the burst', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(5, 2, clock);
    bucket.reserve();
    bucket.reserve();
    expect(bucket.waitMs()).toBe(200);
    clock.time += 200;
    expect(bucket.waitMs()).toBe(0);
    clock.time += 60_000;
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 0, 200]);
  });

  it('take() sleeps on the clock for its turn', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(4, 1, clock);
    const start = clock.now();
    for (let i = 0; i < 5; i++) expect(await bucket.take()).toBe(true);
    expect(clock.slept).toEqual([250, 250, 250, 250]);
    expect(clock.now() - start).toBe(1000);
  });

  it('never lets more than rate × seconds + burst requests through in any stretch of time', async () => {
    const clock = new FakeClock();
    const rate = 25;
    const burst = 5;
    const bucket = new TokenBucket(rate, burst, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      await bucket.take();
      sentAt.push(clock.now());
    }
    for (let i = 0; i < sentAt.length; i++) {
      const windowEnd = sentAt[i] + 1000;
      const inWindow = sentAt.filter((t) => t >= sentAt[i] && t < windowEnd).length;
      expect(inWindow).toBeLessThanOrEqual(rate + burst);
    }
    // 200 requests at 25/s after a burst of 5 take (200 - 5) / 25 = 7.8 s.
    expect(sentAt[sentAt.length - 1] - sentAt[0]).toBe(7800);
  });

  it('refuses (and reserves nothing) when the turn would come after the deadline', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(2, 1, clock);
    const deadline = clock.now() + 600;
    expect(await bucket.take(deadline)).toBe(true); // now
    expect(await bucket.take(deadline)).toBe(true); // +500 ms
    expect(await bucket.take(deadline)).toBe(false); // would be +1000 ms
    expect(clock.slept).toEqual([500]);
    clock.time += 500;
    expect(bucket.waitMs()).toBe(0);
  });

  it('rejects a rate or burst that cannot work', () => {
    expect(() => new TokenBucket(0, 1)).toThrow(RangeError);
    expect(() => new TokenBucket(5, 0)).toThrow(RangeError);
  });
});

describe('the bulk pace stays under Everflow’s documented rates', () => {
  it.each(['network', 'affiliate'] as const)('%s keys', (keyType) => {
    const pace = EVERFLOW_BULK_PACE[keyType];
    expect(pace.ratePerSecond).toBeLessThan(EVERFLOW_DOCUMENTED_RATE[keyType]);
    expect(pace.burst).toBeLessThanOrEqual(EVERFLOW_DOCUMENTED_RATE[keyType]);
  });

  it('100 network links fit well inside 30 seconds at that pace', () => {
    const { ratePerSecond, burst } = EVERFLOW_BULK_PACE.network;
    expect((100 - burst) / ratePerSecond).toBeLessThan(10);
  });
});
