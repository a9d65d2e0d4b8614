import { sandboxEnvLines } from '../../sandbox/cli';
import {
  DEMO_IMPACT_ACCOUNT_SID,
  DEMO_IMPACT_AUTH_TOKEN,
  DEMO_IMPACT_SCOPED_TOKEN,
} from '../../sandbox/credentials';
import { IMPACT_CAMPAIGNS } from '../../sandbox/data/impact';
import { impactClickOutcome } from '../../sandbox/impact';
import { startSandbox, type Sandbox } from '../../sandbox/server';

interface Campaign {
  CampaignId: string;
  CampaignName: string;
  ContractStatus: string;
  AllowsDeeplinking: string | boolean;
  DeeplinkDomains: string[];
  TrackingLink?: string;
}
interface CampaignPage {
  Campaigns: Campaign[];
  '@page': string;
  '@numpages': string;
  '@total': string;
  '@nextpageuri': string;
}

const SID = DEMO_IMPACT_ACCOUNT_SID;
const ROOT = `/impact/Mediapartners/${SID}`;
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const DEMO_BASIC = basic(SID, DEMO_IMPACT_AUTH_TOKEN);

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ impactExtraCampaigns: 7 });
});
afterAll(() => sandbox.close());

async function impact<T>(
  path: string,
  options: { method?: 'GET' | 'POST'; authorization?: string | null; accept?: string } = {},
  on: Sandbox = sandbox,
): Promise<{ status: number; headers: Headers; text: string; body: T }> {
  const headers: Record<string, string> = { Accept: options.accept ?? 'application/json' };
  const authorization = options.authorization === undefined ? DEMO_BASIC : options.authorization;
  if (authorization !== null) headers.Authorization = authorization;
  const res = await fetch(`${on.url}${ROOT}${path}`, { method: options.method ?? 'GET', headers });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, headers: res.headers, text, body: body as T };
}

describe('the Impact sandbox: campaigns', () => {
  it('pages the active campaigns with Impact’s text paging keys', async () => {
    const first = await impact<CampaignPage>('/Campaigns?InsertionOrderStatus=Active&PageSize=5');
    expect(first.status).toBe(200);
    expect(first.body['@page']).toBe('1');
    expect(first.body['@numpages']).toBe('3');
    expect(first.body['@total']).toBe('12');
    expect(first.body['@nextpageuri']).toBe(
      `/Mediapartners/${SID}/Campaigns?InsertionOrderStatus=Active&Page=2&PageSize=5`,
    );
    const last = await impact<CampaignPage>(
      '/Campaigns?InsertionOrderStatus=Active&Page=3&PageSize=5',
    );
    expect(last.body.Campaigns).toHaveLength(2);
    expect(last.body['@nextpageuri']).toBe('');
    const all = await impact<CampaignPage>('/Campaigns?InsertionOrderStatus=Active');
    expect(all.body.Campaigns.every((c) => c.ContractStatus === 'Active')).toBe(true);
    expect(all.body.Campaigns.map((c) => c.CampaignId)).not.toContain('13020');
  });

  it('keeps the data dirty as Impact’s is: messy domains, text booleans, a missing link', async () => {
    const { body } = await impact<CampaignPage>('/Campaigns?InsertionOrderStatus=Active');
    const byId = new Map(body.Campaigns.map((c) => [c.CampaignId, c]));
    expect(byId.get('11204')?.DeeplinkDomains).toEqual([
      ' *lumierebeauty.example',
      '*LUMIERE-CA.example.',
    ]);
    expect(byId.get('12011')?.AllowsDeeplinking).toBe('false');
    expect(byId.get('14001')?.AllowsDeeplinking).toBe(true);
    expect(byId.get('9870')?.TrackingLink).toBeUndefined();
    expect(byId.get('11204')?.TrackingLink).toBe(
      'http://Lumiere-CA.hblm3c.net/c/2741069/412233/11204',
    );
  });

  it('answers one campaign, expired ones included, and 404 for an unknown one', async () => {
    const expired = await impact<Campaign>('/Campaigns/13020');
    expect(expired.body.ContractStatus).toBe('Expired');
    const unknown = await impact<{ Status: string; Message: string }>('/Campaigns/55555');
    expect(unknown.status).toBe(404);
    expect(unknown.body.Status).toBe('ERROR');
  });

  it('answers XML to a client that does not ask for JSON', async () => {
    const xml = await impact('/Campaigns?PageSize=1', { accept: '*/*' });
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('application/xml');
    expect(xml.text).toMatch(/^<\?xml[^>]*><ImpactRadiusResponse><page>1<\/page>/);
  });
});

describe('the Impact sandbox: tracking links', () => {
  const link = (programId: number, query: string) =>
    impact<{ TrackingURL: string }>(`/Programs/${programId}/TrackingLinks?${query}`, {
      method: 'POST',
    });

  it('makes a deep link with the sub IDs and the shared id as query parameters', async () => {
    const deep = 'https://www.trailheadgear.example/tents/ridge-2p';
    const { status, body } = await link(
      10306,
      `DeepLink=${encodeURIComponent(deep)}&subId1=row-1&subId3=crm&sharedId=blog&MediaPartnerPropertyId=31001`,
    );
    expect(status).toBe(200);
    expect(body.TrackingURL).toBe(
      `https://trailheadgear.sjv.io/c/2741069/650971/10306?u=${encodeURIComponent(deep)}` +
        '&subId1=row-1&subId3=crm&sharedid=blog',
    );
  });

  it('gives the campaign’s own link without a deep link', async () => {
    const { body } = await link(12011, '');
    expect(body.TrackingURL).toBe('https://nordlys.pxf.io/c/2741069/733410/12011');
  });

  it('refuses an unknown property (Spring-style 403), an expired contract and a bad deep link', async () => {
    const property = await link(10306, 'MediaPartnerPropertyId=999');
    expect(property.status).toBe(403);
    expect(property.body).toMatchObject({
      status: 'FORBIDDEN',
      message: "The property ID '999' does not exist.",
    });
    const expired = await link(13020, '');
    expect(expired.status).toBe(400);
    const badUrl = await link(10306, 'DeepLink=not-a-url');
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ Errors: [{ Field: 'DeepLink' }] });
  });

  it('refuses wrong credentials (401) and the scoped token on tracking links (403)', async () => {
    const wrong = await impact('/Campaigns', { authorization: basic(SID, 'nope') });
    expect(wrong.status).toBe(401);
    const otherSid = await impact('/Campaigns', {
      authorization: basic('IRsomeoneElse', DEMO_IMPACT_AUTH_TOKEN),
    });
    expect(otherSid.status).toBe(401);
    const none = await impact('/Campaigns', { authorization: null });
    expect(none.status).toBe(401);
    const scoped = basic(SID, DEMO_IMPACT_SCOPED_TOKEN);
    expect((await impact('/Campaigns', { authorization: scoped })).status).toBe(200);
    const refused = await impact<{ Message: string }>('/Programs/10306/TrackingLinks', {
      method: 'POST',
      authorization: scoped,
    });
    expect(refused.status).toBe(403);
    expect(refused.body.Message).toContain('scopes');
  });
});

describe('the Impact sandbox: the hourly limit', () => {
  it('counts calls per account, says what is left, and answers 429 without Retry-After', async () => {
    const limited = await startSandbox({ impactCallsPerHour: 3 });
    try {
      const answers = [];
      for (let i = 0; i < 4; i += 1)
        answers.push(await impact('/Campaigns?PageSize=1', {}, limited));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
      expect(answers.map((a) => a.headers.get('x-ratelimit-remaining'))).toEqual([
        '2',
        '1',
        '0',
        '0',
      ]);
      expect(answers[3].headers.get('x-ratelimit-limit')).toBe('3');
      expect(Number(answers[3].headers.get('x-ratelimit-reset'))).toBeGreaterThan(3500);
      expect(answers[3].headers.get('retry-after')).toBeNull();
    } finally {
      await limited.close();
    }
  });
});

describe('the sandbox web answers the Impact links the sandbox hands out', () => {
  const web = (url: string) =>
    fetch(`${sandbox.url}/web/${url.replace('://', '/')}`, { redirect: 'manual' });

  it('redirects a deep link to the shop page with Impact’s click id, and the page answers', async () => {
    const deep = 'https://www.trailheadgear.example/tents/ridge-2p';
    const made = await impact<{ TrackingURL: string }>(
      `/Programs/10306/TrackingLinks?DeepLink=${encodeURIComponent(deep)}&subId1=row-9`,
      { method: 'POST' },
    );
    const click = await web(made.body.TrackingURL);
    expect(click.status).toBe(302);
    const landing = new URL(click.headers.get('location') ?? '');
    expect(`${landing.origin}${landing.pathname}`).toBe(deep);
    expect(landing.searchParams.get('irclickid')).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(landing.searchParams.get('irgwc')).toBe('1');
    expect((await web(landing.href)).status).toBe(200);
  });

  it('sends every campaign’s own link to its site, on http and on vanity hosts too', async () => {
    const { body } = await impact<CampaignPage>('/Campaigns?InsertionOrderStatus=Active');
    const links = body.Campaigns.filter((c) => c.TrackingLink && Number(c.CampaignId) < 20000);
    expect(links.length).toBeGreaterThanOrEqual(4);
    for (const campaign of links) {
      const click = await web(campaign.TrackingLink as string);
      expect(click.status).toBe(302);
      const landing = new URL(click.headers.get('location') ?? '');
      expect((await web(landing.href)).status).toBe(200);
    }
  });

  it('ends a deep link outside the permitted domains on Impact’s generic page, and one on a campaign without deep links on a malformed-link page', () => {
    const trailhead = IMPACT_CAMPAIGNS.find((c) => c.id === 10306);
    expect(trailhead).toBeDefined();
    const outside = new URL(
      `https://trailheadgear.sjv.io/c/2741069/650971/10306?u=${encodeURIComponent('https://elsewhere.example/')}`,
    );
    expect(impactClickOutcome(IMPACT_CAMPAIGNS, outside)).toEqual({
      redirect: 'https://impact.com/',
    });
    const nordlys = new URL(
      `https://nordlys.pxf.io/c/2741069/733410/12011?u=${encodeURIComponent('https://www.nordlys.example/x')}`,
    );
    expect(impactClickOutcome(IMPACT_CAMPAIGNS, nordlys)).toMatchObject({
      text: 'The link you clicked on is malformed.',
    });
    // Messy domains are read as Impact means them: " *lumierebeauty.example" covers www.
    const lumiere = new URL(
      `http://lumiere-ca.hblm3c.net/c/2741069/412233/11204?u=${encodeURIComponent('https://www.lumierebeauty.example/ca/serums/night-repair')}`,
    );
    expect(impactClickOutcome(IMPACT_CAMPAIGNS, lumiere)).toMatchObject({
      redirect: expect.stringMatching(
        /^https:\/\/www\.lumierebeauty\.example\/ca\/serums\/night-repair\?irclickid=/,
      ),
    });
  });
});

describe('npm run sandbox', () => {
  it('prints IMPACT_API_URL and the demo Impact credentials', () => {
    const lines = sandboxEnvLines({ env: sandbox.env });
    expect(lines).toEqual(
      expect.arrayContaining([
        `IMPACT_API_URL=${sandbox.url}/impact`,
        `authData_impact_account_sid=${SID}`,
        `authData_impact_auth_token=${DEMO_IMPACT_AUTH_TOKEN}`,
      ]),
    );
  });
});
