import fc from 'fast-check';

import { parseHttpUrl, parsePositiveInt } from '../../src/core/input';

describe('parsePositiveInt', () => {
  it('accepts every positive safe integer, as a number or as text with spaces around it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.string({ unit: fc.constantFrom(' ', '\t') }),
        (n, pad) => {
          expect(parsePositiveInt(n)).toBe(n);
          expect(parsePositiveInt(`${pad}${n}${pad}`)).toBe(n);
        },
      ),
    );
  });

  it('refuses zero, negatives, fractions and anything that is not only digits', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: 0 }),
          fc.double({ noInteger: true }),
          fc.string().filter((s) => !/^\s*\d+\s*$/.test(s)),
          fc.integer({ max: 0 }).map(String),
          fc.constantFrom('1.5', '1e3', '0x10', '12abc', '', null, undefined, true),
        ),
        (value) => {
          expect(parsePositiveInt(value)).toBeUndefined();
        },
      ),
    );
  });
});

describe('parseHttpUrl', () => {
  it('accepts absolute http(s) URLs', () => {
    fc.assert(
      fc.property(
        fc.webUrl({
          validSchemes: ['http', 'https'],
          withQueryParameters: true,
          withFragments: true,
        }),
        (url) => {
          expect(parseHttpUrl(url)).toBe(url);
        },
      ),
    );
  });

  it('refuses other schemes and text that is not an absolute URL', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.webUrl({ validSchemes: ['ftp', 'ws', 'file'] }),
          fc.domain(),
          fc.webPath(),
          fc.constantFrom(
            'javascript:alert(1)',
            'mailto:a@b.example',
            'www.example.com/x',
            'http//x.example',
          ),
        ),
        (value) => {
          expect(parseHttpUrl(value)).toBeUndefined();
        },
      ),
    );
  });
});
