import { parseLinkToCheck } from '../../src/linkCheck/input';
import { LinkCheckInputError } from '../../src/linkCheck/input';
import { detectNetwork } from '../../src/linkCheck/network';
import { clickIdParam } from '../../src/linkCheck/network';
import { deepLinkDestination } from '../../src/linkCheck/network';
import { inferExpectedFromLink } from '../../src/linkCheck/network';
import { isDeepLink } from '../../src/linkCheck/network';
import { normalizeDomain } from '../../src/core/url';
import { isHomePage } from '../../src/linkCheck/network';
import { rewriteForTestMode } from '../../src/linkCheck/fetch';
import { checkLink, linkCheckBaseUrlFromEnv, LinkCheckSetupError } from '../../src/linkCheck/check';
import { reasonOf } from '../../src/core/errors';
import { decodeEntities } from '../../src/core/text';

import { CookieJar } from '../../src/linkCheck/cookies';
import { findMetaRefresh, hasJavaScriptRedirect } from '../../src/linkCheck/page';

const AWIN_DEEP =
  'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=' +
  encodeURIComponent('https://www.acmeshoes.example/products/trail-runner');

describe('parseLinkToCheck', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['not a link', 'not_a_url'],
    ['/relative/path', 'not_a_url'],
    ['www.acmeshoes.example/sale', 'not_a_url'],
    ['ftp://files.example/x', 'unsupported_scheme'],
    ['javascript:alert(1)', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['https://user:secret@shop.example/', 'has_credentials'],
    ['https://user@shop.example/', 'has_credentials'],
    [`https://shop.example/${'a'.repeat(2049)}`, 'too_long'],
  ])('refuses %j as %s, in words', (input, code) => {
    let caught: unknown;
    try {
      parseLinkToCheck(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LinkCheckInputError);
    const error = caught as LinkCheckInputError;
    expect(error.reason).toEqual({ kind: 'invalid_input', code });
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('takes an absolute http(s) link of up to 2,048 characters, trimmed', () => {
    const long = `https://shop.example/${'a'.repeat(2048 - 'https://shop.example/'.length)}`;
    expect(long).toHaveLength(2048);
    expect(parseLinkToCheck(long).hostname).toBe('shop.example');
    expect(parseLinkToCheck('  https://tidd.ly/abc  ').href).toBe('https://tidd.ly/abc');
  });
});

describe('link facts', () => {
  it.each([
    [AWIN_DEEP, 'awin'],
    ['https://www.awin1.com/awclick.php?mid=1001&id=100001', 'awin'],
    ['https://awin1.com/pclick.php?p=1&a=2&m=3', 'awin'],
    ['https://tidd.ly/3xAcMe1', 'awin'],
    ['https://www.acmetrk.example/GUC6/5MAH/?sub1=spring', 'everflow'],
    ['https://oltest1.offerstrack.net/index.php?offer_id=16&aff_id=5547', 'offerslook'],
    ['https://click.dev.offerslook.com/index.php?offer_id=16&aff_id=40', 'offerslook'],
    ['https://track.demo-offers.example/index.php?offer_id=16&aff_id=1207', 'offerslook'],
    ['https://www.acmeshoes.example/products/trail-runner', ''],
    ['https://www.shop.example/US/EN/', ''],
    ['https://www.awin1.com.evil.example/cread.php', ''],
  ])('detectNetwork(%s) = %j', (url, network) => {
    expect(detectNetwork(url)).toBe(network);
  });

  it("counts a connected network's tracking domains as its own", () => {
    expect(
      detectNetwork('https://go.acmedeals.example/c/x', { everflow: ['go.acmedeals.example'] }),
    ).toBe('everflow');
    expect(
      detectNetwork('https://track.partner.example/x', { offerslook: ['partner.example'] }),
    ).toBe('offerslook');
  });

  it('names the click id only where the network has one fixed name for it', () => {
    expect(clickIdParam('awin')).toBe('awc');
    expect(clickIdParam('everflow')).toBeNull();
    expect(clickIdParam('offerslook')).toBeNull();
    expect(clickIdParam('')).toBeNull();
  });

  it('reads the destination of a deep link', () => {
    expect(deepLinkDestination(AWIN_DEEP)?.href).toBe(
      'https://www.acmeshoes.example/products/trail-runner',
    );
    expect(inferExpectedFromLink(AWIN_DEEP)).toEqual(['acmeshoes.example']);
    const everflow =
      'https://www.acmetrk.example/GUC6/5MAH/?url=' +
      encodeURIComponent('https://shop.brightlamps.example/desk/led');
    expect(inferExpectedFromLink(everflow)).toEqual(['shop.brightlamps.example']);
    expect(isDeepLink(everflow)).toBe(true);
    expect(isDeepLink(AWIN_DEEP)).toBe(true);
  });

  it('does not call a link to a home page, a default link or a shop link a deep link', () => {
    const home =
      'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=1&ued=' +
      encodeURIComponent('https://www.acmeshoes.example/');
    expect(isDeepLink(home)).toBe(false);
    expect(isDeepLink('https://www.awin1.com/awclick.php?mid=1001&id=100001')).toBe(false);
    expect(isDeepLink('https://www.acmeshoes.example/products/x?ued=https://a.example/b')).toBe(
      false,
    );
    expect(inferExpectedFromLink('https://www.awin1.com/awclick.php?mid=1001&id=1')).toEqual([]);
  });

  it('normalises expected domains given as domains or URLs', () => {
    expect(normalizeDomain('Shop.Example')).toBe('shop.example');
    expect(normalizeDomain('www.shop.example')).toBe('shop.example');
    expect(normalizeDomain('https://www.shop.example/path?q=1')).toBe('shop.example');
    expect(normalizeDomain('shop.example/sale')).toBe('shop.example');
    expect(normalizeDomain('  ')).toBeUndefined();
  });

  it('knows a home page with only tracking parameters from a real page', () => {
    expect(isHomePage(new URL('https://shop.example/'))).toBe(true);
    expect(isHomePage(new URL('https://shop.example/?awc=1_2_3&utm_source=awin&sub1=x'))).toBe(
      true,
    );
    expect(isHomePage(new URL('https://shop.example/?product=42'))).toBe(false);
    expect(isHomePage(new URL('https://shop.example/tents'))).toBe(false);
  });
});

describe('test mode', () => {
  it('rewrites a hop under the base URL, keeping scheme, host, port, path and query', () => {
    const base = 'http://127.0.0.1:4010/web/';
    expect(rewriteForTestMode(base, new URL('https://www.awin1.com/cread.php?a=1&b=2')).href).toBe(
      'http://127.0.0.1:4010/web/https/www.awin1.com/cread.php?a=1&b=2',
    );
    expect(rewriteForTestMode(base, new URL('http://shop.example:8080/x')).href).toBe(
      'http://127.0.0.1:4010/web/http/shop.example:8080/x',
    );
  });

  it('reads LINK_CHECK_BASE_URL when it is an http(s) URL on this machine', () => {
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: 'http://127.0.0.1:4010/web/' })).toBe(
      'http://127.0.0.1:4010/web',
    );
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: ' http://localhost:4010/web ' })).toBe(
      'http://localhost:4010/web',
    );
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: 'http://[::1]:4010/web' })).toBe(
      'http://[::1]:4010/web',
    );
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: 'http://127.8.9.10/web' })).toBe(
      'http://127.8.9.10/web',
    );
    expect(linkCheckBaseUrlFromEnv({})).toBeUndefined();
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: '' })).toBeUndefined();
    expect(linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: '   ' })).toBeUndefined();
  });

  it.each([
    ['https://checker.example/web', 'checker.example'],
    ['http://10.0.0.5:4010/web', '10.0.0.5'],
    ['http://169.254.169.254/latest', '169.254.169.254'],
    ['http://localhost.attacker.example/web', 'localhost.attacker.example'],
    ['http://0.0.0.0:4010/web', '0.0.0.0'],
    ['http://[::ffff:7f00:1]/web', '[::ffff:7f00:1]'],
  ])('stops the run when LINK_CHECK_BASE_URL is %s, naming the variable', (value, host) => {
    let caught: unknown;
    try {
      linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: value });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LinkCheckSetupError);
    expect(reasonOf(caught)).toEqual({ kind: 'invalid_input', code: 'unsafe_override' });
    const message = (caught as Error).message;
    expect(message).toContain('LINK_CHECK_BASE_URL');
    expect(message).toContain(`points at ${host}, which is not this machine`);
    expect(message).toContain('only for tests and the sandbox');
  });

  it.each(['not a url', 'ftp://127.0.0.1/web', 'http://user:secret@127.0.0.1:4010/web'])(
    'stops the run when LINK_CHECK_BASE_URL is %j, without repeating it',
    (value) => {
      expect(() => linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: value })).toThrow(
        /^LINK_CHECK_BASE_URL is not a (web|plain http:\/\/ or https:\/\/) address\. LINK_CHECK_BASE_URL exists only for tests and the sandbox: remove it from your environment \(\.env\) to check links on the web itself\.$/,
      );
      expect(() => linkCheckBaseUrlFromEnv({ LINK_CHECK_BASE_URL: value })).not.toThrow(/secret/);
    },
  );

  it('refuses a base URL given to checkLink directly that leaves this machine, before any request', async () => {
    await expect(
      checkLink('https://shop.example/', { baseUrl: 'http://checker.example/web' }),
    ).rejects.toThrow(LinkCheckSetupError);
  });
});

describe('reading pages', () => {
  it.each([
    ['<meta http-equiv="refresh" content="0;url=https://a.example/x">', 'https://a.example/x'],
    ["<META HTTP-EQUIV='Refresh' CONTENT='2; URL=/next'>", '/next'],
    ['<meta content="0; url=\'https://a.example/q\'" http-equiv="refresh">', 'https://a.example/q'],
    ['<meta http-equiv=refresh content=0;url=https://a.example/>', 'https://a.example/'],
    ['<meta http-equiv="refresh" content="1, https://a.example/c">', 'https://a.example/c'],
    ['<meta http-equiv="refresh" content="0;url=/p?a=1&amp;b=2">', '/p?a=1&b=2'],
  ])('finds the meta refresh in %s', (html, target) => {
    expect(findMetaRefresh(`<html><head>${html}</head></html>`)).toBe(target);
  });

  it.each([
    '<meta http-equiv="refresh" content="30;url=https://a.example/">',
    '<meta http-equiv="refresh" content="5">',
    '<meta name="description" content="0;url=https://a.example/">',
    '<p>no tags</p>',
  ])('sees no redirect in %s', (html) => {
    expect(findMetaRefresh(html)).toBeUndefined();
  });

  it('decodes character references in attribute values', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&quot;')).toBe('a&b&c&d"');
    expect(decodeEntities('&unknown;')).toBe('&unknown;');
  });

  it.each([
    '<script>location.href = "https://a.example/";</script>',
    '<script>window.location="https://a.example/"</script>',
    '<script>window.location.replace("https://a.example/")</script>',
    '<script>document.location = next;</script>',
    '<script>top.location.assign(u)</script>',
  ])('notices a JavaScript redirect in %s', (html) => {
    expect(hasJavaScriptRedirect(html)).toBe(true);
  });

  it.each([
    '<script>if (location.href == x) {}</script>',
    '<script>console.log(window.location.pathname)</script>',
    '<p>Our location: London</p>',
  ])('does not mistake %s for a redirect', (html) => {
    expect(hasJavaScriptRedirect(html)).toBe(false);
  });
});

describe('CookieJar', () => {
  const at = (url: string): URL => new URL(url);

  it('sends a cookie back to the host that set it, and not to others', async () => {
    const jar = await CookieJar.open();
    jar.store(at('https://www.awin1.com/cread.php'), ['aw1=abc; Path=/; Secure; HttpOnly', 'x=1']);
    expect(jar.header(at('https://www.awin1.com/next'))).toBe('aw1=abc; x=1');
    expect(jar.header(at('https://shop.example/'))).toBeUndefined();
    expect(jar.header(at('https://sub.www.awin1.com/'))).toBeUndefined();
    // Secure cookies never go over plain http.
    expect(jar.header(at('http://www.awin1.com/'))).toBe('x=1');
  });

  it('does not keep a Secure cookie set over plain http', async () => {
    const jar = await CookieJar.open();
    jar.store(at('http://shop.example/'), ['session=s1; Path=/; Secure', 'plain=1; Path=/']);
    expect(jar.header(at('https://shop.example/'))).toBe('plain=1');
    expect(jar.header(at('http://shop.example/'))).toBe('plain=1');
  });

  it('shares a Domain cookie with subdomains, and refuses a Domain that is not the host', async () => {
    const jar = await CookieJar.open();
    jar.store(at('https://www.shop.example/'), [
      'session=s1; Domain=.shop.example',
      'evil=1; Domain=other.example',
    ]);
    expect(jar.header(at('https://checkout.shop.example/'))).toBe('session=s1');
    expect(jar.header(at('https://other.example/'))).toBeUndefined();
  });

  it.each([
    ['https://www.shop.co.uk/', 'co.uk', 'https://another-shop.co.uk/'],
    ['https://www.shop.com/', 'com', 'https://tracker.com/'],
    ['https://shop.github.io/', 'github.io', 'https://other.github.io/'],
  ])('refuses a cookie from %s for the public suffix %s', async (from, suffix, elsewhere) => {
    const jar = await CookieJar.open();
    jar.store(at(from), [
      `wide=1; Domain=${suffix}; Path=/`,
      `dotted=1; Domain=.${suffix}; Path=/`,
    ]);
    expect(jar.header(at(elsewhere))).toBeUndefined();
    expect(jar.header(at(from))).toBeUndefined();
  });

  it('sends a cookie only under its Path', async () => {
    const jar = await CookieJar.open();
    jar.store(at('https://shop.example/checkout/start'), [
      'cart=1; Path=/checkout',
      'site=1; Path=/',
      // Without Path, the default is the directory of the page that set it: /checkout.
      'step=1',
    ]);
    expect(jar.header(at('https://shop.example/checkout/pay'))).toBe('cart=1; step=1; site=1');
    expect(jar.header(at('https://shop.example/checkout'))).toBe('cart=1; step=1; site=1');
    expect(jar.header(at('https://shop.example/checkouts'))).toBe('site=1');
    expect(jar.header(at('https://shop.example/'))).toBe('site=1');
  });

  it('replaces a cookie set again and forgets an expired one', async () => {
    const jar = await CookieJar.open();
    const url = at('https://shop.example/');
    jar.store(url, 'a=1');
    jar.store(url, 'a=2');
    expect(jar.header(url)).toBe('a=2');
    jar.store(url, 'a=; Max-Age=0');
    expect(jar.header(url)).toBeUndefined();
  });

  it('keeps at most 50 cookies and none longer than 4 KiB, and one jar knows nothing of another', async () => {
    const jar = await CookieJar.open();
    const url = at('https://shop.example/');
    jar.store(url, [`big=${'x'.repeat(5000)}`]);
    expect(jar.header(url)).toBeUndefined();
    jar.store(
      url,
      Array.from({ length: 60 }, (_, i) => `c${i}=1`),
    );
    expect(jar.header(url)?.split('; ')).toHaveLength(50);
    expect((await CookieJar.open()).header(url)).toBeUndefined();
  });
});
