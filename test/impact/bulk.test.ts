import nock from 'nock';

import { type BulkSummary } from '../../src/core/bulk';
import { type ImpactBulkLink } from '../../src/impact/outputs';
import { unmatchedRequests } from '../offerslook/helpers';
import { App, describeError, failure, setupNock } from '../support/app';
import { answerCampaigns, impact, ROOT, runImpact } from './helpers';

const action = App.creates.impact_tracking_links_batch;
setupNock();
const unmatched = unmatchedRequests();

type Summary = BulkSummary<ImpactBulkLink>;

/** Answers every link request with a link that names the campaign and the first sub ID. */
function answerLinks(times: number): void {
  impact()
    .post(/\/Programs\/\d+\/TrackingLinks/)
    .query(true)
    .times(times)
    .reply(200, (uri) => {
      const url = new URL(uri, 'https://api.impact.com');
      const campaignId = /Programs\/(\d+)\//.exec(url.pathname)?.[1];
      const sub = url.searchParams.get('subId1') ?? '';
      return { TrackingURL: `https://brand.sjv.io/c/1/2/${campaignId}?subId1=${sub}` };
    });
}

describe('impact_tracking_links_batch', () => {
  it('keeps every row in order: links, a bad row and out-of-domain rows, with one call per link', async () => {
    answerCampaigns();
    answerLinks(3);
    const result = await runImpact<Summary>(action, {
      mediaPropertyId: '31001',
      links: [
        { campaignId: 10306, deepLink: 'https://www.trailheadgear.example/a', subId1: 'r1' },
        { campaignId: 'nope', subId1: 'r2' },
        { campaignId: 10306, deepLink: 'https://www.elsewhere.example/', subId1: 'r3' },
        { campaignId: 12011, subId1: 'r4' },
        { campaignId: 12011, deepLink: 'https://www.brand12011.example/', subId1: 'r5' },
        { campaignId: 11204, deepLink: 'https://lumiere-ca.example/x', subId1: 'r6' },
        { campaignId: 99999, subId1: 'r7' },
      ],
    });

    expect([result.total, result.succeeded, result.failed]).toEqual([7, 3, 4]);
    expect(result.links.map((link) => [link.index, link.campaignId, link.status])).toEqual([
      [1, 10306, 'success'],
      [2, null, 'error'],
      [3, 10306, 'error'],
      [4, 12011, 'success'],
      [5, 12011, 'error'],
      [6, 11204, 'success'],
      [7, 99999, 'error'],
    ]);
    expect(result.links[0]).toEqual({
      index: 1,
      campaignId: 10306,
      destinationUrl: 'https://www.trailheadgear.example/a',
      status: 'success',
      url: 'https://brand.sjv.io/c/1/2/10306?subId1=r1',
      error: null,
    });
    expect(result.links[3].url).toBe('https://brand.sjv.io/c/1/2/12011?subId1=r4');
    expect(result.links[5].url).toBe('https://brand.sjv.io/c/1/2/11204?subId1=r6');
    expect(result.links[1].error).toBe(
      'Item 2: Campaign must be a positive whole number such as 1234, but it was "nope". ' +
        'Choose one from the list or map a field that holds only the numeric ID.',
    );
    expect(result.links[2].error).toContain(
      'Item 3: Impact campaign Trailhead Gear US (10306) allows deep links only to trailheadgear.example',
    );
    expect(result.links[4].error).toContain(
      'Item 5: Impact campaign Nordlys Outdoor EU (12011) does not allow deep links',
    );
    expect(result.links[6].error).toContain('Item 7: Impact campaign 99999 is not one of the 3');
    expect(unmatched).toEqual([]);
  });

  it('sends the run’s media property with every link', async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query({ MediaPartnerPropertyId: '31001', subId1: 'a' })
      .reply(200, { TrackingURL: 'https://brand.sjv.io/c/1/2/10306' });
    const result = await runImpact<Summary>(action, {
      mediaPropertyId: 31001,
      links: [{ campaignId: 10306, subId1: 'a' }],
    });
    expect(result.succeeded).toBe(1);
  });

  it('refuses more than 100 links, or none, before any request', async () => {
    const links = Array.from({ length: 101 }, () => ({ campaignId: 10306 }));
    const tooMany = describeError(await failure(runImpact(action, { links })));
    expect(tooMany.message).toBe(
      'Links has 101 items; one run takes at most 100. Split the list into runs of up to 100 ' +
        '(for example with Looping by Zapier): Impact allows about 1,000 requests an hour per account.',
    );
    const none = describeError(await failure(runImpact(action, { links: [] })));
    expect(none.message).toContain('Links is empty.');
    expect(unmatched).toEqual([]);
  });

  it('makes no request at all when every row is bad', async () => {
    const result = await runImpact<Summary>(action, { links: [{ campaignId: 'x' }, {}] });
    expect([result.total, result.failed]).toEqual([2, 2]);
    expect(unmatched).toEqual([]);
  });

  it('a link Impact refuses fails only its row', async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query({ subId1: 'bad' })
      .reply(400, { Status: 'ERROR', Message: 'Validation Failed' });
    answerLinks(1);
    const result = await runImpact<Summary>(action, {
      links: [
        { campaignId: 10306, subId1: 'bad' },
        { campaignId: 10306, subId1: 'good' },
      ],
    });
    expect(result.links.map((link) => link.status)).toEqual(['error', 'success']);
    expect(result.links[0].error).toBe(
      'Impact would not make a link for campaign 10306 (HTTP 400: Validation Failed). Check Deep ' +
        "Link (a full page address on one of the campaign's deep-link domains), the Sub IDs and " +
        'Shared ID (letters, digits and - _ . are safest), and Media Property ID.',
    );
  });

  it('an expired credential stops the run (ExpiredAuthError)', async () => {
    answerCampaigns();
    impact().post(`${ROOT}/Programs/10306/TrackingLinks`).query(true).reply(401, {});
    const error = await failure(
      runImpact(action, { links: [{ campaignId: 10306 }, { campaignId: 10306 }] }),
    );
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('429 on every link: ThrottledError so Zapier retries the step when Impact’s hour resets', async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query(true)
      .times(2)
      .reply(429, {}, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '600' });
    const error = describeError(
      await failure(runImpact(action, { links: [{ campaignId: 10306 }, { campaignId: 10306 }] })),
    );
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(600);
  });

  it('after a 429 the run asks Impact nothing more: the rows not sent fail with it', async () => {
    answerCampaigns();
    let asked = 0;
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query(true)
      .times(20)
      .reply(() => {
        asked += 1;
        return [429, {}, { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset': '600' }];
      });
    const links = Array.from({ length: 20 }, () => ({ campaignId: 10306 }));
    const error = describeError(await failure(runImpact(action, { links })));
    expect(error.name).toBe('ThrottledError');
    // Only the calls already in flight when the first 429 came (a few at a time) were sent.
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(asked).toBeLessThanOrEqual(5);
    nock.cleanAll(); // the answers never asked for
  });
});
