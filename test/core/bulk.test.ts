import fc from 'fast-check';
import { type ZObject } from 'zapier-platform-core';

import { bulkOutcome, failed, runBulk, succeeded, type BulkItemResult } from '../../src/core/bulk';
import { Deadline } from '../../src/core/deadline';
import { withReason, type ErrorKind } from '../../src/core/errors';
import { NOT_PROCESSED_IN_TIME } from '../../src/core/run';

/** What each unit of a scripted run does: succeed, or fail with an error of a kind (or no reason). */
type Script = 'ok' | ErrorKind | 'bug';

const errorFor = (script: Exclude<Script, 'ok'>): Error =>
  script === 'bug'
    ? new TypeError('a bug')
    : withReason(new Error(`failed: ${script}`), { network: 'Acme', kind: script });

async function runScripted(scripts: Script[], deadline = new Deadline(Infinity)) {
  const rows: BulkItemResult[] = scripts.map((_, i) => ({
    index: i + 1,
    ...failed('Not processed.'),
  }));
  const units = scripts.map((script, position) => ({ script, position }));
  let thrown: unknown;
  try {
    await runBulk(null as unknown as ZObject, {
      units,
      concurrency: 3,
      deadline,
      perform: async ({ script, position }) => {
        await Promise.resolve();
        if (script !== 'ok') throw errorFor(script);
        Object.assign(rows[position], succeeded(`https://example.com/${position}`));
      },
      fail: ({ position }, message) => Object.assign(rows[position], failed(message)),
    });
  } catch (error) {
    thrown = error;
  }
  return { rows, thrown };
}

const scriptArb = fc.constantFrom<Script>(
  'ok',
  'rejected',
  'server',
  'notFound',
  'malformed',
  'throttled',
  'out_of_time',
  'auth',
  'bug',
);

describe('the one bulk runner', () => {
  it('decides from the reason alone: auth and bugs stop the run, the rest fail only their rows', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(scriptArb, { minLength: 1, maxLength: 30 }), async (scripts) => {
        const { rows, thrown } = await runScripted(scripts);
        const stops = scripts.some((s) => s === 'auth' || s === 'bug');
        const allThrottled = scripts.every((s) => s === 'throttled');
        if (stops) {
          expect(['auth', 'bug']).toContain(
            thrown instanceof TypeError
              ? 'bug'
              : (thrown as { reason: { kind: string } }).reason.kind,
          );
          return;
        }
        if (allThrottled) {
          expect((thrown as { reason: { kind: string } }).reason.kind).toBe('throttled');
          return;
        }
        expect(thrown).toBeUndefined();
        // Every row accounted for, in order, each with its own outcome.
        expect(rows.map((row) => row.index)).toEqual(scripts.map((_, i) => i + 1));
        scripts.forEach((script, i) => {
          const row = rows[i];
          if (script === 'ok') expect(row.url).toBe(`https://example.com/${i}`);
          else if (script === 'out_of_time') expect(row.error).toBe(NOT_PROCESSED_IN_TIME);
          else if (script === 'throttled') expect(row.error).toContain('Run the step again');
          else expect(row.error).toBe(`failed: ${script}`);
        });
      }),
    );
  });

  it('starts no unit after the deadline: every row not started says it was not processed in time', async () => {
    const { rows, thrown } = await runScripted(['ok', 'ok', 'ok'], new Deadline(Date.now() - 1));
    expect(thrown).toBeUndefined();
    expect(rows.map((row) => row.error)).toEqual([
      NOT_PROCESSED_IN_TIME,
      NOT_PROCESSED_IN_TIME,
      NOT_PROCESSED_IN_TIME,
    ]);
  });

  it('a rate limit that every unit met is the step’s error, so Zapier retries without losing a row', async () => {
    const { thrown } = await runScripted(['throttled', 'throttled']);
    expect((thrown as { reason: { kind: string } }).reason.kind).toBe('throttled');
  });

  it('bulkOutcome reads the reason, never the message', () => {
    const worded = withReason(new Error('Not processed: this looks like a time-out'), {
      kind: 'rejected',
    });
    expect(bulkOutcome(worded)).toEqual({
      stop: false,
      throttled: false,
      late: false,
      message: 'Not processed: this looks like a time-out',
    });
    expect(bulkOutcome(new Error('out_of_time'))).toEqual({ stop: true });
  });
});
