import { type LinkCheckResult } from '../../src/linkCheck/types';
import { checkLink } from '../../src/linkCheck/check';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { WEB_CASES, type WebCase } from '../../sandbox/web';

let sandbox: Sandbox;
let baseUrl: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  baseUrl = sandbox.env.LINK_CHECK_BASE_URL;
});
afterAll(() => sandbox.close());

/** What the sandbox logs for a request of `url` under /web. */
function webPath(url: string): string {
  const u = new URL(url);
  return `/${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}`;
}

const webCalls = (): string[] =>
  sandbox.calls.filter((c) => c.network === 'web').map((c) => c.path);

async function check(c: WebCase): Promise<LinkCheckResult> {
  sandbox.resetCalls();
  return checkLink(c.url, { baseUrl, expectedDomains: c.expectedDomains });
}

const byName = (name: string): WebCase => {
  const found = WEB_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no sandbox case ${name}`);
  return found;
};

describe('the sandbox web, checked in test mode', () => {
  it('announces its base URL like the other sandbox networks', () => {
    expect(baseUrl).toBe(`${sandbox.url}/web`);
  });

  describe.each(WEB_CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    let result: LinkCheckResult;
    beforeAll(async () => {
      result = await check(c);
    });

    it(`is ${c.expected}, with a reason in words`, () => {
      expect(result.status).toBe(c.expected);
      expect(result.healthy).toBe(c.expected === 'ok');
      expect(result.reason.length).toBeGreaterThan(40);
      expect(result.reason).not.toMatch(/undefined|\[object/);
      expect(result.url).toBe(c.url);
      expect(new Date(result.checked_at).toISOString()).toBe(result.checked_at);
      expect(result.elapsed_ms).toBeGreaterThanOrEqual(0);
    });

    it('lists every response of the chain, in order, and requested exactly the chain', () => {
      const answered = c.expected === 'timeout' ? c.chain.slice(0, -1) : c.chain;
      expect(result.redirects).toEqual(
        answered.map((url, i) => ({ step: i + 1, status: expect.any(Number) as number, url })),
      );
      expect(result.final_url).toBe(c.chain[c.chain.length - 1]);
      expect(webCalls()).toEqual(c.chain.map(webPath));
      if (c.neverRequested) {
        const never = new URL(c.neverRequested);
        expect(webCalls()).not.toContain(webPath(c.neverRequested));
        // Nor through any other door (e.g. the sandbox's own address).
        expect(webCalls().some((p) => p.split('?')[0].endsWith(never.pathname))).toBe(false);
      }
    });
  });
});

describe('what each case says', () => {
  it('healthy Awin deep link: lands on the product with the click id', async () => {
    const r = await check(byName('healthy-awin'));
    expect(r).toMatchObject({
      status: 'ok',
      healthy: true,
      network: 'awin',
      hops: 1,
      final_status: 200,
      landing_domain: 'www.acmeshoes.example',
      click_id_found: true,
      programme_status: '',
    });
    expect(r.redirects.map((h) => h.status)).toEqual([302, 200]);
    expect(new URL(r.final_url).searchParams.get('awc')).toMatch(/^1001_/);
  });

  it('home-page fallback: wrong destination, naming the page asked for', async () => {
    const r = await check(byName('home-page-fallback'));
    expect(r.status).toBe('wrong_destination');
    expect(r.reason).toContain('/tents/fjell-2p');
    expect(r.reason).toContain('home page');
    expect(r.landing_domain).toBe('www.nordicoutdoor.example');
  });

  it('404 product: broken, saying page not found', async () => {
    const r = await check(byName('product-404'));
    expect(r).toMatchObject({ status: 'broken', final_status: 404, hops: 1 });
    expect(r.reason).toContain('404 (page not found)');
  });

  it('loop: redirect_loop, without requesting the repeated page again', async () => {
    const r = await check(byName('redirect-loop'));
    expect(r).toMatchObject({
      status: 'redirect_loop',
      hops: 3,
      final_status: null,
      landing_domain: '',
    });
    expect(r.reason).toContain('https://www.casaverde.example/en/garden/terracotta-pot');
    expect(r.redirects.map((h) => h.status)).toEqual([302, 302, 302, 302]);
  });

  it('eleven redirects: ten followed, the eleventh not requested', async () => {
    const r = await check(byName('eleven-redirects'));
    expect(r).toMatchObject({ status: 'too_many_redirects', hops: 10, final_status: null });
    expect(r.redirects).toHaveLength(11);
    expect(webCalls()).toHaveLength(11);
    expect(webCalls().some((p) => p.endsWith('/r/12'))).toBe(false);
  });

  it('meta refresh: followed (with &amp; decoded) to the shop page', async () => {
    const r = await check(byName('meta-refresh'));
    expect(r).toMatchObject({
      status: 'ok',
      network: 'everflow',
      hops: 1,
      click_id_found: null,
      landing_domain: 'shop.brightlamps.example',
    });
    expect(r.redirects[0].status).toBe(200);
    expect(new URL(r.final_url).searchParams.get('utm_source')).toBe('everflow');
  });

  it('click id dropped: warning that sales may not be credited', async () => {
    const r = await check(byName('click-id-dropped'));
    expect(r).toMatchObject({ status: 'warning', click_id_found: false, hops: 2 });
    expect(r.reason).toContain('awc');
  });

  it('bot wall: inconclusive, not broken', async () => {
    const r = await check(byName('bot-wall'));
    expect(r).toMatchObject({ status: 'inconclusive', final_status: 403 });
    expect(r.reason).toContain('bot wall');
  });

  it('redirect to a private address: blocked, and nothing was sent to it', async () => {
    const r = await check(byName('private-address-redirect'));
    expect(r).toMatchObject({ status: 'blocked', healthy: false, hops: 1, final_status: null });
    expect(r.reason).toContain('10.0.0.5');
    expect(r.reason).toContain('private network address');
    expect(webCalls()).toHaveLength(2);
    expect(webCalls().some((p) => p.includes('10.0.0.5'))).toBe(false);
  });

  it("redirect to the checking machine's own address: blocked before any request", async () => {
    const r = await check(byName('loopback-redirect'));
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('loopback');
    expect(webCalls()).toEqual(['/https/go.linkhop.example/r/loopback']);
  });

  it('slow hop: timeout after 5 s, naming the slow host', async () => {
    const r = await check(byName('slow-hop'));
    expect(r.status).toBe('timeout');
    expect(r.reason).toContain('www.gourmetcrate.example');
    expect(r.reason).toContain('5 seconds');
    expect(r.final_status).toBeNull();
    // It waited for the hop's whole 5 s before giving up (how much longer is for npm run bench).
    expect(r.elapsed_ms).toBeGreaterThanOrEqual(4_900);
  });

  it('JavaScript redirect: warning that the rest was not checked', async () => {
    const r = await check(byName('javascript-redirect'));
    expect(r).toMatchObject({ status: 'warning', click_id_found: true, final_status: 200 });
    expect(r.reason).toContain('JavaScript');
  });

  it("programme inactive: broken, ending on Awin's own host", async () => {
    const r = await check(byName('programme-inactive'));
    expect(r).toMatchObject({
      status: 'broken',
      landing_domain: 'www.awin1.com',
      final_status: 200,
    });
    expect(r.reason).toContain("Awin's own site");
  });

  it('cookie check: the cookie set on one hop is sent back on the next', async () => {
    // Awin's cookie is Secure and set by https://www.awin1.com: it is kept and sent back only
    // because the jar goes by the link's own URL, not by the sandbox's plain-http address.
    const r = await check(byName('cookie-check'));
    expect(r.status).toBe('ok');
    expect(r.landing_domain).toBe('www.harborwine.example');
  });

  it('app hand-off: a warning that says which kind of link ended the chain', async () => {
    const r = await check(byName('app-store-hand-off'));
    expect(r).toMatchObject({ status: 'warning', network: 'offerslook', landing_domain: '' });
    expect(r.reason).toContain('"market:"');
  });

  it('the programme status given by the caller wins over a working chain, which is still reported', async () => {
    sandbox.resetCalls();
    const c = byName('healthy-awin');
    const r = await checkLink(c.url, {
      baseUrl,
      programme: { status: 'suspended', notTracking: true },
    });
    expect(r).toMatchObject({
      status: 'not_tracking',
      healthy: false,
      programme_status: 'suspended',
      final_status: 200,
      hops: 1,
    });
    expect(r.reason).toContain('"suspended"');
  });

  it('an expected domain given by the user is checked against the landing host', async () => {
    sandbox.resetCalls();
    const c = byName('healthy-awin');
    const wrong = await checkLink(c.url, { baseUrl, expectedDomains: ['nordicoutdoor.example'] });
    expect(wrong.status).toBe('wrong_destination');
    const right = await checkLink(c.url, {
      baseUrl,
      expectedDomains: ['https://acmeshoes.example/'],
    });
    expect(right.status).toBe('ok');
  });

  it('a mobile check looks like a phone', async () => {
    sandbox.resetCalls();
    const r = await checkLink(byName('healthy-awin').url, { baseUrl, device: 'mobile' });
    expect(r.status).toBe('ok');
  });
});

describe('literal addresses and refused names, in test mode', () => {
  it.each([
    'http://127.0.0.1:4010/web/https/www.acmeshoes.example/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://10.0.0.5/admin',
    'http://169.254.169.254/latest/meta-data/',
    'http://[fd00:ec2::254]/',
    'http://localhost/',
    'https://shop.localhost/',
    'http://printer.local/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://intranet/',
  ])('%s is blocked before any request', async (url) => {
    sandbox.resetCalls();
    const r = await checkLink(url, { baseUrl });
    expect(r).toMatchObject({
      status: 'blocked',
      healthy: false,
      final_url: '',
      final_status: null,
      landing_domain: '',
      hops: 0,
      redirects: [],
    });
    expect(r.reason).toMatch(/never opened/);
    expect(sandbox.calls).toEqual([]);
  });

  it.each(['https://www.acmeshoes.example:8443/', 'http://www.acmeshoes.example:6379/'])(
    '%s (not a web port) is blocked before any request',
    async (url) => {
      sandbox.resetCalls();
      const r = await checkLink(url, { baseUrl });
      expect(r).toMatchObject({ status: 'blocked', final_url: '', hops: 0, redirects: [] });
      expect(r.reason).toContain('which is not a web port (only 80 and 443 are followed)');
      expect(sandbox.calls).toEqual([]);
    },
  );

  it('the sandbox own URL is blocked too', async () => {
    sandbox.resetCalls();
    const r = await checkLink(`${sandbox.url}/web/https/www.acmeshoes.example/`, { baseUrl });
    expect(r.status).toBe('blocked');
    expect(sandbox.calls).toEqual([]);
  });
});
