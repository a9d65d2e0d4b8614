import fc from 'fast-check';

import { cleanDomain, cleanDomains, deepLinkAllowed } from '../../src/impact/domains';

/** A DNS label (not an `xn--` one: random text after it is rarely valid punycode). */
const label = fc
  .stringMatching(/^[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?$/)
  .filter((text) => !text.startsWith('xn--'));
const tld = fc.constantFrom('example', 'test', 'ca', 'com', 'de');

/** A clean deep-link domain: 1–3 labels and a letters-only TLD. */
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([labels, top]) => [...labels, top].join('.'))
  // core/url's normaliser drops a leading www. (shops move visitors between www and the bare domain).
  .filter((value) => !value.startsWith('www.'));

/** Spaces and tabs a brand may leave around a value. */
const blank = fc.stringMatching(/^[ \t]{0,3}$/);

function randomCase(text: string, seed: number): string {
  return [...text].map((char, i) => ((seed >> (i % 16)) & 1 ? char.toUpperCase() : char)).join('');
}

/** The ways brands type one domain in `DeeplinkDomains` (" *lengow.com", "*vichy.ca", "*.X.") */
const messy = fc
  .tuple(
    domain,
    blank,
    blank,
    fc.constantFrom('', '*', '*.'),
    fc.constantFrom('', '.'),
    fc.integer({ min: 0, max: 0xffff }),
  )
  .map(([clean, before, after, star, dot, seed]) => ({
    clean,
    raw: `${before}${star}${randomCase(clean, seed)}${dot}${after}`,
  }));

describe('deep-link domain cleaning', () => {
  it('every way of typing a domain cleans to the plain domain', () => {
    fc.assert(
      fc.property(messy, ({ clean, raw }) => {
        expect(cleanDomain(raw)).toBe(clean);
      }),
    );
  });

  it('cleaning is idempotent and leaves no star, space, capital or trailing dot', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 40 }), fc.stringMatching(/^[ *.A-Za-z0-9-]{0,30}$/)),
        (raw) => {
          const cleaned = cleanDomain(raw);
          if (cleaned === undefined) return;
          expect(cleanDomain(cleaned)).toBe(cleaned);
          expect(cleaned).toMatch(/^[a-z0-9._-]+$/);
          expect(cleaned.endsWith('.')).toBe(false);
          expect(cleaned.startsWith('.')).toBe(false);
        },
      ),
    );
  });

  it('a list keeps each domain once, in order, and drops what is no domain', () => {
    expect(
      cleanDomains([' *Shop.example', 'shop.example', '*.', '', 'https://Outlet.example/x', '*']),
    ).toEqual(['shop.example', 'outlet.example']);
  });
});

describe('deep-link domain matching', () => {
  it('a page on the domain or any subdomain of it is allowed, whatever the messy spelling', () => {
    fc.assert(
      fc.property(
        messy,
        fc.array(fc.oneof(label, fc.constant('www')), { maxLength: 3 }),
        fc.integer({ min: 0, max: 0xffff }),
        (typed, labels, seed) => {
          const host = randomCase([...labels, typed.clean].join('.'), seed);
          const domains = cleanDomains([typed.raw]);
          expect(deepLinkAllowed(`https://${host}/p/1?x=y`, domains)).toBe(true);
        },
      ),
    );
  });

  it('a host that only ends with the same letters, or holds the domain elsewhere, is refused', () => {
    fc.assert(
      fc.property(messy, label, tld, ({ clean, raw }, extra, top) => {
        const domains = cleanDomains([raw]);
        expect(deepLinkAllowed(`https://${extra}${clean}/`, domains)).toBe(false);
        expect(deepLinkAllowed(`https://${clean}.${extra}-x.${top}/`, domains)).toBe(false);
        expect(deepLinkAllowed(`https://${extra}-x.${top}/${clean}`, domains)).toBe(false);
      }),
    );
  });

  it('nothing is allowed by an empty list, and a text that is no URL is never allowed', () => {
    expect(deepLinkAllowed('https://shop.example/', [])).toBe(false);
    expect(deepLinkAllowed('not a url', ['shop.example'])).toBe(false);
  });
});
