import { Deadline } from '../../src/core/deadline';
import { type LinkCheckRow } from '../../src/linkCheck/bulk';
import { MAX_BULK_LINKS } from '../../src/linkCheck/fields';
import { checkLinks } from '../../src/linkCheck/bulk';
import { LinkCheckInputError } from '../../src/linkCheck/input';
import { createHostGate } from '../../src/linkCheck/bulk';

import { startSandbox, type Sandbox } from '../../sandbox/server';
import { WEB_CASES } from '../../sandbox/web';
import { startLocalServer } from './helpers';

let sandbox: Sandbox;
let baseUrl: string;
beforeAll(async () => {
  sandbox = await startSandbox();
  baseUrl = sandbox.env.LINK_CHECK_BASE_URL;
});
afterAll(() => sandbox.close());

const caseNamed = (name: string) => {
  const found = WEB_CASES.find((c) => c.name === name);
  if (!found) throw new Error(`no sandbox case ${name}`);
  return found;
};

describe('checkLinks', () => {
  it('checks 100 links, slow ones included, before the deadline: one result per row, in order', async () => {
    const rows: LinkCheckRow[] = Array.from({ length: MAX_BULK_LINKS }, (_, i) => {
      const c = WEB_CASES[i % WEB_CASES.length];
      return { url: c.url, expectedDomains: c.expectedDomains };
    });
    rows[7] = { url: 'not a link' };
    rows[42] = { url: 'https://user:pw@shop.example/' };
    const deadline = Deadline.fromNow(15_000);

    const results = await checkLinks(rows, { baseUrl, deadline });

    expect(Date.now()).toBeLessThanOrEqual(deadline.at + 500);
    expect(results).toHaveLength(rows.length);
    results.forEach((result, i) => {
      expect(result.url).toBe(rows[i].url.trim());
      if (i === 7 || i === 42) {
        expect(result.status).toBe('invalid');
        return;
      }
      const expected = WEB_CASES[i % WEB_CASES.length].expected;
      // Every row of a case gets that case's verdict (the slow ones time out, as they should).
      expect({ i, status: result.status }).toEqual({ i, status: expected });
    });
    expect(results.filter((r) => r.status === 'timeout').length).toBeGreaterThan(0);
  }, 30_000);

  it('marks rows not started before the deadline as not_checked, saying to run them again', async () => {
    const slow = caseNamed('slow-hop').url;
    const healthy = caseNamed('healthy-awin').url;
    const results = await checkLinks([slow, healthy, healthy], {
      baseUrl,
      concurrency: 1,
      deadline: Deadline.fromNow(2_500),
    });
    expect(results.map((r) => r.status)).toEqual(['timeout', 'not_checked', 'not_checked']);
    expect(results[0].reason).toContain('run ran out of time');
    expect(results[1]).toMatchObject({
      url: healthy,
      healthy: false,
      network: 'awin',
      redirects: [],
      final_url: '',
    });
    expect(results[1].reason).toContain('Run it again');
  });

  it('answers an invalid row at once and goes on with the others', async () => {
    const healthy = caseNamed('healthy-awin').url;
    const results = await checkLinks(['ftp://files.example/a', healthy, ''], { baseUrl });
    expect(results.map((r) => r.status)).toEqual(['invalid', 'ok', 'invalid']);
    expect(results[0].reason).toContain('ftp:');
    expect(results[2].reason).toContain('Enter the link');
  });

  it('refuses an empty list and more than 100 links, before any request', async () => {
    sandbox.resetCalls();
    await expect(checkLinks([], { baseUrl })).rejects.toBeInstanceOf(LinkCheckInputError);
    const tooMany = Array.from({ length: 101 }, () => caseNamed('healthy-awin').url);
    await expect(checkLinks(tooMany, { baseUrl })).rejects.toMatchObject({
      reason: { kind: 'invalid_input', code: 'too_many_links' },
      message: expect.stringContaining('runs of 100') as string,
    });
    expect(sandbox.calls).toEqual([]);
  });

  it('never sends more than 4 requests at a time to one host, and runs hosts side by side', async () => {
    const inFlight = new Map<string, number>();
    const maxPerHost = new Map<string, number>();
    let total = 0;
    let maxTotal = 0;
    const web = await startLocalServer((req, res) => {
      const host = (req.url ?? '').split('/')[2];
      inFlight.set(host, (inFlight.get(host) ?? 0) + 1);
      maxPerHost.set(host, Math.max(maxPerHost.get(host) ?? 0, inFlight.get(host) ?? 0));
      total += 1;
      maxTotal = Math.max(maxTotal, total);
      setTimeout(() => {
        inFlight.set(host, (inFlight.get(host) ?? 1) - 1);
        total -= 1;
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<p>ok</p>');
      }, 150);
    });
    const run = async (rows: string[]) => {
      maxPerHost.clear();
      maxTotal = 0;
      const results = await checkLinks(rows, {
        baseUrl: `http://127.0.0.1:${web.port}`,
        deadline: Deadline.fromNow(20_000),
      });
      expect(results.map((r) => r.status)).toEqual(rows.map(() => 'ok'));
      expect(results.map((r) => r.url)).toEqual(rows);
    };
    try {
      // Ten links on each of six shops: each shop sees 4 at a time, the shops side by side.
      await run(
        Array.from({ length: 60 }, (_, i) => `https://shop${Math.floor(i / 10)}.example/p/${i}`),
      );
      expect(Math.max(...maxPerHost.values())).toBe(4);
      expect(maxTotal).toBeGreaterThan(4);
      // Forty shops, one link each: the run as a whole keeps to 16 at a time.
      await run(Array.from({ length: 40 }, (_, i) => `https://store${i}.example/`));
      expect(maxTotal).toBe(16);
      expect(web.requests).toHaveLength(100);
    } finally {
      await web.close();
    }
  });
});

describe('createHostGate', () => {
  it('queues tasks per host beyond the limit, and never holds up other hosts', async () => {
    const gate = createHostGate(2);
    const running: string[] = [];
    let maxA = 0;
    const order: string[] = [];
    const task = (host: string, id: string) =>
      gate(host, async () => {
        running.push(host);
        maxA = Math.max(maxA, running.filter((h) => h === 'a').length);
        await new Promise((resolve) => setTimeout(resolve, 20));
        order.push(id);
        running.splice(running.indexOf(host), 1);
        return id;
      });
    const results = await Promise.all([
      task('a', 'a1'),
      task('a', 'a2'),
      task('a', 'a3'),
      task('b', 'b1'),
    ]);
    expect(results).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect(maxA).toBe(2);
    expect(order.indexOf('b1')).toBeLessThan(order.indexOf('a3'));
  });
});
