import fc from 'fast-check';

import { LINK_STATUSES, type LinkStatus } from '../../src/linkCheck/types';
import { judge, type LinkMemory } from '../../src/watch/rule';

/**
 * The change rule of "Tracking Link Stopped Working" over random verdict sequences: it fires
 * exactly once per break (a run of checks that did not find the link working), at the first check
 * that confirms it; a timeout or a bot wall confirms a break only on a second check in a row.
 */

const WORKING: readonly LinkStatus[] = ['ok', 'warning'];
const UNSURE: readonly LinkStatus[] = ['timeout', 'inconclusive'];
const BROKEN = LINK_STATUSES.filter((s) => !WORKING.includes(s) && !UNSURE.includes(s));

/** Sequences rich in each kind of verdict, so that breaks, recoveries and pairs all occur. */
const verdict = fc.oneof(
  fc.constantFrom(...WORKING),
  fc.constantFrom(...UNSURE),
  fc.constantFrom(...BROKEN),
);
const verdicts = fc.array(verdict, { maxLength: 60 });

const HOUR = 60 * 60 * 1000;
const timeOf = (i: number): number => Date.UTC(2026, 4, 4) + i * HOUR;

interface Fire {
  at: number;
  brokenSince: number;
}

/** Feeds the verdicts to the rule in order; `lostBefore` are the checks before which the memory is lost. */
function fires(sequence: readonly LinkStatus[], lostBefore: ReadonlySet<number> = new Set()) {
  let memory: LinkMemory | undefined;
  const fired: Fire[] = [];
  sequence.forEach((status, i) => {
    if (lostBefore.has(i)) memory = undefined;
    const judged = judge(memory, status, timeOf(i));
    memory = judged.memory;
    if (judged.fires) fired.push({ at: i, brokenSince: memory.failingSince ?? -1 });
  });
  return fired;
}

/** The runs of checks that did not find the link working: [first, last] positions. */
function breaks(sequence: readonly LinkStatus[]): [number, number][] {
  const runs: [number, number][] = [];
  sequence.forEach((status, i) => {
    if (WORKING.includes(status)) return;
    const last = runs.at(-1);
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  return runs;
}

/** Where a break is confirmed: its first check when that one is plainly broken, else its second. */
function confirmedAt([first, last]: [number, number], sequence: readonly LinkStatus[]) {
  if (!UNSURE.includes(sequence[first])) return first;
  return last > first ? first + 1 : undefined;
}

describe('the change rule', () => {
  it('fires exactly once per confirmed break, at the check that confirms it, broken since its first check', () => {
    fc.assert(
      fc.property(verdicts, (sequence) => {
        const expected = breaks(sequence).flatMap((run) => {
          const at = confirmedAt(run, sequence);
          return at === undefined ? [] : [{ at, brokenSince: timeOf(run[0]) }];
        });
        expect(fires(sequence)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('never fires twice without a check that found the link working in between', () => {
    fc.assert(
      fc.property(verdicts, (sequence) => {
        const fired = fires(sequence);
        for (let k = 1; k < fired.length; k++) {
          const between = sequence.slice(fired[k - 1].at + 1, fired[k].at);
          expect(between.some((status) => WORKING.includes(status))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a timeout or a bot wall alone never fires; the same seen twice in a row does', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...WORKING),
        fc.constantFrom(...UNSURE),
        fc.constantFrom(...UNSURE),
        (working, unsure, again) => {
          expect(fires([working, unsure, working, unsure, working])).toEqual([]);
          expect(fires([unsure])).toEqual([]);
          expect(fires([working, unsure, again])).toEqual([{ at: 2, brokenSince: timeOf(1) }]);
          // Never seen before counts as working: two unsure checks from the start fire too.
          expect(fires([unsure, again, again])).toEqual([{ at: 1, brokenSince: timeOf(0) }]);
        },
      ),
    );
  });

  it('a link never seen that is broken at once fires at its first check', () => {
    fc.assert(
      fc.property(fc.constantFrom(...BROKEN), (status) => {
        expect(fires([status, status, status])).toEqual([{ at: 0, brokenSince: timeOf(0) }]);
      }),
    );
  });

  it('when the kept memory is lost, a link still broken fires once more at most, per loss', () => {
    fc.assert(
      fc.property(
        verdicts,
        fc.uniqueArray(fc.nat({ max: 59 }), { maxLength: 5 }),
        (sequence, losses) => {
          const lost = new Set(losses.filter((i) => i < sequence.length));
          const kept = fires(sequence);
          const withLosses = fires(sequence, lost);
          expect(withLosses.length).toBeLessThanOrEqual(kept.length + lost.size);
          // Between two fires there is a working check or a loss.
          for (let k = 1; k < withLosses.length; k++) {
            const from = withLosses[k - 1].at + 1;
            const to = withLosses[k].at;
            const recovered = sequence.slice(from, to).some((s) => WORKING.includes(s));
            const forgot = [...lost].some((i) => i >= from && i <= to);
            expect(recovered || forgot).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
