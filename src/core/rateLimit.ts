/**
 * A token bucket that spaces requests under a network's documented rate. Time comes from an
 * injectable clock so tests can drive it without waiting.
 */

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateGate {
  /**
   * Waits for this request's turn. Resolves false (and reserves nothing) when the turn would come
   * after `deadline` (a clock time in ms), so a caller can stop before running out of time.
   */
  take(deadline?: number): Promise<boolean>;
}

export class TokenBucket implements RateGate {
  private tokens: number;
  private updatedAt: number;

  /**
   * @param ratePerSecond tokens added per second (the sustained rate)
   * @param burst the most tokens the bucket holds (requests allowed back to back after a pause)
   */
  constructor(
    private ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(ratePerSecond > 0) || !(burst >= 1)) {
      throw new RangeError('a token bucket needs a positive rate and a burst of at least 1');
    }
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  /** Changes the sustained rate from now on (a run's share of a rate shared with other runs). */
  setRate(ratePerSecond: number): void {
    if (!(ratePerSecond > 0)) return;
    this.refill();
    this.ratePerSecond = ratePerSecond;
  }

  /** Milliseconds the next request would wait if it asked now, without reserving anything. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  /** Reserves one token and returns how long its holder must wait before sending, in ms. */
  reserve(): number {
    const wait = this.waitMs();
    this.tokens -= 1;
    return wait;
  }

  async take(deadline?: number): Promise<boolean> {
    const wait = this.waitMs();
    if (deadline !== undefined && this.clock.now() + wait > deadline) return false;
    this.reserve();
    if (wait > 0) await this.clock.sleep(wait);
    return true;
  }

  private refill(): void {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.burst, this.tokens + (elapsed / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}
