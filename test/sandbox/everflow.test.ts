import { DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { encodedId } from '../../sandbox/everflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';

const NETWORK = DEMO_EVERFLOW_NETWORK_KEY;
const PARTNER = DEMO_EVERFLOW_PARTNER_KEY;

interface Answer<T> {
  status: number;
  headers: Headers;
  json: T;
}

/** One request to the sandbox's Everflow, with the key in X-Eflow-API-Key (null: no header). */
async function everflow<T = Record<string, unknown>>(
  sandbox: Sandbox,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<Answer<T>> {
  const headers: Record<string, string> = {};
  if (key !== null) headers['X-Eflow-API-Key'] = key;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(`${sandbox.url}/everflow/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, json: (await res.json()) as T };
}

const link = (affiliate: number, offer: number, domain = 'www.acmetrk.example') =>
  `https://${domain}/${encodedId(affiliate)}/${encodedId(offer)}/`;

let sandbox: Sandbox;
beforeAll(async () => {
  // High limits so that this file is never throttled; the limits have their own sandbox below.
  sandbox = await startSandbox({ everflowNetworkBurst: 10_000, everflowPartnerBurst: 10_000 });
});
afterAll(() => sandbox.close());

describe('Everflow sandbox basics', () => {
  it('serves Everflow under /everflow/v1 and exposes EVERFLOW_API_URL', () => {
    expect(sandbox.env.EVERFLOW_API_URL).toBe(`${sandbox.url}/everflow/v1`);
  });

  it('401 without a key, or with an unknown one', async () => {
    const missing = await everflow(sandbox, '/networks', null);
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({ error: 'No Authentication Method Found' });
    const unknown = await everflow(sandbox, '/networks', 'not-a-demo-key');
    expect(unknown.status).toBe(401);
  });

  it('does not read the key from the query string', async () => {
    const res = await everflow(sandbox, `/networks?api_key=${NETWORK}`, null);
    expect(res.status).toBe(401);
  });

  it('403 "Out of realm" for a key on the other side', async () => {
    const partnerOnNetwork = await everflow(sandbox, '/networks/offerstable', PARTNER, {});
    expect(partnerOnNetwork.status).toBe(403);
    expect(partnerOnNetwork.json).toEqual({ error: 'Out of realm' });
    const networkOnPartner = await everflow(sandbox, '/affiliates', NETWORK);
    expect(networkOnPartner.status).toBe(403);
    expect(networkOnPartner.json).toEqual({ error: 'Out of realm' });
  });

  it('answers rate-limit headers and JSON 404s', async () => {
    const res = await everflow(sandbox, '/networks', NETWORK);
    expect(res.headers.get('x-ratelimit-limit')).toBe('30');
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBeGreaterThan(0);
    const missing = await everflow(sandbox, '/networks/nothing', NETWORK);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ error: 'No route for GET /everflow/v1/networks/nothing' });
  });
});

describe('Everflow sandbox, network side', () => {
  it('GET /networks describes Acme Network', async () => {
    const res = await everflow(sandbox, '/networks', NETWORK);
    expect(res.json).toMatchObject({ network_id: 1, name: 'Acme Network', status: 'active' });
  });

  it('POST /networks/offerstable pages, searches by name and filters by status', async () => {
    const all = await everflow<{ offers: { network_offer_id: number }[]; paging: object }>(
      sandbox,
      '/networks/offerstable?page=2&page_size=4',
      NETWORK,
      {},
    );
    expect(all.json.offers.map((o) => o.network_offer_id)).toEqual([5, 6]);
    expect(all.json.paging).toEqual({ page: 2, page_size: 4, total_count: 6 });
    const acme = await everflow<{ offers: { name: string; offer_status: string }[] }>(
      sandbox,
      '/networks/offerstable',
      NETWORK,
      {
        search_terms: [{ search_type: 'name', value: 'ACME' }],
        filters: { offer_status: 'paused' },
      },
    );
    expect(acme.json.offers).toEqual([
      expect.objectContaining({ name: 'Acme Shoes Winter Promo', offer_status: 'paused' }),
    ]);
    const bad = await everflow(sandbox, '/networks/offerstable?page_size=5000', NETWORK, {});
    expect(bad.status).toBe(400);
  });

  it('lists affiliates, tracking domains, offer URLs (both filter styles) and creatives', async () => {
    const affiliates = await everflow<{ affiliates: { network_affiliate_id: number }[] }>(
      sandbox,
      '/networks/affiliatestable',
      NETWORK,
      { filters: { account_status: 'active' } },
    );
    expect(affiliates.json.affiliates.map((a) => a.network_affiliate_id)).toEqual([7, 8, 9]);

    const domains = await everflow<unknown[]>(sandbox, '/networks/trackingdomains', NETWORK);
    expect(domains.json).toEqual([
      expect.objectContaining({
        network_tracking_domain_id: 1,
        domain: 'www.acmetrk.example',
        is_default: true,
      }),
      expect.objectContaining({ network_tracking_domain_id: 2, is_default: false }),
    ]);

    for (const query of ['filter%5Bnetwork_offer_id%5D=6', 'filter=network_offer_id%3D6']) {
      const urls = await everflow<{
        urls: { network_offer_url_id: number; destination_url: string }[];
      }>(sandbox, `/networks/offerurls?${query}`, NETWORK);
      expect(urls.json.urls.map((u) => u.network_offer_url_id)).toEqual([61, 62]);
      expect(urls.json.urls[0].destination_url).toMatch(/^https:\/\/[a-z.]+\.example\//);
    }

    const creatives = await everflow<{ creatives: { network_offer_creative_id: number }[] }>(
      sandbox,
      '/networks/creativestable',
      NETWORK,
      {
        search_terms: [
          { search_type: 'network_offer_id', value: '1' },
          { search_type: 'creative_status', value: 'active' },
        ],
      },
    );
    expect(creatives.json.creatives.map((c) => c.network_offer_creative_id)).toEqual([101, 102]);
  });

  it('GET /networks/couponcodes filters by code and offer, with the offer relationship', async () => {
    const res = await everflow<{ couponcodes: Record<string, unknown>[] }>(
      sandbox,
      '/networks/couponcodes?filter%5Bcoupon_code%5D=summer20&relationship=offer',
      NETWORK,
    );
    expect(res.json.couponcodes).toEqual([
      expect.objectContaining({
        network_coupon_code_id: 501,
        coupon_code: 'SUMMER20',
        network_affiliate_id: 7,
        start_date: '2025-06-01',
        relationship: { offer: expect.objectContaining({ name: 'Acme Shoes Summer Sale' }) },
      }),
    ]);
  });

  describe('POST /networks/tracking/offers/clicks', () => {
    const clicks = (body: unknown) =>
      everflow<{ url?: string; error?: string }>(
        sandbox,
        '/networks/tracking/offers/clicks',
        NETWORK,
        body,
      );

    it('makes an Everflow-style link with the subs as query parameters', async () => {
      const res = await clicks({
        network_offer_id: 1,
        network_affiliate_id: 7,
        sub1: 'row 1',
        source_id: 'sheet',
      });
      expect(res.status).toBe(200);
      expect(res.json.url).toBe(`${link(7, 1)}?source_id=sheet&sub1=row+1`);
    });

    it('uses another tracking domain, an offer URL and a creative, or encrypts the parameters', async () => {
      const res = await clicks({
        network_offer_id: 1,
        network_affiliate_id: 8,
        network_tracking_domain_id: 2,
        network_offer_url_id: 12,
        creative_id: 101,
      });
      expect(res.json.url).toBe(`${link(8, 1, 'go.acmedeals.example')}?uid=12&creative_id=101`);
      const encrypted = await clicks({
        network_offer_id: 1,
        network_affiliate_id: 8,
        sub1: 'a',
        is_encrypt_parameters: true,
      });
      expect(encrypted.json.url).toBe(
        `${link(8, 1)}?_ef=${Buffer.from('sub1=a').toString('base64url')}`,
      );
    });

    it('direct-linking offers link to the advertiser unless a redirect link is forced', async () => {
      const direct = await clicks({ network_offer_id: 3, network_affiliate_id: 7, sub1: 'x' });
      expect(direct.json.url).toBe('https://www.greengrocer.example/trial?oid=3&affid=7&sub1=x');
      const redirect = await clicks({
        network_offer_id: 3,
        network_affiliate_id: 7,
        is_redirect_link: true,
      });
      expect(redirect.json.url).toBe(link(7, 3));
    });

    const ok = { network_offer_id: 1, network_affiliate_id: 7 };
    it.each([
      [
        'an id sent as text',
        { ...ok, network_offer_id: '1' },
        400,
        'network_offer_id must be an integer',
      ],
      ['no affiliate', { network_offer_id: 1 }, 400, 'network_affiliate_id must be an integer'],
      [
        'a sub over 200 characters',
        { ...ok, sub2: 'x'.repeat(201) },
        400,
        'sub2 must be at most 200 characters',
      ],
      [
        'a boolean sent as text',
        { ...ok, is_redirect_link: 'true' },
        400,
        'is_redirect_link must be a boolean',
      ],
      [
        'a field the contract does not know',
        { ...ok, link_type: 'click' },
        400,
        'Unknown field: link_type',
      ],
      ['an unknown offer', { ...ok, network_offer_id: 99 }, 404, 'Offer 99 not found'],
      [
        'an affiliate not approved for the offer',
        { ...ok, network_offer_id: 4 },
        422,
        'Affiliate 7 is not approved to run offer 4',
      ],
      [
        'an inactive affiliate',
        { ...ok, network_affiliate_id: 10 },
        422,
        'Affiliate 10 is not approved to run offer 1',
      ],
      [
        "another offer's URL",
        { ...ok, network_offer_url_id: 21 },
        400,
        'Offer URL 21 does not belong to offer 1',
      ],
      [
        "another offer's creative",
        { ...ok, creative_id: 201 },
        400,
        'Creative 201 does not belong to offer 1',
      ],
    ])('refuses %s', async (_title, body, status, message) => {
      const res = await clicks(body);
      expect(res.status).toBe(status);
      expect(res.json).toEqual({ error: message });
    });

    it('lets an approved affiliate run the approval-only offer', async () => {
      const res = await clicks({ network_offer_id: 4, network_affiliate_id: 8 });
      expect(res.json.url).toBe(link(8, 4));
    });
  });
});

describe('Everflow sandbox, partner side', () => {
  it('GET /affiliates describes Jamie Partner', async () => {
    const res = await everflow(sandbox, '/affiliates', PARTNER);
    expect(res.json).toMatchObject({
      network_affiliate_id: 7,
      name: 'Jamie Partner',
      account_status: 'active',
    });
  });

  it('runnable offers leave out the approval-only and the paused offer; alloffers shows the first', async () => {
    type Urls = { url: string }[];
    type Offers = {
      offers: { network_offer_id: number; relationship: { urls: Urls | { entries: Urls } } }[];
    };
    const runnable = await everflow<Offers>(sandbox, '/affiliates/offersrunnable', PARTNER);
    expect(runnable.json.offers.map((o) => o.network_offer_id)).toEqual([1, 2, 3, 6]);
    // Offer URLs come in both of Everflow's relationship shapes: a list, or {total, entries}.
    const urls = runnable.json.offers.flatMap(({ relationship: { urls } }) =>
      (Array.isArray(urls) ? urls : urls.entries).map((u) => u.url),
    );
    expect(runnable.json.offers.map((o) => Array.isArray(o.relationship.urls))).toEqual([
      true,
      false,
      true,
      false,
    ]);
    for (const url of urls) expect(new URL(url).hostname).toMatch(/\.example$/);
    const visible = await everflow<Offers>(sandbox, '/affiliates/alloffers', PARTNER);
    expect(visible.json.offers.map((o) => o.network_offer_id)).toEqual([1, 2, 3, 4, 6]);
    const search = await everflow<Offers>(
      sandbox,
      '/affiliates/offersrunnable?search=sunny',
      PARTNER,
    );
    expect(search.json.offers.map((o) => o.network_offer_id)).toEqual([6]);
  });

  it('tracking and impression URLs, default or a given offer URL', async () => {
    const click = await everflow(sandbox, '/affiliates/offers/1/url/0', PARTNER);
    expect(click.json).toEqual({ tracking_url: link(7, 1) });
    const withUrl = await everflow(sandbox, '/affiliates/offers/1/url/11', PARTNER);
    expect(withUrl.json).toEqual({ tracking_url: `${link(7, 1)}?uid=11` });
    const impression = await everflow(sandbox, '/affiliates/offers/6/impressionurl/0', PARTNER);
    expect(impression.json).toEqual({
      impression_url: `https://www.acmetrk.example/i/${encodedId(7)}/${encodedId(6)}/`,
    });
  });

  it('the offer the partner may not run: 400 in the capital-Error envelope', async () => {
    const res = await everflow(sandbox, '/affiliates/offers/4/url/0', PARTNER);
    expect(res.status).toBe(400);
    expect(res.json).toEqual({ Error: 'You are not allowed to run offer 4' });
    const wrongUrl = await everflow(sandbox, '/affiliates/offers/1/url/21', PARTNER);
    expect(wrongUrl.json).toEqual({ Error: 'Offer URL 21 does not belong to offer 1' });
    const unknown = await everflow(sandbox, '/affiliates/offers/99', PARTNER);
    expect(unknown.status).toBe(404);
    expect(unknown.json).toEqual({ Error: 'Offer 99 not found' });
  });

  it('coupon codes: the active codes of runnable offers assigned to the partner', async () => {
    const res = await everflow<{ coupon_codes: Record<string, unknown>[] }>(
      sandbox,
      '/affiliates/couponcodes',
      PARTNER,
    );
    expect(res.json.coupon_codes.map((c) => c.coupon_code)).toEqual([
      'SUMMER20',
      'LAMPS10',
      'TRAVEL5',
    ]);
    expect(res.json.coupon_codes[0]).toMatchObject({
      tracking_link: `${link(7, 1)}?coupon_code=SUMMER20`,
      start_date: '2025-06-01T00:00:00Z',
      end_date: '2025-08-31T23:59:59Z',
      relationship: { offer: { network_offer_id: 1, name: 'Acme Shoes Summer Sale' } },
    });
  });
});

describe('Everflow sandbox rate limits (token bucket per key type)', () => {
  let limited: Sandbox;
  beforeAll(async () => {
    limited = await startSandbox({
      everflowNetworkRatePerSecond: 0.001,
      everflowNetworkBurst: 3,
      everflowPartnerRatePerSecond: 0.001,
      everflowPartnerBurst: 1,
    });
  });
  afterAll(() => limited.close());

  it('answers 429 with X-RateLimit headers once the burst is spent, per key type', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await everflow(limited, '/networks', NETWORK)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await everflow(limited, '/networks', NETWORK);
    expect(refused.json).toEqual({ error: 'Too Many Requests' });
    expect(refused.headers.get('x-ratelimit-limit')).toBe('0.001');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    // The partner bucket is its own.
    expect((await everflow(limited, '/affiliates', PARTNER)).status).toBe(200);
    expect((await everflow(limited, '/affiliates', PARTNER)).status).toBe(429);
  });
});
