import fc from 'fast-check';

import {
  CHECKS_PER_POLL,
  dueLinks,
  nextPosition,
  RECHECK_AFTER_MS,
} from '../../src/watch/schedule';

const MINUTE = 60 * 1000;
const START = Date.UTC(2026, 4, 4);

/**
 * Polls `count` links from an empty state, `gaps[i]` minutes apart; `reached(poll, link)` says
 * whether a due link's check finished in time. Returns every link's check times.
 */
function simulate(
  count: number,
  gaps: readonly number[],
  reached: (poll: number, link: number) => boolean = () => true,
) {
  const lastChecked: (number | undefined)[] = new Array(count).fill(undefined);
  const checks: number[][] = Array.from({ length: count }, () => []);
  const perPoll: number[] = [];
  let position = 0;
  let now = START;
  gaps.forEach((gap, poll) => {
    now += gap * MINUTE;
    const due = dueLinks(lastChecked, position, now);
    const checked = due.map((link) => reached(poll, link));
    due.forEach((link, i) => {
      if (!checked[i]) return;
      lastChecked[link] = now;
      checks[link].push(now);
    });
    perPoll.push(due.length);
    position = nextPosition(due, checked, position, count);
  });
  return { checks, perPoll };
}

describe('dueLinks and nextPosition', () => {
  it('checks the set in turn, 20 a poll, from where the last poll stopped', () => {
    const none = new Array<number | undefined>(45).fill(undefined);
    expect(dueLinks(none, 0, START)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(dueLinks(none, 40, START)).toEqual([
      40,
      41,
      42,
      43,
      44,
      ...Array.from({ length: 15 }, (_, i) => i),
    ]);
    const due = dueLinks(none, 30, START);
    expect(
      nextPosition(
        due,
        due.map(() => true),
        30,
        45,
      ),
    ).toBe(5);
  });

  it('skips links checked within the hour, and goes first next time to links not reached in time', () => {
    const lastChecked = [START, START - RECHECK_AFTER_MS, undefined, START - 59 * MINUTE];
    expect(dueLinks(lastChecked, 0, START)).toEqual([1, 2]);
    expect(nextPosition([1, 2], [true, false], 0, 4)).toBe(2);
    expect(nextPosition([], [], 3, 4)).toBe(3);
    // A kept position from a longer set still points into the set.
    expect(dueLinks([undefined, undefined], 7, START)).toEqual([1, 0]);
  });

  it(`checks a set of N links fully in ceil(N / ${CHECKS_PER_POLL}) polls`, () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 25, maxLength: 25 }),
        (count, gaps) => {
          const polls = Math.ceil(count / CHECKS_PER_POLL);
          const { checks, perPoll } = simulate(count, gaps.slice(0, polls));
          // Every link at least once (the first ones again when the round took over an hour).
          expect(checks.filter((times) => times.length === 0)).toEqual([]);
          expect(Math.max(...perPoll)).toBeLessThanOrEqual(CHECKS_PER_POLL);
        },
      ),
    );
  });

  it('never checks a link twice within an hour, and never leaves out a link not reached in time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 60, maxLength: 60 }),
        fc.func(fc.boolean()),
        (count, gaps, reachedInTime) => {
          // Some checks are not reached in time; a link is never left out for good.
          const reached = (poll: number, link: number) => poll >= 40 || reachedInTime(poll, link);
          const { checks, perPoll } = simulate(count, gaps, reached);
          for (const times of checks) {
            for (let k = 1; k < times.length; k++) {
              expect(times[k] - times[k - 1]).toBeGreaterThanOrEqual(RECHECK_AFTER_MS);
            }
          }
          expect(Math.max(...perPoll)).toBeLessThanOrEqual(CHECKS_PER_POLL);
          // From poll 40 on every check finishes: 20 polls later every link has been checked.
          expect(checks.every((times) => times.length > 0)).toBe(true);
        },
      ),
      { numRuns: 50 },
    );
  });
});
