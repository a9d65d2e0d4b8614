import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { WEB_CASES, type WebCase } from '../../sandbox/web';
import { type BulkLinkCheckOutput } from '../../src/linkCheck/action';
import { type LinkCheckResult } from '../../src/linkCheck/types';
import { App, describeError, failure, run } from '../support/app';
import { useSandbox } from '../support/sandbox';

/**
 * Check Tracking Link and Check Tracking Links in Bulk through Zapier's runtime, against the
 * sandbox's imitation of the web (LINK_CHECK_BASE_URL) and of the networks' APIs.
 */
const sandbox = useSandbox({ awinCallsPerMinute: 1000 });

/** No network connected: the verdicts come from the web alone. */
const NO_NETWORK: Record<string, string> = {};
const partner: Record<string, string> = {
  ...DEMO_AUTH_DATA,
  everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
  everflow_api_type: 'affiliate',
};

const checkOne = (inputData: Record<string, unknown>, auth: Record<string, string> = NO_NETWORK) =>
  run<LinkCheckResult>(App.creates.check_tracking_link, inputData, auth);
const checkMany = (inputData: Record<string, unknown>, auth: Record<string, string> = NO_NETWORK) =>
  run<BulkLinkCheckOutput>(App.creates.check_tracking_links_batch, inputData, auth);

const input = (c: WebCase): Record<string, unknown> => ({
  url: c.url,
  expected_domain: c.expectedDomains?.join(', '),
});

/** What the sandbox logs for a request of `url` under /web. */
function webPath(url: string): string {
  const u = new URL(url);
  return `/${u.protocol.slice(0, -1)}/${u.host}${u.pathname}${u.search}`;
}

const webCalls = (): string[] =>
  sandbox
    .current()
    .calls.filter((c) => c.network === 'web')
    .map((c) => c.path);
/** API calls (not the web, not Zapier's own services) as "network METHOD path". */
const apiCalls = (): string[] =>
  sandbox
    .current()
    .calls.filter((c) => !['web', 'zapier'].includes(c.network))
    .map((c) => `${c.network} ${c.method} ${c.path}`);

const byName = (name: string): WebCase => {
  const found = WEB_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no sandbox case ${name}`);
  return found;
};

beforeEach(() => sandbox.current().resetCalls());

describe('Check Tracking Link: every sandbox case, no network connected', () => {
  it.each(WEB_CASES.map((c) => [c.name, c] as const))(
    '%s: the right status, reason, hop list and requests',
    async (_name, c) => {
      const r = await checkOne(input(c));
      expect(r.status).toBe(c.expected);
      expect(r.healthy).toBe(c.expected === 'ok');
      expect(r.reason.length).toBeGreaterThan(40);
      expect(r.reason).not.toMatch(/undefined|\[object/);
      expect(r.url).toBe(c.url);
      expect(r.programme_status).toBe('');
      const answered = c.expected === 'timeout' ? c.chain.slice(0, -1) : c.chain;
      expect(r.redirects).toEqual(
        answered.map((url, i) => ({ step: i + 1, status: expect.any(Number) as number, url })),
      );
      expect(r.hops).toBe(c.chain.length - 1);
      expect(r.final_url).toBe(c.chain[c.chain.length - 1]);
      expect(webCalls()).toEqual(c.chain.map(webPath));
      if (c.neverRequested) {
        const never = new URL(c.neverRequested);
        expect(webCalls().some((p) => p.split('?')[0].endsWith(never.pathname))).toBe(false);
      }
      expect(apiCalls()).toEqual([]);
    },
  );

  it('redirect to a private address: blocked, and the sandbox saw no request for it', async () => {
    const r = await checkOne(input(byName('private-address-redirect')));
    expect(r).toMatchObject({ status: 'blocked', healthy: false, hops: 1, final_status: null });
    expect(r.reason).toContain('10.0.0.5');
    expect(webCalls()).toHaveLength(2);
    expect(sandbox.current().calls.some((c) => c.path.includes('10.0.0.5'))).toBe(false);
    expect(sandbox.current().calls.some((c) => c.path.includes('/admin'))).toBe(false);
  });

  it('healthy Awin deep link: every output key filled', async () => {
    const r = await checkOne({ url: byName('healthy-awin').url, device: 'mobile' });
    expect(r).toMatchObject({
      status: 'ok',
      healthy: true,
      final_status: 200,
      landing_domain: 'www.acmeshoes.example',
      click_id_found: true,
      network: 'awin',
      programme_status: '',
    });
    expect(r.elapsed_ms).toBeGreaterThanOrEqual(0);
    expect(new Date(r.checked_at).toISOString()).toBe(r.checked_at);
  });

  it('an expected domain given by the user overrides the one the link names', async () => {
    const r = await checkOne({
      url: byName('healthy-awin').url,
      expected_domain: 'https://www.otherbrand.example/',
    });
    expect(r.status).toBe('wrong_destination');
    expect(r.reason).toContain('otherbrand.example');
  });
});

describe('literal addresses are refused before any request', () => {
  const LITERALS = [
    'http://127.0.0.1/admin',
    'http://10.0.0.5/admin',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::1]/',
    'http://[fd00:ec2::254]/',
    'http://localhost/',
    'http://printer.local/',
    'http://intranet/',
  ];

  it.each(LITERALS)('%s is blocked and nothing is sent', async (url) => {
    const r = await checkOne({ url });
    expect(r).toMatchObject({ status: 'blocked', healthy: false, hops: 0, final_url: '' });
    expect(r.redirects).toEqual([]);
    expect(webCalls()).toEqual([]);
  });

  it("the sandbox's own address is blocked too (test mode never bypasses vetting)", async () => {
    const r = await checkOne({ url: `${sandbox.current().url}/web/https/www.acmeshoes.example/` });
    expect(r.status).toBe('blocked');
    expect(webCalls()).toEqual([]);
  });
});

describe('input the checker will not take: the step fails before any request', () => {
  const BAD: [string, Record<string, unknown>, RegExp][] = [
    ['an empty URL', { url: '' }, /^URL is empty\. Enter the tracking link to check/],
    ['text that is no URL', { url: 'acme shoes trail runner' }, /^URL: .*not a full web address/],
    ['an ftp link', { url: 'ftp://files.example/a' }, /^URL: Only web links/],
    [
      'a user name and password',
      { url: 'https://jane:secret@www.acmeshoes.example/' },
      /^URL: .*password/,
    ],
    [
      'a link over 2,048 characters',
      { url: `https://a.example/${'x'.repeat(2100)}` },
      /^URL: .*2048/,
    ],
    [
      'an expected domain that is no domain',
      { url: 'https://www.acmeshoes.example/', expected_domain: 'not a domain!' },
      /Expected Domain/,
    ],
    ['an unknown device', { url: 'https://www.acmeshoes.example/', device: 'tv' }, /Device/],
  ];

  it.each(BAD)('%s', async (_what, inputData, message) => {
    const error = await failure(checkOne(inputData, DEMO_AUTH_DATA));
    const { name, message: text } = describeError(error);
    expect(name).toBe('AppError');
    expect(text).toMatch(message);
    expect(text).not.toMatch(/secret/);
    expect(sandbox.current().calls.filter((c) => c.network !== 'zapier')).toEqual([]);
  });
});

describe('programme status from the connected networks', () => {
  /** With the demo connection, cases whose programme the API reports as not tracking. */
  const NOT_TRACKING: Record<string, string> = {
    'programme-inactive': 'not joined',
    'server-error': 'not joined',
    'cookie-check': 'suspended',
    'app-store-hand-off': 'pending',
  };

  it('bulk run of every case with the demo connection: statuses, and each list read once', async () => {
    const out = await checkMany({ links: WEB_CASES.map(input) }, DEMO_AUTH_DATA);
    const got = out.links.map((row) => [WEB_CASES[row.index - 1].name, row.status]);
    expect(got).toEqual(
      WEB_CASES.map((c) => [c.name, c.name in NOT_TRACKING ? 'not_tracking' : c.expected]),
    );
    for (const [name] of Object.entries(NOT_TRACKING)) {
      const row = out.links[WEB_CASES.indexOf(byName(name))];
      expect(row.reason).toContain(`"${NOT_TRACKING[name]}"`);
      // The chain is still reported.
      expect(row.final_url).not.toBe('');
    }
    const calls = apiCalls().map((call) => call.split('?')[0]);
    expect(calls.sort()).toEqual(
      [
        'awin GET /publishers/100001/programmes',
        'awin GET /publishers/100001/programmes',
        'everflow GET /networks/trackingdomains',
        'offerslook GET /demo/aff/v1/batches/offers',
      ].sort(),
    );
    expect(
      apiCalls()
        .filter((c) => c.includes('relationship='))
        .sort(),
    ).toEqual([
      'awin GET /publishers/100001/programmes?relationship=joined',
      'awin GET /publishers/100001/programmes?relationship=suspended',
    ]);

    // The next run finds the lists in z.cache and asks no network.
    sandbox.current().resetCalls();
    await checkMany({ links: [input(byName('healthy-awin'))] }, DEMO_AUTH_DATA);
    expect(apiCalls()).toEqual([]);
  }, 30_000);

  it('single check: what Awin says about the programme, in programme_status', async () => {
    const healthy = await checkOne(input(byName('healthy-awin')), DEMO_AUTH_DATA);
    expect(healthy).toMatchObject({ status: 'ok', programme_status: 'joined, link status Active' });
    const suspended = await checkOne(input(byName('cookie-check')), DEMO_AUTH_DATA);
    expect(suspended).toMatchObject({
      status: 'not_tracking',
      healthy: false,
      programme_status: 'suspended',
      landing_domain: 'www.harborwine.example',
    });
    expect(suspended.reason).toContain('not tracked');
    // A short link does not say which programme it is for.
    const short = await checkOne(input(byName('awin-short-link')), DEMO_AUTH_DATA);
    expect(short).toMatchObject({ status: 'ok', programme_status: '', network: 'awin' });
  });

  it("a link without a destination is expected on the programme's domains (Awin validDomains)", async () => {
    const url = 'https://www.awin1.com/awclick.php?mid=1001&id=100001';
    const joined = await checkOne({ url }, DEMO_AUTH_DATA);
    expect(joined).toMatchObject({ status: 'ok', landing_domain: 'www.acmeshoes.example' });
    const elsewhere = await checkOne(
      { url, expected_domain: 'nordicoutdoor.example' },
      DEMO_AUTH_DATA,
    );
    expect(elsewhere.status).toBe('wrong_destination');
    expect(elsewhere.reason).toContain('nordicoutdoor.example');
  });

  it('Everflow partner key: the offer found by its link, its preview host expected', async () => {
    const c = byName('meta-refresh');
    const r = await checkOne({ url: c.url }, partner);
    expect(r).toMatchObject({ status: 'ok', network: 'everflow', programme_status: 'active' });
    expect(apiCalls().map((call) => call.split('?')[0])).toEqual([
      'everflow GET /affiliates/offersrunnable',
    ]);
  });

  it('Everflow network key: tracking domains read, the offer not named by the link', async () => {
    const r = await checkOne({ url: byName('meta-refresh').url }, DEMO_AUTH_DATA);
    expect(r).toMatchObject({ status: 'ok', network: 'everflow', programme_status: '' });
  });

  it('Offerslook: the offer status and preview host', async () => {
    const c = byName('offerslook-offer');
    const r = await checkOne({ url: c.url }, DEMO_AUTH_DATA);
    expect(r).toMatchObject({ status: 'ok', network: 'offerslook', programme_status: 'active' });
  });

  it('Awin failing (503): programme_status unknown, and the check goes on', async () => {
    // A connection of its own (another default account), so no earlier run's list is in z.cache.
    const auth = { ...DEMO_AUTH_DATA, awin_publisher_id: '100002' };
    sandbox.current().injectFault({
      network: 'awin',
      pathIncludes: 'programmes',
      status: 503,
      body: '{"error":"down"}',
    });
    const r = await checkOne(input(byName('healthy-awin')), auth);
    expect(r).toMatchObject({ status: 'ok', healthy: true, programme_status: 'unknown' });
    expect(webCalls()).toHaveLength(2);
  });
});

describe('Check Tracking Links in Bulk', () => {
  it('invalid rows are marked invalid, the others are checked, in input order', async () => {
    const healthy = byName('healthy-awin').url;
    const out = await checkMany({
      links: [
        { url: '' },
        { url: healthy },
        { url: 'ftp://files.example/a' },
        { url: healthy, expected_domain: 'not a domain!' },
        { url: 'https://jane:secret@www.acmeshoes.example/' },
        { url: 'http://10.0.0.5/' },
      ],
    });
    expect(out.links.map((row) => [row.index, row.status])).toEqual([
      [1, 'invalid'],
      [2, 'ok'],
      [3, 'invalid'],
      [4, 'invalid'],
      [5, 'invalid'],
      [6, 'blocked'],
    ]);
    expect(out).toMatchObject({ total: 6, healthy: 1, unhealthy: 5 });
    expect(out.links[3].reason).toContain('Expected Domain');
    expect(out.links[4].url).toBe('https://jane:secret@www.acmeshoes.example/');
    for (const row of out.links.filter((r) => r.status === 'invalid')) {
      expect(row).toMatchObject({ healthy: false, final_url: '', final_status: null, hops: 0 });
      expect(row.reason.length).toBeGreaterThan(15);
    }
    expect(webCalls()).toEqual(byName('healthy-awin').chain.map(webPath));
  });

  it('more than 100 links, or none, is the step error before any request', async () => {
    const links = Array.from({ length: 101 }, () => ({ url: byName('healthy-awin').url }));
    const tooMany = describeError(await failure(checkMany({ links }, DEMO_AUTH_DATA)));
    expect(tooMany.message).toContain('at most 100');
    const none = describeError(await failure(checkMany({ links: [] }, DEMO_AUTH_DATA)));
    expect(none.message).toContain('empty');
    expect(sandbox.current().calls.filter((c) => c.network !== 'zapier')).toEqual([]);
  });

  it('100 links inside the run deadline, one result per row, in order', async () => {
    const cases = Array.from({ length: 100 }, (_, i) => WEB_CASES[i % WEB_CASES.length]);
    // Every row gets its own verdict: none is cut short by the run's deadline (npm run bench
    // reports the time).
    const out = await checkMany({ links: cases.map(input) });
    expect(out.total).toBe(100);
    expect(out.links.map((row) => row.index)).toEqual(cases.map((_, i) => i + 1));
    expect(out.links.map((row) => row.url)).toEqual(cases.map((c) => c.url));
    expect(out.links.map((row) => row.status)).toEqual(cases.map((c) => c.expected));
    expect(out.healthy).toBe(cases.filter((c) => c.expected === 'ok').length);
    expect(out.healthy + out.unhealthy).toBe(100);
    // Nothing was sent to a refused address through any door.
    expect(sandbox.current().calls.some((c) => c.path.includes('10.0.0.5'))).toBe(false);
  }, 40_000);
});
