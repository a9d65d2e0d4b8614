import { hostMatches, hostOfUrl, normalizeDomain } from '../../src/core/url';
import fc from 'fast-check';

import { rankMatches } from '../../src/anyUrl/match';

import { NETWORK_IDS } from '../../src/connection/registry';

/** A DNS label (not an `xn--` one: random text after it is rarely valid punycode). */
const label = fc
  .stringMatching(/^[a-z0-9]([a-z0-9-]{0,12}[a-z0-9])?$/)
  .filter((text) => !text.startsWith('xn--'));
const tld = fc.constantFrom('example', 'test', 'shop', 'com', 'de');

/** A normalised shop domain: 1–3 labels, not starting with www, on a letters-only TLD. */
const domain = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), tld)
  .map(([labels, top]) => [...labels, top].join('.'))
  .filter((value) => !value.startsWith('www.') && normalizeDomain(value) === value);

/** Labels put in front of a domain to make a subdomain (www included). */
const prefix = fc.array(fc.oneof(label, fc.constant('www')), { minLength: 0, maxLength: 3 });

function randomCase(text: string, seed: number): string {
  return [...text].map((char, i) => ((seed >> (i % 16)) & 1 ? char.toUpperCase() : char)).join('');
}

describe('URL matching properties', () => {
  it('a host built as <labels>.<domain> always matches the domain, in any case, port or scheme', () => {
    fc.assert(
      fc.property(
        prefix,
        domain,
        fc.integer({ min: 0, max: 0xffff }),
        fc.constantFrom('http', 'https'),
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        (labels, shop, seed, scheme, port) => {
          const host = [...labels, shop].join('.');
          const url = `${scheme}://${randomCase(host, seed)}${port ? `:${port}` : ''}/p?q=1`;
          const normalised = hostOfUrl(url);
          expect(normalised).toBeDefined();
          expect(hostMatches(normalised as string, shop)).toBe(true);
        },
      ),
    );
  });

  it('a host that only contains the domain elsewhere never matches it', () => {
    fc.assert(
      fc.property(
        domain,
        label,
        fc.constantFrom('evil.io', 'attacker.net', 'io'),
        fc.stringMatching(/^[a-z0-9]{1,10}$/),
        (shop, sub, evilSuffix, glued) => {
          for (const lookAlike of [
            `${shop}.${evilSuffix}`,
            `${sub}.${shop}.${evilSuffix}`,
            `${glued}${shop}`,
            `${shop}-${glued}.${evilSuffix}`,
          ]) {
            const host = hostOfUrl(`https://${lookAlike}/`);
            if (host !== undefined) expect(hostMatches(host, shop)).toBe(false);
          }
        },
      ),
    );
  });

  it('normalisation is idempotent', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.domain(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc
            .tuple(prefix, domain, fc.integer({ min: 0, max: 0xffff }))
            .map(([labels, shop, seed]) => randomCase([...labels, shop, ''].join('.'), seed)),
          fc.constantFrom('bücher.example', 'ÄÖÜ.example', 'münchen.de.', 'ＥＸＡＭＰＬＥ.com'),
        ),
        (value) => {
          const once = normalizeDomain(value);
          if (once !== undefined) expect(normalizeDomain(once)).toBe(once);
        },
      ),
    );
  });

  it('domain values given as full URLs or with user info, port and dots normalise like bare ones', () => {
    fc.assert(
      fc.property(domain, fc.integer({ min: 0, max: 0xffff }), (shop, seed) => {
        const mixed = randomCase(shop, seed);
        for (const form of [
          mixed,
          `www.${mixed}.`,
          `https://user:pw@www.${mixed}:8443/path?x=1#y`,
          `${mixed}/any/path`,
        ]) {
          expect(normalizeDomain(form)).toBe(shop);
        }
      }),
    );
  });

  it('ranking: matched domains never get longer down the list, and ties keep the network order', () => {
    const candidate = fc.record({
      network: fc.constantFrom(...NETWORK_IDS),
      domains: fc.array(domain, { minLength: 1, maxLength: 3 }),
      landings: fc.constant([]),
    });
    fc.assert(
      fc.property(prefix, domain, fc.array(candidate, { maxLength: 12 }), (labels, shop, list) => {
        const withShop = list.map((item, i) =>
          i % 2 === 0 ? { ...item, domains: [...item.domains, shop] } : item,
        );
        const host = [...labels, shop].join('.');
        const ranked = rankMatches(`https://${host}/`, withShop);
        for (let i = 1; i < ranked.length; i++) {
          const [before, after] = [ranked[i - 1], ranked[i]];
          expect(after.matchedDomain.length).toBeLessThanOrEqual(before.matchedDomain.length);
          if (after.matchedDomain.length === before.matchedDomain.length) {
            const order = (n: string) => NETWORK_IDS.indexOf(n as (typeof NETWORK_IDS)[number]);
            expect(order(after.candidate.network)).toBeGreaterThanOrEqual(
              order(before.candidate.network),
            );
          }
        }
        expect(ranked.length).toBeGreaterThanOrEqual(Math.ceil(list.length / 2));
      }),
    );
  });
});
