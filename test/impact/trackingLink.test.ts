import { type ImpactTrackingLink } from '../../src/impact/outputs';
import { unmatchedRequests } from '../offerslook/helpers';
import { App, describeError, failure, setupNock } from '../support/app';
import {
  answerCampaigns,
  campaign,
  campaignsPage,
  IMPACT_SID,
  IMPACT_TOKEN,
  impact,
  impactAuth,
  listQuery,
  ROOT,
  runImpact,
} from './helpers';

const action = App.creates.impact_tracking_link;
setupNock();
const unmatched = unmatchedRequests();

const LINK = 'https://trailheadgear.sjv.io/c/1924609/650971/10306';
const DEEP = 'https://www.trailheadgear.example/tents/ridge-2p';

describe('impact_tracking_link', () => {
  it('reads the campaigns, then asks for the link with every input as a query parameter', async () => {
    const list = answerCampaigns();
    const paths: string[] = [];
    const made = impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .query({
        DeepLink: DEEP,
        subId1: 'row-42',
        subId2: 'crm',
        subId3: 'spring',
        sharedId: 'newsletter',
        MediaPartnerPropertyId: '31001',
      })
      .reply(function () {
        paths.push(this.req.path);
        return [200, { TrackingURL: `${LINK}?u=${encodeURIComponent(DEEP)}&subId1=row-42` }];
      });

    const result = await runImpact<ImpactTrackingLink>(action, {
      campaignId: ' 10306 ',
      deepLink: ` ${DEEP} `,
      subId1: 'row-42',
      subId2: 'crm',
      subId3: 'spring',
      sharedId: 'newsletter',
      mediaPropertyId: '31001',
    });

    expect(result).toEqual({
      url: `${LINK}?u=${encodeURIComponent(DEEP)}&subId1=row-42`,
      campaignId: 10306,
      campaignName: 'Trailhead Gear US',
      destinationUrl: DEEP,
    });
    expect(list.isDone() && made.isDone()).toBe(true);
    // The SID is in the path, as Impact's API has it; the token never is.
    expect(paths[0]).not.toContain(IMPACT_TOKEN);
    expect(paths[0]).not.toContain(Buffer.from(`${IMPACT_SID}:${IMPACT_TOKEN}`).toString('base64'));
  });

  it("gives the campaign's own link without a deep link, sending only the filled values", async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/12011/TrackingLinks`)
      .query({ subId1: 'row-7' })
      .reply(200, { TrackingURL: 'https://nordlys.pxf.io/c/1924609/733410/12011?subId1=row-7' });

    const result = await runImpact<ImpactTrackingLink>(action, {
      campaignId: 12011,
      deepLink: '',
      subId1: 'row-7',
      subId2: '  ',
    });

    expect(result).toEqual({
      url: 'https://nordlys.pxf.io/c/1924609/733410/12011?subId1=row-7',
      campaignId: 12011,
      campaignName: 'Nordlys Outdoor EU',
      destinationUrl: null,
    });
  });

  it('reads the campaign list once for a run after another: the second uses the kept list', async () => {
    answerCampaigns();
    impact()
      .post(`${ROOT}/Programs/10306/TrackingLinks`)
      .times(2)
      .reply(200, { TrackingURL: LINK });

    await runImpact(action, { campaignId: 10306 });
    await runImpact(action, { campaignId: 10306 });
  });

  it('reads the list again when the kept one does not have the campaign (joined since)', async () => {
    answerCampaigns([campaign(10306, 'Trailhead Gear US')]);
    impact().post(`${ROOT}/Programs/10306/TrackingLinks`).reply(200, { TrackingURL: LINK });
    await runImpact(action, { campaignId: 10306 });

    answerCampaigns([campaign(10306, 'Trailhead Gear US'), campaign(15000, 'New Brand')]);
    impact()
      .post(`${ROOT}/Programs/15000/TrackingLinks`)
      .reply(200, { TrackingURL: 'https://newbrand.sjv.io/c/1924609/1/15000' });
    const result = await runImpact<ImpactTrackingLink>(action, { campaignId: 15000 });
    expect(result.campaignName).toBe('New Brand');
  });

  it('reads every page of the campaign list', async () => {
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery(1))
      .reply(200, campaignsPage([campaign(1, 'One')], 1, 2));
    impact()
      .get(`${ROOT}/Campaigns`)
      .query(listQuery(2))
      .reply(200, campaignsPage([campaign(2, 'Two')], 2, 2));
    impact().post(`${ROOT}/Programs/2/TrackingLinks`).reply(200, { TrackingURL: LINK });

    const result = await runImpact<ImpactTrackingLink>(action, { campaignId: 2 });
    expect(result.campaignName).toBe('Two');
  });

  it('accepts a deep link on a messy deep-link domain (" *lumierebeauty.example")', async () => {
    answerCampaigns();
    const deep = 'https://www.lumierebeauty.example/ca/serums';
    impact()
      .post(`${ROOT}/Programs/11204/TrackingLinks`)
      .query({ DeepLink: deep })
      .reply(200, { TrackingURL: 'http://Lumiere-CA.hblm3c.net/c/1/2/11204?u=x' });

    const result = await runImpact<ImpactTrackingLink>(action, {
      campaignId: 11204,
      deepLink: deep,
    });
    expect(result.url).toBe('http://Lumiere-CA.hblm3c.net/c/1/2/11204?u=x');
  });

  describe('refuses a deep link the campaign would not honour, with no link request sent', () => {
    it('names the domains allowed when the deep link is outside them', async () => {
      answerCampaigns();
      const error = await failure(
        runImpact(action, { campaignId: 10306, deepLink: 'https://www.elsewhere.example/x' }),
      );
      const { name, message } = describeError(error);
      expect(name).toBe('AppError');
      expect(message).toBe(
        'Impact campaign Trailhead Gear US (10306) allows deep links only to trailheadgear.example ' +
          '(and their subdomains), not to www.elsewhere.example. Use a page on one of those sites, or ' +
          "leave Deep Link empty for the campaign's own tracking link.",
      );
      expect(unmatched).toEqual([]);
    });

    it('refuses any deep link on a campaign that allows none', async () => {
      answerCampaigns();
      const { message } = describeError(
        await failure(
          runImpact(action, { campaignId: 12011, deepLink: 'https://www.brand12011.example/' }),
        ),
      );
      expect(message).toBe(
        'Impact campaign Nordlys Outdoor EU (12011) does not allow deep links, so no link to ' +
          "www.brand12011.example can be made. Leave Deep Link empty to get the campaign's own " +
          'tracking link, or choose another campaign.',
      );
    });

    it('does not take a look-alike host for a subdomain', async () => {
      answerCampaigns();
      const { message } = describeError(
        await failure(
          runImpact(action, { campaignId: 10306, deepLink: 'https://eviltrailheadgear.example/' }),
        ),
      );
      expect(message).toContain('not to eviltrailheadgear.example');
    });
  });

  it('says a campaign without an active contract makes no links', async () => {
    answerCampaigns();
    const { name, message } = describeError(
      await failure(runImpact(action, { campaignId: 13020 })),
    );
    expect(name).toBe('AppError');
    expect(message).toBe(
      'Impact campaign 13020 is not one of the 3 campaigns you have an active contract with, so ' +
        'Impact makes no links for it. Choose a campaign from the list, or join this one in Impact first.',
    );
  });

  describe('refuses bad input before any request', () => {
    it.each([
      [
        'a campaign that is no number',
        { campaignId: 'abc' },
        'Campaign must be a positive whole number such as 1234, but it was "abc".',
      ],
      ['no campaign', {}, 'Campaign is required.'],
      [
        'a deep link that is no web address',
        { campaignId: 1, deepLink: 'ftp://files.example/x' },
        'Deep Link must be a full web address starting with http:// or https://',
      ],
      [
        'a sub ID over 200 characters',
        { campaignId: 1, subId2: 'x'.repeat(201) },
        'Sub ID 2 is 201 characters long; the most allowed is 200.',
      ],
      [
        'a shared ID over 255 characters',
        { campaignId: 1, sharedId: 'x'.repeat(256) },
        'Shared ID is 256 characters long; the most allowed is 255.',
      ],
      [
        'a media property that is no number',
        { campaignId: 1, mediaPropertyId: 'blog' },
        'Media Property ID must be a positive whole number',
      ],
    ])('%s', async (_, input, message) => {
      const error = describeError(await failure(runImpact(action, input)));
      expect(error.name).toBe('AppError');
      expect(error.message).toContain(message);
      expect(unmatched).toEqual([]);
    });

    it('refuses an Account SID that could not be one, naming the field', async () => {
      const error = describeError(
        await failure(
          runImpact(action, { campaignId: 1 }, { ...impactAuth, impact_account_sid: 'IR12/../x' }),
        ),
      );
      expect(error.message).toContain('Impact Account SID must be letters and digits only');
    });
  });
});

describe("impact_tracking_link: Impact's refusals in words a user can act on", () => {
  beforeEach(() => answerCampaigns());
  const makeLink = (input: Record<string, unknown> = { campaignId: 10306 }) =>
    failure(runImpact(action, input)).then(describeError);
  const linkCall = () => impact().post(`${ROOT}/Programs/10306/TrackingLinks`).query(true);

  it('401: the connection must be renewed (ExpiredAuthError), with where to find the credentials', async () => {
    linkCall().reply(401, { Status: 'ERROR', Message: 'Unauthorized' });
    const error = await makeLink();
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('Impact did not accept your Account SID and Auth Token (401');
    expect(error.message).toContain('Settings → API');
  });

  it('403: the token’s scopes leave tracking links out, and re-entering it will not help', async () => {
    linkCall().reply(403, { Status: 'ERROR', Message: 'Access denied' });
    const error = await makeLink();
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(
      'Impact refused to let this Auth Token create tracking links (403',
    );
    expect(error.message).toContain('allow it to create tracking links');
    expect(error.message).toContain('Re-entering the same token will not help.');
  });

  it("403 naming a property that does not exist: Impact's Spring-style body, read", async () => {
    linkCall().reply(403, {
      timestamp: 1663261677313,
      status: 'FORBIDDEN',
      error: 'Forbidden',
      message: "The property ID '123456' does not exist.",
    });
    const error = await makeLink({ campaignId: 10306, mediaPropertyId: 123456 });
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "Impact has no media property 123456 on your account (403: The property ID '123456' does " +
        'not exist.). Check Media Property ID (Impact → Assets → Properties lists yours), or leave it empty.',
    );
  });

  it('429: ThrottledError waiting until X-RateLimit-Reset', async () => {
    linkCall().reply(
      429,
      { Status: 'ERROR', Message: 'Too many requests' },
      {
        'X-RateLimit-Limit': '1000',
        'X-RateLimit-Remaining': '0',
        'X-RateLimit-Reset': '1234',
      },
    );
    const error = await makeLink();
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(1234);
    expect(error.message).toContain(
      'Impact is limiting how many requests your account makes (429)',
    );
  });

  it('400 validation failures: the fields Impact names', async () => {
    linkCall().reply(400, {
      Status: 'ERROR',
      Message: 'Validation Failed',
      Errors: [{ Field: 'DeepLink', Message: 'Not a valid URL' }],
    });
    const error = await makeLink();
    expect(error.message).toBe(
      'Impact would not make a link for campaign 10306 (HTTP 400: Validation Failed; ' +
        "DeepLink: Not a valid URL). Check Deep Link (a full page address on one of the campaign's " +
        'deep-link domains), the Sub IDs and Shared ID (letters, digits and - _ . are safest), and ' +
        'Media Property ID.',
    );
  });

  it('5xx and HTML: an error naming Impact and the status, never the page', async () => {
    linkCall().reply(502, '<html><body>Bad gateway</body></html>', { 'Content-Type': 'text/html' });
    const error = await makeLink();
    expect(error.message).toMatch(/^Impact had a problem on its side \(HTTP 502/);
    expect(error.message).not.toContain('<html>');
  });

  it('an answer without a web link is an error, never a "success"', async () => {
    linkCall().reply(200, { TrackingURL: '/c/1/2/3' });
    const error = await makeLink();
    expect(error.message).toContain('Impact sent an answer this integration cannot read (HTTP 200');
  });

  it('never repeats the token, even when Impact echoes it', async () => {
    linkCall().reply(400, { Status: 'ERROR', Message: `Bad token ${IMPACT_TOKEN}` });
    const error = await makeLink();
    expect(error.message).not.toContain(IMPACT_TOKEN);
    expect(error.message).toContain('[hidden]');
  });
});
