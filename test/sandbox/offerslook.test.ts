import { sandboxEnvLines } from '../../sandbox/cli';
import {
  DEMO_OFFERSLOOK_API_KEY,
  DEMO_OFFERSLOOK_EMAIL,
  DEMO_OFFERSLOOK_NETWORK,
} from '../../sandbox/credentials';

import { startSandbox, type Sandbox } from '../../sandbox/server';

interface Envelope<T = unknown> {
  code: number;
  message: string;
  data: T;
}
interface TrackingLink {
  offer_id: number;
  url: string;
  impression_pixel: string;
}
interface OfferRow {
  offer: { id: number; name: string; offer_approval: number; description?: string };
}
interface OfferPage {
  rowset: OfferRow[];
  totalRows: number;
  totalPages: number;
}
interface OneLink {
  tracking_link: {
    url: string;
    impression_pixel: string;
    offer_url: { type: string; name?: string; tracking_link: string; preview_url?: string }[];
  };
}

const DEMO = `/offerslook/${DEMO_OFFERSLOOK_NETWORK}`;
const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
const DEMO_BASIC = basic(DEMO_OFFERSLOOK_EMAIL, DEMO_OFFERSLOOK_API_KEY);
const TRACK = 'https://track.demo-offers.example';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterAll(() => sandbox.close());

/** GETs a sandbox path with the demo Basic credentials (or the given Authorization, or none). */
async function get<T>(
  path: string,
  authorization: string | null = DEMO_BASIC,
): Promise<{ status: number; body: Envelope<T> }> {
  const headers: Record<string, string> = authorization === null ? {} : { authorization };
  const res = await fetch(`${sandbox.url}${path}`, { headers });
  return { status: res.status, body: (await res.json()) as Envelope<T> };
}

const ok = async <T>(path: string): Promise<T> => {
  const { status, body } = await get<T>(path);
  expect(status).toBe(200);
  expect(body.code).toBe(0);
  expect(body.message).toBe('Success');
  return body.data;
};

const linksFor = async (ids: string) =>
  ok<{ tracking_link: TrackingLink[] }>(`${DEMO}/aff/v1/batches/offers/tracking_links/${ids}`);

const offerIds = (page: OfferPage) => page.rowset.map((row) => row.offer.id);

describe('Offerslook sandbox basics', () => {
  it('points the app at /offerslook/{network}, the placeholder left for the client', () => {
    expect(sandbox.env.OFFERSLOOK_API_URL).toBe(`${sandbox.url}/offerslook/{network}`);
    expect(sandboxEnvLines(sandbox)).toEqual(
      expect.arrayContaining([
        `OFFERSLOOK_API_URL=${sandbox.url}/offerslook/{network}`,
        'authData_offerslook_network=demo',
        'authData_offerslook_email=affiliate@demo.example',
        'authData_offerslook_api_key=sandbox-offerslook-key',
      ]),
    );
  });

  it('answers 404 "Network not found" for any network but demo, even with good credentials', async () => {
    const res = await get('/offerslook/acme/aff/v1/batches/offers');
    expect(res).toEqual({
      status: 404,
      body: { code: 404, message: 'Network not found', data: null },
    });
    expect((await get('/offerslook')).status).toBe(404);
  });

  it('answers a 404 envelope for an unknown path of the demo network', async () => {
    const res = await get(`${DEMO}/aff/v1/nothing`);
    expect(res).toEqual({
      status: 404,
      body: { code: 404, message: 'Not found: GET /offerslook/demo/aff/v1/nothing', data: null },
    });
  });

  it.each([
    ['no Authorization header', null],
    ['a wrong key', basic(DEMO_OFFERSLOOK_EMAIL, 'wrong-key')],
    ['a wrong email', basic('someone@demo.example', DEMO_OFFERSLOOK_API_KEY)],
    ['a Bearer token', `Bearer ${DEMO_OFFERSLOOK_API_KEY}`],
  ])('refuses %s with HTTP 401 and an envelope', async (_what, authorization) => {
    const res = await get(`${DEMO}/aff/v1/batches/offers`, authorization);
    expect(res).toEqual({
      status: 401,
      body: { code: 401, message: 'Authentication failed', data: null },
    });
  });
});

describe('GET /aff/v1/batches/offers/tracking_links/{ids}', () => {
  it('returns links for approved or public offers only, in id order, in the documented form', async () => {
    const { tracking_link } = await linksFor('205,118,16,102,734');
    expect(tracking_link.map((link) => link.offer_id)).toEqual([16, 102, 205]);
    expect(tracking_link[0]).toEqual({
      offer_id: 16,
      url: `${TRACK}/index.php?offer_id=16&aff_id=1207`,
      impression_pixel: `<img src='${TRACK}/impr.php?offer_id=16&aff_id=1207'  border='0'  width='1'  height='1' />`,
    });
    // One offer writes its pixel with double quotes and an HTML entity, as some networks do.
    expect(tracking_link[2].impression_pixel).toBe(
      `<img width="1" height="1" border="0" src="${TRACK}/impr.php?offer_id=205&amp;aff_id=1207" />`,
    );
  });

  it('answers an offer without a pixel with an empty impression_pixel, and repeated ids once', async () => {
    const { tracking_link } = await linksFor('342,342');
    expect(tracking_link).toEqual([
      { offer_id: 342, url: `${TRACK}/index.php?offer_id=342&aff_id=1207`, impression_pixel: '' },
    ]);
  });

  it('answers an empty list when no offer may be run', async () => {
    expect(await linksFor('118,307,4242')).toEqual({ tracking_link: [] });
  });

  it.each([
    ['16,999', 1002, 'Invalid offer id 999'],
    ['16,abc', 1001, 'Invalid offer ids: 16,abc'],
    [
      Array.from({ length: 101 }, (_, i) => i + 1).join(','),
      1003,
      'Too many offer ids: at most 100 per request',
    ],
  ])('refuses %s with HTTP 200 and code %i', async (ids, code, message) => {
    const res = await get(`${DEMO}/aff/v1/batches/offers/tracking_links/${ids}`);
    expect(res).toEqual({ status: 200, body: { code, message, data: null } });
  });

  it('takes exactly 100 ids', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => i + 1).join(',');
    const { tracking_link } = await linksFor(ids);
    expect(tracking_link.map((link) => link.offer_id)).toEqual([16]);
  });
});

describe('GET /aff/v1/batches/offers', () => {
  const list = (query: string) => ok<OfferPage>(`${DEMO}/aff/v1/batches/offers?${query}`);

  it('lists every offer the affiliate can see (not private ones it is not approved for)', async () => {
    const page = await list('type=all&offset=1&limit=100');
    expect(offerIds(page)).toEqual([16, 102, 118, 205, 231, 307, 342, 455, 512, 618, 870]);
    expect(page.totalRows).toBe(11);
    expect(page.totalPages).toBe(1);
    expect(page.rowset[0]).toEqual({
      offer: {
        id: 16,
        name: 'Acme Shoes US',
        status: 'active',
        offer_approval: 2,
        preview_url: 'https://www.acmeshoes.example/us',
        pricing_type: 'CPS',
        payout: '8%',
        currency: 'USD',
        category: 'Fashion',
        conversion_protocol: 2,
      },
      offer_geo: { target: [{ country_code: 'US' }] },
    });
  });

  it('lists the personal (approved) offers with type=personal', async () => {
    expect(offerIds(await list('type=personal&limit=100'))).toEqual([102, 231, 455, 512]);
  });

  it('pages with offset (from 1) and limit, and sorts by id either way', async () => {
    const second = await list('type=all&offset=2&limit=4&sort=%2Bid');
    expect(offerIds(second)).toEqual([231, 307, 342, 455]);
    expect(second.totalPages).toBe(3);
    expect(offerIds(await list('offset=4&limit=4'))).toEqual([]);
    expect(offerIds(await list('limit=3&sort=-id'))).toEqual([870, 618, 512]);
    // A literal "+" in a query string arrives as a space.
    expect(offerIds(await list('limit=2&sort=+id'))).toEqual([16, 102]);
  });

  it('filters with filters[field][COMPARISON] and adds the description with contains', async () => {
    const page = await list('filters[offer_approval][EQUAL_TO]=2&contains=description&limit=100');
    expect(offerIds(page)).toEqual([16, 205, 342, 455, 618, 870]);
    expect(page.rowset[0].offer.description).toBe(
      'Acme Shoes US: promote with any compliant traffic.',
    );
    expect(offerIds(await list('filters[id][GREATER_THAN]=600&limit=100'))).toEqual([618, 870]);
    expect(offerIds(await list('filters[status]=paused'))).toEqual([512]);
  });

  it.each([
    ['limit=101', 1004, 'limit must be between 1 and 100'],
    ['limit=0', 1004, 'limit must be between 1 and 100'],
    ['offset=0', 1006, 'offset must be a page number from 1'],
    ['sort=name', 1006, 'Only id sorting is supported'],
    ['type=mine', 1006, 'Invalid type: mine'],
    ['filters[payout][EQUAL_TO]=1', 1006, 'Unsupported filter: payout'],
    ['filters[name][LIKE]=Acme', 1006, 'Unsupported comparison: LIKE'],
  ])('refuses %s with a non-zero code', async (query, code, message) => {
    const res = await get(`${DEMO}/aff/v1/batches/offers?${query}`);
    expect(res).toEqual({ status: 200, body: { code, message, data: null } });
  });
});

describe('GET /aff/v1/offers/{id}/tracking_links', () => {
  const one = (path: string) => ok<OneLink>(`${DEMO}/aff/v1/offers/${path}`);

  it('returns the link, the pixel and every landing page', async () => {
    const { tracking_link } = await one('102/tracking_links');
    expect(tracking_link.url).toBe(`${TRACK}/index.php?offer_id=102&aff_id=1207`);
    expect(tracking_link.offer_url).toEqual([
      {
        type: 'Default',
        tracking_link: `${TRACK}/index.php?offer_id=102&aff_id=1207`,
        preview_url: 'https://outlet.acmeshoes.example/',
      },
      { type: 'Random', tracking_link: `${TRACK}/index.php?offer_id=102&aff_id=1207&random_url=1` },
      {
        type: 'Offer URL',
        name: 'Clearance',
        tracking_link: `${TRACK}/index.php?offer_id=102&aff_id=1207&url_id=3`,
        preview_url: 'https://outlet.acmeshoes.example/clearance',
      },
    ]);
  });

  it('lists several named landing pages for some offers, each link carrying its url_id', async () => {
    const named = (offer: OneLink) =>
      offer.tracking_link.offer_url
        .filter((u) => u.type === 'Offer URL')
        .map((u) => [u.name, new URL(u.tracking_link).searchParams.get('url_id')]);
    expect(named(await one('16/tracking_links'))).toEqual([
      ['Running shoes', '7'],
      ['Summer sale', '8'],
      ['Kids', '12'],
    ]);
    expect(named(await one('455/tracking_links'))).toEqual([
      ['New arrivals', '21'],
      ['Gift cards', '22'],
    ]);
    expect(named(await one('205/tracking_links'))).toEqual([]);
  });

  it('selects a landing page with url_id and a random one with random_url=1', async () => {
    expect((await one('102/tracking_links?url_id=3')).tracking_link.url).toBe(
      `${TRACK}/index.php?offer_id=102&aff_id=1207&url_id=3`,
    );
    expect((await one('16/tracking_links?random_url=1')).tracking_link.url).toBe(
      `${TRACK}/index.php?offer_id=16&aff_id=1207&random_url=1`,
    );
  });

  it.each([
    ['118/tracking_links', 1005, 'Offer 118 is not approved for you'],
    ['734/tracking_links', 1002, 'Invalid offer id 734'],
    ['999/tracking_links', 1002, 'Invalid offer id 999'],
    ['102/tracking_links?url_id=9', 1007, 'Invalid url_id 9'],
  ])('refuses %s with code %i', async (path, code, message) => {
    const res = await get(`${DEMO}/aff/v1/offers/${path}`);
    expect(res).toEqual({ status: 200, body: { code, message, data: null } });
  });
});

describe('the call log', () => {
  it('records Offerslook calls under its name, with paths that carry no credential', async () => {
    sandbox.resetCalls();
    await linksFor('16');
    expect(sandbox.calls).toEqual([
      expect.objectContaining({
        network: 'offerslook',
        method: 'GET',
        path: '/demo/aff/v1/batches/offers/tracking_links/16',
        status: 200,
      }),
    ]);
  });
});
