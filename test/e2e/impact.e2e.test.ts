import {
  DEMO_AUTH_DATA,
  DEMO_IMPACT_ACCOUNT_SID,
  DEMO_IMPACT_AUTH_DATA,
  DEMO_IMPACT_AUTH_TOKEN,
  DEMO_IMPACT_SCOPED_TOKEN,
} from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { type BulkSummary } from '../../src/core/bulk';
import {
  bulkSample,
  campaignSample,
  trackingLinkSample,
  type ImpactBulkLink,
  type ImpactCampaignOutput,
  type ImpactTrackingLink,
} from '../../src/impact/outputs';
import { App, connect, describeError, failure, resetZapierCache, run } from '../support/app';
import { useSandbox } from '../support/sandbox';
import { loadZapierRun, type Perform } from '../support/zapierRuns';

const sandbox = useSandbox();
const auth = { ...DEMO_IMPACT_AUTH_DATA };
const LINK = 'https://trailheadgear.sjv.io/c/2741069/650971/10306';
const page = (path: string) => `https://www.trailheadgear.example${path}`;

const impactCalls = (on: Sandbox = sandbox.current()) =>
  on.calls.filter((call) => call.network === 'impact');
const linkCalls = (on?: Sandbox) =>
  impactCalls(on).filter((call) => call.path.includes('/TrackingLinks'));

beforeEach(() => {
  resetZapierCache();
  sandbox.current().resetCalls();
});

describe('Impact against the sandbox, through Zapier’s runtime', () => {
  it('tests the connection with a one-campaign list and labels it with the account', async () => {
    const { label } = await connect(auth);
    expect(label).toBe(`Impact ${DEMO_IMPACT_ACCOUNT_SID}`);
    expect(impactCalls().map((call) => call.path)).toEqual([
      `/Mediapartners/${DEMO_IMPACT_ACCOUNT_SID}/Campaigns?InsertionOrderStatus=Active&Page=1&PageSize=1`,
    ]);
  });

  it('names every connected network in the label, Impact last', async () => {
    const { label } = await connect({ ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA });
    expect(label).toMatch(/^Awin .* · Everflow .* · Offerslook demo · Impact IRdemo5aNdB0x1$/);
  });

  it('makes a deep link with sub IDs and a shared ID, in Impact’s format', async () => {
    const link = await run<ImpactTrackingLink>(
      App.creates.impact_tracking_link,
      {
        campaignId: '10306',
        deepLink: page('/tents/ridge-2p'),
        subId1: 'row 42',
        sharedId: 'newsletter',
        mediaPropertyId: '31001',
      },
      auth,
    );
    expect(link).toEqual({
      url: `${LINK}?u=${encodeURIComponent(page('/tents/ridge-2p'))}&subId1=row+42&sharedid=newsletter`,
      campaignId: 10306,
      campaignName: 'Trailhead Gear US',
      destinationUrl: page('/tents/ridge-2p'),
    });
    for (const call of impactCalls()) expect(call.path).not.toContain(DEMO_IMPACT_AUTH_TOKEN);
  });

  it('refuses a deep link outside the campaign’s domains with no link request sent', async () => {
    const error = describeError(
      await failure(
        run(
          App.creates.impact_tracking_link,
          { campaignId: 11204, deepLink: 'https://www.trailheadgear.example/' },
          auth,
        ),
      ),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(
      'allows deep links only to lumierebeauty.example and lumiere-ca.example',
    );
    expect(linkCalls()).toEqual([]);
  });

  it('says what to do when the token’s scopes leave out tracking links (403)', async () => {
    const error = describeError(
      await failure(
        run(
          App.creates.impact_tracking_link,
          { campaignId: 10306 },
          { ...auth, impact_auth_token: DEMO_IMPACT_SCOPED_TOKEN },
        ),
      ),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toContain('Impact refused to let this Auth Token create tracking links');
    expect(error.message).not.toContain(DEMO_IMPACT_SCOPED_TOKEN);
  });

  it('makes 100 links in bulk in input order, a bad row and an out-of-domain row each with its error', async () => {
    const links = Array.from({ length: 100 }, (_, i) => ({
      campaignId: i === 9 ? 'ten' : i === 70 ? '12011' : '10306',
      deepLink:
        i === 49
          ? 'https://www.elsewhere.example/'
          : i === 70
            ? ''
            : page(`/tents/ridge-2p?row=${i + 1}`),
      subId1: `row-${i + 1}`,
    }));
    const result = await run<BulkSummary<ImpactBulkLink>>(
      App.creates.impact_tracking_links_batch,
      { links },
      auth,
    );
    expect([result.total, result.succeeded, result.failed]).toEqual([100, 98, 2]);
    expect(linkCalls()).toHaveLength(98);
    expect(result.links[9]).toMatchObject({ index: 10, campaignId: null, status: 'error' });
    expect(result.links[9].error).toContain('Item 10: Campaign must be a positive whole number');
    expect(result.links[49]).toMatchObject({ index: 50, campaignId: 10306, status: 'error' });
    expect(result.links[49].error).toContain('not to www.elsewhere.example');
    expect(result.links[70].url).toBe(
      'https://nordlys.pxf.io/c/2741069/733410/12011?subId1=row-71',
    );
    result.links.forEach((link, i) => {
      expect(link.index).toBe(i + 1);
      if (i === 9 || i === 49 || i === 70) return;
      expect(link.url).toBe(
        `${LINK}?u=${encodeURIComponent(page(`/tents/ridge-2p?row=${i + 1}`))}&subId1=row-${i + 1}`,
      );
    });
  });

  it('lists the active campaigns newest first, and fills the dropdown', async () => {
    const items = await run<ImpactCampaignOutput[]>(App.triggers.new_impact_campaign, {}, auth);
    expect(items.map((item) => item.id)).toEqual(['14001', '12011', '11204', '10306', '9870']);
    expect(items.find((item) => item.id === '11204')?.deeplinkDomains).toBe(
      'lumierebeauty.example, lumiere-ca.example',
    );
    const choices = await run<{ id: string; name: string }[]>(
      App.triggers.impact_campaign_list,
      {},
      auth,
    );
    expect(choices).toContainEqual({ id: '10306', name: 'Trailhead Gear US (10306)' });
  });
});

describe('Impact in any-URL and link checks', () => {
  type UrlLink = { url: string; network: string; advertiser_id: number; destination_url: string };
  type Check = { status: string; network: string; programme_status: string; final_url: string };

  it('links any page of a campaign’s deep-link domains with a deep link and the reference as subId1', async () => {
    const shop = 'https://shop.trailheadgear.example/packs/summit-40';
    const link = await run<UrlLink>(
      App.creates.tracking_link_for_url,
      { url: shop, tracking_ref: 'deal-7' },
      auth,
    );
    expect(link).toMatchObject({
      url: `${LINK}?u=${encodeURIComponent(shop)}&subId1=deal-7`,
      network: 'impact',
      advertiser_id: 10306,
      destination_url: shop,
    });
  });

  it('gives the campaign’s own link for a campaign without deep links, matched on its site', async () => {
    const link = await run<UrlLink>(
      App.creates.tracking_link_for_url,
      { url: 'https://www.nordlys.example/jackets/fjord' },
      auth,
    );
    expect(link).toMatchObject({
      url: 'https://nordlys.pxf.io/c/2741069/733410/12011',
      network: 'impact',
      destination_url: 'https://www.nordlys.example/',
    });
  });

  it('checks a link the sandbox made: ok, Impact’s, with the campaign’s contract status', async () => {
    const made = await run<ImpactTrackingLink>(
      App.creates.impact_tracking_link,
      { campaignId: 11204, deepLink: 'https://www.lumierebeauty.example/ca/serums/night-repair' },
      auth,
    );
    const check = await run<Check>(App.creates.check_tracking_link, { url: made.url }, auth);
    expect(check).toMatchObject({
      status: 'ok',
      network: 'impact',
      programme_status: 'active contract',
    });
    expect(check.final_url).toMatch(
      /^https:\/\/www\.lumierebeauty\.example\/ca\/serums\/night-repair\?irclickid=/,
    );
  });

  it('says a link of an expired contract does not track', async () => {
    const expired = 'https://oldharbor.sjv.io/c/2741069/902114/13020';
    const check = await run<Check>(App.creates.check_tracking_link, { url: expired }, auth);
    expect(check).toMatchObject({
      status: 'not_tracking',
      network: 'impact',
      programme_status: 'contract expired',
    });
  });
});

describe('the samples are real outputs of the sandbox', () => {
  it('one link, in bulk, and a new campaign', async () => {
    const sampleInput = {
      campaignId: trackingLinkSample.campaignId,
      deepLink: trackingLinkSample.destinationUrl,
      subId1: 'row-42',
    };
    expect(await run(App.creates.impact_tracking_link, sampleInput, auth)).toEqual(
      trackingLinkSample,
    );
    const rows = bulkSample.links.map((row, i) => ({
      campaignId: row.campaignId,
      deepLink: row.destinationUrl,
      subId1: i === 0 ? 'row-42' : '',
    }));
    expect(await run(App.creates.impact_tracking_links_batch, { links: rows }, auth)).toEqual(
      bulkSample,
    );
    const campaigns = await run<ImpactCampaignOutput[]>(App.triggers.new_impact_campaign, {}, auth);
    expect(campaigns.find((item) => item.id === campaignSample.id)).toEqual(campaignSample);
  });
});

describe('two concurrent bulk runs of 100 on one account, sharing the budget through Zapier’s cache', () => {
  // Each run loads its own copy of the app: slower than other tests.
  jest.setTimeout(120_000);
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  const links = Array.from({ length: 100 }, (_, i) => ({
    campaignId: 10306,
    deepLink: page(`/packs/summit-40?row=${i + 1}`),
    subId1: `row-${i + 1}`,
  }));

  async function twoRuns(own: Sandbox) {
    Object.assign(process.env, own.env);
    const runs = [await loadZapierRun(), await loadZapierRun()];
    return Promise.allSettled(
      runs.map(({ tester, App: app }) =>
        tester(app.creates.impact_tracking_links_batch.operation.perform as Perform, {
          authData: { ...auth },
          inputData: { links },
        }),
      ),
    );
  }

  it('both complete when the hour holds them: 200 link calls, no 429', async () => {
    const own = await startSandbox();
    try {
      const outcomes = await twoRuns(own);
      const done = outcomes.map((o) =>
        o.status === 'fulfilled' ? (o.value as { succeeded: number }).succeeded : o.reason,
      );
      expect(done).toEqual([100, 100]);
      expect(linkCalls(own)).toHaveLength(200);
      expect(impactCalls(own).filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('when it cannot hold both, the second is deferred before any call: no 429', async () => {
    // Impact allows this account 150 calls this hour; the first answer says so
    // (X-RateLimit-Remaining), and the shared budget follows it.
    const own = await startSandbox({ impactCallsPerHour: 150 });
    try {
      Object.assign(process.env, own.env);
      const warmUp = await loadZapierRun();
      const trigger = warmUp.App.triggers.new_impact_campaign.operation as { perform: Perform };
      await warmUp.tester(trigger.perform, {
        authData: { ...auth },
        inputData: {},
      });
      const outcomes = await twoRuns(own);

      const done = outcomes.flatMap((o) => (o.status === 'fulfilled' ? [o.value] : []));
      expect(done.map((summary) => (summary as { succeeded: number }).succeeded)).toEqual([100]);
      const deferred = outcomes.flatMap((o) =>
        o.status === 'rejected' ? [o.reason as Error] : [],
      );
      expect(deferred).toHaveLength(1);
      expect(deferred[0].name).toBe('ThrottledError');
      expect(deferred[0].message).toContain('this step needs 100 more');
      // The warm-up's list call and the first run's 100 links: the deferred run made none.
      expect(impactCalls(own)).toHaveLength(101);
      expect(linkCalls(own)).toHaveLength(100);
      expect(impactCalls(own).filter((call) => call.status === 429)).toEqual([]);
    } finally {
      await own.close();
    }
  });
});
