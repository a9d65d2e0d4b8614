import type { AwinTrackingLink } from '../../creates/awinTrackingLink';
import { DEMO_AUTH_DATA, DEMO_AWIN_TOKEN, DEMO_AWIN_TOKEN_SINGLE } from '../../sandbox/credentials';
import type { AwinShortLinkQuota } from '../../searches/awinShortLinkQuota';
import { type AwinBulkLink } from '../../src/awin/bulk';
import { type AwinAdvertiserOutput } from '../../src/awin/outputs';
import { type BulkSummary } from '../../src/core/bulk';
import { App, connect, describeError, failure, resetZapierCache, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

// A generous limit for the functional tests; the 20-a-minute limit has its own sandbox below.
const sandbox = useSandbox({ awinCallsPerMinute: 1000 });
const auth = { ...DEMO_AUTH_DATA };
const awinOnly = { awin_access_token: DEMO_AWIN_TOKEN, awin_publisher_id: '100001' };

describe('Awin against the sandbox, through Zapier’s runtime', () => {
  it('tests the connection and labels it with the publisher account', async () => {
    const { label } = await connect(awinOnly);
    expect(label).toBe('Awin Jane Doe Media (publisher 100001)');
  });

  it('refuses a revoked token in the connection test, naming Awin', async () => {
    const error = describeError(await failure(connect({ awin_access_token: 'revoked' })));
    expect(error.message).toMatch(
      /^Could not connect\. Awin: Awin did not accept your credentials \(401/,
    );
  });

  it('generates a deep link with click references in Awin’s format', async () => {
    const link = await run<AwinTrackingLink>(
      App.creates.awin_tracking_link,
      {
        advertiserId: '1001',
        destinationUrl: 'https://shop.acmeshoes.example/boots?size=42',
        clickref: 'row 7',
        campaign: 'spring',
      },
      auth,
    );
    expect(link).toEqual({
      url:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=' +
        encodeURIComponent('https://shop.acmeshoes.example/boots?size=42') +
        '&campaign=spring&clickref=row%207',
      advertiserId: 1001,
      publisherId: 100001,
      destinationUrl: 'https://shop.acmeshoes.example/boots?size=42',
    });
  });

  it('returns a short link and the quota search sees it used', async () => {
    const before = await run<AwinShortLinkQuota[]>(App.searches.awin_short_link_quota, {}, auth);
    const link = await run<AwinTrackingLink>(
      App.creates.awin_tracking_link,
      { advertiserId: 1002, shorten: true },
      auth,
    );
    const after = await run<AwinShortLinkQuota[]>(App.searches.awin_short_link_quota, {}, auth);
    expect(link.url).toBe('https://www.awin1.com/awclick.php?mid=1002&id=100001');
    expect(link.shortUrl).toMatch(/^https:\/\/tidd\.ly\/[0-9A-Za-z]{7}$/);
    expect(after[0]).toEqual({
      ...before[0],
      usage: before[0].usage + 1,
      remaining: before[0].remaining - 1,
    });
    expect(after[0].limit).toBe(100);
  });

  it('reads a quota answer without limit or usage as zero', async () => {
    const quota = await run<AwinShortLinkQuota[]>(
      App.searches.awin_short_link_quota,
      { publisherId: '100002' },
      auth,
    );
    expect(quota).toEqual([{ id: 100002, publisherId: 100002, limit: 0, usage: 0, remaining: 0 }]);
  });

  it.each([
    [1007, 'Awin advertiser 1007 does not allow deep links'],
    [1008, 'Awin advertiser 1008 does not allow deep links'],
  ])('tells the user advertiser %i does not allow deep links', async (advertiserId, message) => {
    const error = describeError(
      await failure(
        run(
          App.creates.awin_tracking_link,
          { advertiserId, destinationUrl: 'https://www.example.com/' },
          auth,
        ),
      ),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(message);
  });

  it('makes 250 links in 3 generate-batch calls, one refused, in input order', async () => {
    sandbox.current().resetCalls();
    const links = Array.from({ length: 250 }, (_, i) => ({
      advertiserId: i === 99 ? '1007' : String(1001 + (i % 3)),
      destinationUrl: `https://www.acmeshoes.example/item/${i + 1}`,
      clickref: `row-${i + 1}`,
    }));
    const result = await run<BulkSummary<AwinBulkLink>>(
      App.creates.awin_tracking_links_batch,
      { links },
      auth,
    );
    const batchCalls = sandbox
      .current()
      .calls.filter((call) => call.path.includes('generate-batch'));
    expect(batchCalls).toHaveLength(3);
    expect([result.total, result.succeeded, result.failed]).toEqual([250, 249, 1]);
    expect(result.links[99]).toMatchObject({
      index: 100,
      advertiserId: 1007,
      status: 'error',
      url: null,
    });
    expect(result.links[99].error).toContain('advertiser 1007 does not allow deep links');
    result.links.forEach((link, i) => {
      if (i === 99) return;
      expect(link.url).toContain(
        `ued=${encodeURIComponent(`https://www.acmeshoes.example/item/${i + 1}`)}`,
      );
      expect(link.url).toContain(`clickref=row-${i + 1}`);
    });
  });

  it('finds advertisers by name, exact match first', async () => {
    const found = await run<AwinAdvertiserOutput[]>(
      App.searches.awin_advertiser,
      { name: 'nordic outdoor' },
      auth,
    );
    expect(found.map((a) => a.name)).toEqual(['Nordic Outdoor', 'Nordic Outdoor Outlet']);
    expect(found[0]).toMatchObject({
      id: '1002',
      clickThroughUrl: 'https://www.awin1.com/awclick.php?mid=1002&id=100001',
    });
    const none = await run(App.searches.awin_advertiser, { name: 'no such brand' }, auth);
    expect(none).toEqual([]);
    const pending = await run<AwinAdvertiserOutput[]>(
      App.searches.awin_advertiser,
      { name: 'lumen', relationship: 'pending' },
      auth,
    );
    expect(pending.map((a) => a.id)).toEqual(['1011']);
  });

  it('fills the dropdowns from the hidden triggers', async () => {
    const accounts = await run<{ id: string; name: string }[]>(
      App.triggers.awin_publisher_account_list,
      {},
      auth,
    );
    expect(accounts).toEqual([
      { id: '100001', name: 'Jane Doe Media (100001)' },
      { id: '100002', name: 'Jane Doe Coupons (100002)' },
    ]);
    const advertisers = await run<{ id: string; name: string }[]>(
      App.triggers.awin_advertiser_list,
      { publisherId: '100002' },
      auth,
    );
    expect(advertisers.map((a) => a.id).sort()).toEqual(['1001', '1004', '1009', '1013']);
  });

  it('lists joined advertisers newest first for the polling trigger', async () => {
    const items = await run<{ id: string }[]>(App.triggers.new_awin_advertiser, {}, auth);
    expect(items.map((item) => item.id)).toEqual([
      '1009',
      '1008',
      '1007',
      '1006',
      '1005',
      '1004',
      '1003',
      '1002',
      '1001',
    ]);
  });

  it("uses the token's only publisher account without being told", async () => {
    const link = await run<AwinTrackingLink>(
      App.creates.awin_tracking_link,
      { advertiserId: 1005 },
      { awin_access_token: DEMO_AWIN_TOKEN_SINGLE },
    );
    expect(link.publisherId).toBe(100003);
  });

  it('never puts the token in a request URL', () => {
    const calls = sandbox.current().calls;
    expect(calls.length).toBeGreaterThan(5);
    for (const call of calls) expect(call.path).not.toContain(DEMO_AWIN_TOKEN);
  });
});

describe('Awin’s 20 calls a minute', () => {
  const limited = useSandbox({ awinCallsPerMinute: 2 });

  it('turns the sandbox’s 429 into ThrottledError waiting for the rest of the minute', async () => {
    // The app's own budget starts empty; the sandbox allows only 2 calls, so Awin itself refuses.
    resetZapierCache();
    await run(App.searches.awin_short_link_quota, {}, auth);
    await run(App.searches.awin_short_link_quota, {}, auth);
    const error = describeError(await failure(run(App.searches.awin_short_link_quota, {}, auth)));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(60);
    expect(limited.current().calls.at(-1)?.status).toBe(429);
  });
});
