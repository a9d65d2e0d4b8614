import { type ImpactCampaignOutput } from '../../src/impact/outputs';
import { unmatchedRequests } from '../offerslook/helpers';
import { App, connect, describeError, failure, setupNock } from '../support/app';
import {
  campaign,
  campaignsPage,
  IMPACT_SID,
  impact,
  impactAuth,
  listQuery,
  LUMIERE,
  NORDLYS,
  ROOT,
  runImpact,
  TRAILHEAD,
} from './helpers';

setupNock();
const unmatched = unmatchedRequests();

describe('the Impact connection', () => {
  it('tests with a one-campaign list and names the account by its SID', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery(1, 1))
      .reply(200, campaignsPage([TRAILHEAD]));
    const { label, result } = await connect(impactAuth);
    expect(label).toBe(`Impact ${IMPACT_SID}`);
    expect(result.networks).toEqual(['Impact']);
  });

  it('401: says the SID and token were not accepted and where to find them', async () => {
    impact().get(`${ROOT}/Campaigns`).query(true).reply(401, { Status: 'ERROR', Message: 'Bad' });
    const error = describeError(await failure(connect(impactAuth)));
    expect(error.message).toMatch(
      /^Could not connect\. Impact: Impact did not accept your Account SID and Auth Token \(401: Bad\)\./,
    );
  });

  it('403: says the token’s scopes leave campaigns out and what to allow', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(true)
      .reply(403, { Status: 'ERROR', Message: 'Denied' });
    const error = describeError(await failure(connect(impactAuth)));
    expect(error.message).toContain(
      'Impact: Impact refused to let this Auth Token read your campaigns (403: Denied).',
    );
  });

  it('a half-filled Impact connection names the missing field, before any request', async () => {
    const error = describeError(await failure(connect({ impact_account_sid: IMPACT_SID })));
    expect(error.message).toContain('Impact needs "Impact Auth Token"');
    expect(unmatched).toEqual([]);
  });
});

describe('new_impact_campaign', () => {
  it('lists every active campaign newest (highest id) first, with cleaned deep-link domains', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery())
      .reply(
        200,
        campaignsPage([
          TRAILHEAD,
          LUMIERE,
          NORDLYS,
          campaign(13020, 'Old Harbor Wines', { ContractStatus: 'Expired' }),
          campaign(9870, 'Cobalt Coffee', { TrackingLink: undefined, AllowsDeeplinking: true }),
          { CampaignName: 'no id' },
        ]),
      );
    const items = await runImpact<ImpactCampaignOutput[]>(App.triggers.new_impact_campaign, {});
    expect(items.map((item) => item.id)).toEqual(['12011', '11204', '10306', '9870']);
    expect(items[1]).toEqual({
      id: '11204',
      campaignId: 11204,
      campaignName: 'Lumière Beauty CA',
      advertiserName: 'Lumière Beauty CA Inc.',
      campaignUrl: 'https://www.brand11204.example/',
      trackingLink: 'https://brand11204.sjv.io/c/1924609/650971/11204',
      allowsDeeplinking: true,
      deeplinkDomains: 'lumierebeauty.example, lumiere-ca.example',
    });
    expect(items[0]).toMatchObject({ allowsDeeplinking: false, deeplinkDomains: '' });
    expect(items[3]).toMatchObject({ allowsDeeplinking: true, trackingLink: null });
  });

  it('keeps the list it read, so the next link run needs no list call', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery())
      .reply(200, campaignsPage([TRAILHEAD]));
    await runImpact(App.triggers.new_impact_campaign, {});
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .reply(200, { TrackingURL: 'https://brand.sjv.io/c/1/2/10306' });
    await runImpact(App.creates.impact_tracking_link, { campaignId: 10306 });
  });
});

describe('impact_campaign_list', () => {
  it('gives Zapier page N as Impact page N+1, labelled "Name (id)"', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery(2))
      .reply(200, campaignsPage([LUMIERE, NORDLYS], 2, 2));
    const choices = await runImpact(App.triggers.impact_campaign_list, {}, impactAuth, {
      page: 1,
    });
    expect(choices).toEqual([
      { id: '11204', name: 'Lumière Beauty CA (11204)' },
      { id: '12011', name: 'Nordlys Outdoor EU (12011)' },
    ]);
  });

  it('is empty past the last page, even if Impact repeats the last one', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery(3))
      .reply(200, campaignsPage([NORDLYS], 2, 2));
    const choices = await runImpact(App.triggers.impact_campaign_list, {}, impactAuth, {
      page: 2,
    });
    expect(choices).toEqual([]);
  });
});
