import fc from 'fast-check';
import { userMessage } from '../../src/core/errors';
import { withQueryParameters } from '../../src/core/url';
import { readEverflowSubs } from '../../src/everflow/fields';
import { subParameters } from '../../src/everflow/links';
import { EVERFLOW_SUB_KEYS, EVERFLOW_SUB_MAX } from '../../src/everflow/schemas';

import { fakeZ } from './helpers';

const subKey = fc.constantFrom(...EVERFLOW_SUB_KEYS);
/** Text with at least one non-space character, of any Unicode, up to `max` after trimming. */
const filledText = (max: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: max })
    .filter((text) => text.trim() !== '' && text.trim().length <= max);

describe('source_id and sub1…sub5 validation', () => {
  it('accepts any filled value of up to 200 characters and returns it trimmed', () => {
    fc.assert(
      fc.property(
        subKey,
        filledText(EVERFLOW_SUB_MAX),
        fc.constantFrom('', ' ', '  \t'),
        (key, text, pad) => {
          expect(readEverflowSubs(fakeZ, { [key]: `${pad}${text}${pad}` })).toEqual({
            [key]: text.trim(),
          });
        },
      ),
    );
  });

  it('refuses any value over 200 characters, naming the field and its length', () => {
    fc.assert(
      fc.property(
        subKey,
        fc.integer({ min: EVERFLOW_SUB_MAX + 1, max: 2000 }),
        fc.integer({ min: 1, max: 9 }),
        (key, length, item) => {
          const value = 'x'.repeat(length);
          let message = '';
          try {
            readEverflowSubs(fakeZ, { [key]: value }, `Item ${item}: `);
          } catch (error) {
            expect(error).toBeInstanceOf(fakeZ.errors.Error);
            message = userMessage(error);
          }
          expect(message).toMatch(
            new RegExp(
              `^Item ${item}: (Source ID|Sub \\d) is ${length} characters long; the most allowed is 200\\.`,
            ),
          );
        },
      ),
    );
  });

  it('leaves out blank values and keeps numbers as text', () => {
    fc.assert(
      fc.property(
        subKey,
        fc.constantFrom('', '   ', null, undefined),
        fc.integer(),
        (key, blank, n) => {
          expect(readEverflowSubs(fakeZ, { [key]: blank })).toEqual({});
          expect(readEverflowSubs(fakeZ, { [key]: n })).toEqual({ [key]: String(n) });
        },
      ),
    );
  });
});

const parameterName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/);
const existingQuery = fc.array(fc.tuple(parameterName, fc.string({ maxLength: 20 })), {
  maxLength: 5,
});
const subs = fc.dictionary(subKey, filledText(40), { maxKeys: 6 });

describe('adding subs to a partner tracking link', () => {
  it('every sub reads back exactly once, other parameters and the path are kept', () => {
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: false, withFragments: false }),
        existingQuery,
        subs,
        (base, existing, added) => {
          const query = new URLSearchParams(existing).toString();
          const link = query ? `${base}?${query}` : base;
          const parameters = subParameters(added);
          const result = new URL(withQueryParameters(link, parameters));
          const original = new URL(link);

          expect(result.origin + result.pathname).toBe(original.origin + original.pathname);
          for (const [name, value] of parameters) {
            expect(result.searchParams.getAll(name)).toEqual([value]);
          }
          const replaced = new Set(parameters.map(([name]) => name));
          for (const name of new Set(existing.map(([n]) => n))) {
            if (replaced.has(name)) continue;
            expect(result.searchParams.getAll(name)).toEqual(original.searchParams.getAll(name));
          }
        },
      ),
    );
  });

  it('keeps the text of parameters it does not replace byte for byte, and the fragment', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a=%7Bx%7D', 'b=1+2', 'c=%E2%82%AC', 'flag', 'd=a%2Fb'),
        fc.webFragments(),
        filledText(30),
        (kept, fragment, sub1) => {
          const link = `https://www.acmetrk.example/A/B/?${kept}#${fragment}`;
          const result = withQueryParameters(link, [['sub1', sub1]]);
          expect(result.startsWith(`https://www.acmetrk.example/A/B/?${kept}&sub1=`)).toBe(true);
          expect(result.endsWith(`#${fragment}`)).toBe(true);
        },
      ),
    );
  });

  it('adding nothing changes nothing', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (link) => {
        expect(withQueryParameters(link, [])).toBe(link);
      }),
    );
  });
});
