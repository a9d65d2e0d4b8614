import { hostMatches, hostOfUrl, normalizeDomain, withoutMacros } from '../../src/core/url';
import { directoryCacheKey } from '../../src/anyUrl/directory';

import { bestLanding, longestMatch, pathScore, rankMatches } from '../../src/anyUrl/match';
import { type Landing } from '../../src/core/network';

import { type NetworkId } from '../../src/connection/registry';

describe('normalizeDomain', () => {
  it.each([
    ['acmeshoes.example', 'acmeshoes.example'],
    ['  WWW.AcmeShoes.Example.  ', 'acmeshoes.example'],
    ['www.www.acmeshoes.example', 'acmeshoes.example'],
    [
      'https://user:secret@www.shop.acmeshoes.example:8443/trainers?x=1#top',
      'shop.acmeshoes.example',
    ],
    ['http://acmeshoes.example', 'acmeshoes.example'],
    ['acmeshoes.example/trainers', 'acmeshoes.example'],
    ['acmeshoes.example:443', 'acmeshoes.example'],
    ['//cdn.acmeshoes.example/x', 'cdn.acmeshoes.example'],
    ['*.acmeshoes.example', 'acmeshoes.example'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['https://www.Bücher.example/', 'xn--bcher-kva.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example'],
    ['www2.acmeshoes.example', 'www2.acmeshoes.example'],
  ])('%j → %j', (value, expected) => {
    expect(normalizeDomain(value)).toBe(expected);
  });

  it.each([
    '',
    '   ',
    'localhost',
    'www.example',
    'com',
    '192.168.0.1',
    '[::1]',
    'http://[2001:db8::1]/',
    'exa mple.com',
    'a..example',
    '-acme.example',
    'https://',
  ])('%j has no usable domain', (value) => {
    expect(normalizeDomain(value)).toBeUndefined();
  });
});

describe('hostMatches', () => {
  it.each([
    ['acmeshoes.example', 'acmeshoes.example', true],
    ['shop.acmeshoes.example', 'acmeshoes.example', true],
    ['a.b.shop.acmeshoes.example', 'shop.acmeshoes.example', true],
    ['acmeshoes.example', 'shop.acmeshoes.example', false],
    ['acmeshoes.example.evil.io', 'acmeshoes.example', false],
    ['shop.acmeshoes.example.evil.io', 'acmeshoes.example', false],
    ['evilacmeshoes.example', 'acmeshoes.example', false],
    ['acmeshoes.example.co', 'acmeshoes.example', false],
  ])('%j against %j: %s', (host, domain, expected) => {
    expect(hostMatches(host, domain)).toBe(expected);
  });

  it('takes the longest matching domain', () => {
    const domains = ['acmeshoes.example', 'shop.acmeshoes.example', 'other.example'];
    expect(longestMatch('eu.shop.acmeshoes.example', domains)).toBe('shop.acmeshoes.example');
    expect(longestMatch('acmeshoes.example', domains)).toBe('acmeshoes.example');
    expect(longestMatch('evil.example', domains)).toBeUndefined();
  });

  it('reads the host of a URL the same way', () => {
    expect(hostOfUrl('https://WWW.Shop.AcmeShoes.example.:8080/x')).toBe('shop.acmeshoes.example');
    expect(hostOfUrl('not a url')).toBeUndefined();
  });
});

describe('landing pages', () => {
  const page = (id: number, url: string): Landing => ({
    id,
    url,
    domain: hostOfUrl(url) as string,
  });

  it('scores the part of the path a landing page covers, on whole segments', () => {
    const url = 'https://shop.example/desk/led/aurora?x=1';
    expect(pathScore(url, 'https://shop.example/desk/led')).toBe('/desk/led'.length);
    expect(pathScore(url, 'https://shop.example/desk/')).toBe('/desk'.length);
    expect(pathScore(url, 'https://shop.example/de')).toBe(0);
    expect(pathScore(url, 'https://shop.example/')).toBe(0);
    expect(pathScore(url, 'https://shop.example/garden')).toBe(0);
  });

  it('prefers the longest domain, then the path, then the default page, then list order', () => {
    const landings = [
      page(0, 'https://brand.example/'),
      page(1, 'https://shop.brand.example/'),
      page(2, 'https://shop.brand.example/lamps'),
      page(3, 'https://shop.brand.example/lamps'),
    ];
    expect(bestLanding('https://shop.brand.example/lamps/desk', landings)?.id).toBe(2);
    expect(bestLanding('https://shop.brand.example/chairs', landings)?.id).toBe(1);
    expect(bestLanding('https://brand.example/chairs', landings)?.id).toBe(0);
    expect(bestLanding('https://other.example/', landings)).toBeUndefined();
    const tied = [page(5, 'https://brand.example/a'), page(0, 'https://brand.example/b')];
    expect(bestLanding('https://brand.example/c', tied)?.id).toBe(0);
  });
});

describe('rankMatches', () => {
  const candidate = (network: NetworkId, id: number, domains: string[]) => ({
    network,
    id,
    domains,
    landings: [],
  });

  it('longest domain first; ties Awin, Everflow, Offerslook; then the given order', () => {
    const ranked = rankMatches('https://eu.shop.acmeshoes.example/x', [
      candidate('offerslook', 1, ['acmeshoes.example']),
      candidate('everflow', 2, ['acmeshoes.example']),
      candidate('offerslook', 3, ['shop.acmeshoes.example']),
      candidate('awin', 4, ['acmeshoes.example']),
      candidate('everflow', 5, ['acmeshoes.example']),
      candidate('awin', 6, ['evil.example']),
    ]);
    expect(ranked.map(({ candidate: c, matchedDomain }) => [c.id, matchedDomain])).toEqual([
      [3, 'shop.acmeshoes.example'],
      [4, 'acmeshoes.example'],
      [2, 'acmeshoes.example'],
      [5, 'acmeshoes.example'],
      [1, 'acmeshoes.example'],
    ]);
  });
});

describe('withoutMacros', () => {
  it('drops query parameters whose value is an Everflow macro, and keeps the rest as given', () => {
    expect(withoutMacros('https://shop.example/a?tid={transaction_id}&ref=aff')).toBe(
      'https://shop.example/a?ref=aff',
    );
    expect(withoutMacros('https://shop.example/a?tid={transaction_id}')).toBe(
      'https://shop.example/a',
    );
    expect(withoutMacros('https://shop.example/a?q=two%20words')).toBe(
      'https://shop.example/a?q=two%20words',
    );
  });
});

describe('directoryCacheKey', () => {
  const auth = { awin_access_token: 'secret-awin-token-123', awin_publisher_id: '100001' };

  it('is a hash: the credential never appears in it', () => {
    const key = directoryCacheKey('awin', auth);
    expect(key).toMatch(/^urlmatch:v3:awin:[0-9a-f]{40}$/);
    expect(key).not.toContain('secret-awin-token-123');
  });

  it('differs per credential and per publisher account, and ignores spaces around them', () => {
    const key = directoryCacheKey('awin', auth);
    expect(directoryCacheKey('awin', { ...auth, awin_publisher_id: '100002' })).not.toBe(key);
    expect(directoryCacheKey('awin', { ...auth, awin_access_token: 'other-token' })).not.toBe(key);
    expect(directoryCacheKey('awin', { ...auth, awin_publisher_id: ' 100001 ' })).toBe(key);
    // One list per account the credential reaches.
    expect(directoryCacheKey('awin', auth, 100002)).not.toBe(
      directoryCacheKey('awin', auth, 100003),
    );
  });
});
