import fc from 'fast-check';

import { normalizeNetworkName, OFFERSLOOK_DEFAULT_URL } from '../../src/offerslook/client';

import { parseOfferIds } from '../../src/offerslook/fields';

const LABEL_CHARS = 'abcdefghijklmnopqrstuvwxyz0123456789';
const alnum = fc.constantFrom(...LABEL_CHARS.split(''));
const labelChar = fc.constantFrom(...`${LABEL_CHARS}-`.split(''));

/** A DNS label: 1 to 63 characters, letters/digits, hyphens only inside. */
const dnsLabel = fc.oneof(
  alnum,
  fc
    .tuple(alnum, fc.array(labelChar, { maxLength: 61 }), alnum)
    .map(([first, middle, last]) => `${first}${middle.join('')}${last}`),
);

const hostOf = (network: string) =>
  new URL(OFFERSLOOK_DEFAULT_URL.split('{network}').join(network)).hostname;

describe('normalizeNetworkName', () => {
  it('accepts every DNS label, in any case and with spaces around it, as its lower-case self', () => {
    fc.assert(
      fc.property(
        dnsLabel,
        fc.boolean(),
        fc.string({ unit: fc.constantFrom(' ', '\t') }),
        (label, upper, pad) => {
          const typed = `${pad}${upper ? label.toUpperCase() : label}${pad}`;
          expect(normalizeNetworkName(typed)).toBe(label);
          expect(hostOf(label)).toBe(`${label}.api.offerslook.com`);
        },
      ),
    );
  });

  it('refuses any name with a character that could change the host', () => {
    const dangerous = fc.constantFrom(...'./@:?#\\%_ \t\n[]'.split(''), 'é', 'ı', '\u0000');
    fc.assert(
      fc.property(dnsLabel, dangerous, dnsLabel, (before, bad, after) => {
        expect(normalizeNetworkName(`${before}${bad}${after}`)).toBeUndefined();
      }),
    );
  });

  it('whatever it accepts stays a subdomain of api.offerslook.com', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const name = normalizeNetworkName(text);
        if (name !== undefined) expect(hostOf(name)).toBe(`${name}.api.offerslook.com`);
      }),
    );
  });

  it('refuses labels longer than 63 characters, leading or trailing hyphens, and non-strings', () => {
    expect(normalizeNetworkName('a'.repeat(63))).toBe('a'.repeat(63));
    for (const value of ['a'.repeat(64), '-a', 'a-', '', '  ', 42, null, undefined, ['acme']]) {
      expect(normalizeNetworkName(value)).toBeUndefined();
    }
  });
});

describe('parseOfferIds', () => {
  const id = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
  const separator = fc
    .array(fc.constantFrom(',', ';', ' ', '\t', '\n', ', ', ' ; '), { minLength: 1, maxLength: 3 })
    .map((parts) => parts.join(''));
  const firstSeen = (ids: number[]) => [...new Set(ids)];

  it('reads ids joined by any separators in one cell, de-duplicated in first-seen order', () => {
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 60 }), separator, (ids, sep) => {
        expect(parseOfferIds(ids.join(sep))).toEqual({ ok: true, ids: firstSeen(ids) });
      }),
    );
  });

  it('reads a list that mixes numbers, numeric text and cells the same way', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(id, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 20 }),
        fc.array(fc.constantFrom('number', 'text', 'cell'), { minLength: 20, maxLength: 20 }),
        separator,
        (groups, kinds, sep) => {
          const input = groups.flatMap((group, i): (number | string)[] => {
            if (kinds[i] === 'number') return group;
            return kinds[i] === 'text' ? group.map(String) : [group.join(sep)];
          });
          expect(parseOfferIds(input)).toEqual({ ok: true, ids: firstSeen(groups.flat()) });
        },
      ),
    );
  });

  it('reports the first value that is not a positive whole number', () => {
    const badToken = fc.oneof(
      fc.constantFrom('0', '-1', '1.5', 'abc', '1e3', '0x10', '#16', '16a', '16|102'),
      fc.stringMatching(/^[a-z]{1,8}$/),
    );
    fc.assert(
      fc.property(
        fc.array(id, { maxLength: 10 }),
        badToken,
        fc.array(id, { maxLength: 10 }),
        (before, bad, after) => {
          expect(parseOfferIds([...before, bad, ...after].join(','))).toEqual({ ok: false, bad });
        },
      ),
    );
  });

  it('gives no ids for empty input', () => {
    for (const value of [undefined, null, '', ' , ;', [], [''], [' ', ',']]) {
      expect(parseOfferIds(value)).toEqual({ ok: true, ids: [] });
    }
  });
});
