import { DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { encodedId } from '../../sandbox/everflow';

import { startSandbox, type Sandbox } from '../../sandbox/server';

/**
 * What the sandbox answers for "Generate Everflow Tracking Links & Assets": the partner's runnable
 * offers with all their links and relationship blocks, a direct-linking offer, an offer without
 * impression tracking, creatives with files and HTML, and the network endpoints for one
 * affiliate's offers (runnable ids, offer details, impression links).
 */

const NETWORK = DEMO_EVERFLOW_NETWORK_KEY;
const PARTNER = DEMO_EVERFLOW_PARTNER_KEY;

async function everflow<T = Record<string, unknown>>(
  sandbox: Sandbox,
  path: string,
  key: string,
  body?: unknown,
): Promise<{ status: number; json: T }> {
  const res = await fetch(`${sandbox.url}/everflow/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'X-Eflow-API-Key': key,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

const link = (affiliate: number, offer: number) =>
  `https://www.acmetrk.example/${encodedId(affiliate)}/${encodedId(offer)}/`;

type Offer = Record<string, unknown> & {
  network_offer_id: number;
  relationship: Record<string, unknown>;
};

let sandbox: Sandbox;
let paged: Sandbox;
beforeAll(async () => {
  const limits = { everflowNetworkBurst: 10_000, everflowPartnerBurst: 10_000 };
  sandbox = await startSandbox(limits);
  paged = await startSandbox({ ...limits, everflowExtraOffers: 60 });
});
afterAll(async () => {
  await sandbox.close();
  await paged.close();
});

describe('partner: runnable offers carry every link and relationship block', () => {
  it('the direct-linking offer has a direct link and a redirect link; others an empty redirect link', async () => {
    const res = await everflow<{ offers: Offer[] }>(sandbox, '/affiliates/offersrunnable', PARTNER);
    const byId = Object.fromEntries(res.json.offers.map((o) => [o.network_offer_id, o]));
    expect(byId[3]).toMatchObject({
      is_use_direct_linking: true,
      tracking_url: 'https://www.greengrocer.example/trial?oid=3&affid=7',
      redirect_tracking_url: link(7, 3),
      impression_tracking_url: '',
    });
    expect(byId[1]).toMatchObject({
      is_use_direct_linking: false,
      tracking_url: link(7, 1),
      redirect_tracking_url: '',
      impression_tracking_url: `https://www.acmetrk.example/i/${encodedId(7)}/${encodedId(1)}/`,
    });
    const direct = await everflow(sandbox, '/affiliates/offers/3/url/31', PARTNER);
    expect(direct.json).toEqual({
      tracking_url: 'https://www.greengrocer.example/veg-box?oid=3&affid=7',
    });
    const impression = await everflow(sandbox, '/affiliates/offers/3/impressionurl/0', PARTNER);
    expect(impression).toEqual({
      status: 400,
      json: { Error: 'Impression tracking is not enabled for offer 3' },
    });
  });

  it('creatives come as {total, entries} with files and HTML; URLs as a plain list', async () => {
    const res = await everflow<{ offers: Offer[] }>(sandbox, '/affiliates/offersrunnable', PARTNER);
    const [first] = res.json.offers;
    expect(first.relationship.creatives).toEqual({
      total: 2,
      entries: [
        expect.objectContaining({
          network_offer_creative_id: 101,
          creative_type: 'image',
          resource_url: 'https://media.acmetrk.example/creatives/101.png',
        }),
        expect.objectContaining({
          network_offer_creative_id: 102,
          creative_type: 'email',
          html_code: expect.stringContaining('<h1>Summer sale</h1>'),
        }),
      ],
    });
    expect(Array.isArray(first.relationship.urls)).toBe(true);
    const sunny = res.json.offers.find((o) => o.network_offer_id === 6) as Offer;
    // The private creative 602 is not shown to partners.
    expect((sunny.relationship.creatives as { total: number }).total).toBe(1);
  });

  it('everflowExtraOffers adds plain public offers, so the runnable list pages', async () => {
    const page = (n: number) =>
      everflow<{ offers: Offer[]; paging: { total_count: number } }>(
        paged,
        `/affiliates/offersrunnable?page=${n}&page_size=50`,
        PARTNER,
      );
    const [one, two] = [await page(1), await page(2)];
    expect(one.json.paging.total_count).toBe(64);
    expect(one.json.offers).toHaveLength(50);
    expect(two.json.offers.map((o) => o.network_offer_id).at(-1)).toBe(1060);
    const tracked = await everflow(paged, '/affiliates/offers/1060/url/0', PARTNER);
    expect(tracked.json).toEqual({ tracking_url: link(7, 1060) });
  });
});

describe('network: one affiliate’s offers', () => {
  it('GET /networks/offers/runnable/affiliate/ids lists what the affiliate may run', async () => {
    const ids = (affiliate: string) =>
      everflow<{ offer_ids: number[] }>(
        sandbox,
        `/networks/offers/runnable/affiliate/ids?network_affiliate_id=${affiliate}`,
        NETWORK,
      );
    expect((await ids('7')).json).toEqual({ offer_ids: [1, 2, 3, 5, 6] });
    expect((await ids('8')).json).toEqual({ offer_ids: [1, 2, 3, 4, 5, 6] });
    expect((await ids('10')).json).toEqual({ offer_ids: [] });
    expect((await ids('x')).status).toBe(400);
    expect((await ids('99')).status).toBe(404);
  });

  it('offers with relationship=urls carry their active URLs as {total, entries}', async () => {
    const one = await everflow<Offer>(sandbox, '/networks/offers/1?relationship=urls', NETWORK);
    expect(one.json).toMatchObject({ network_offer_id: 1, is_use_direct_linking: false });
    expect(one.json.relationship).toEqual({
      urls: {
        total: 2,
        entries: [
          expect.objectContaining({ network_offer_url_id: 11, name: 'Sandals' }),
          expect.objectContaining({ network_offer_url_id: 12, name: 'Boots' }),
        ],
      },
    });
    const plain = await everflow<Offer>(sandbox, '/networks/offers/1', NETWORK);
    expect(plain.json.relationship).toBeUndefined();
    expect((await everflow(sandbox, '/networks/offers/99', NETWORK)).status).toBe(404);
    const table = await everflow<{ offers: Offer[] }>(
      sandbox,
      '/networks/offerstable?relationship=urls',
      NETWORK,
      { filters: { offer_status: 'active' } },
    );
    expect(table.json.offers.map((o) => o.network_offer_id)).toEqual([1, 2, 3, 4, 6]);
    expect(table.json.offers[0].relationship.urls).toMatchObject({ total: 2 });
  });

  it('POST /networks/offers/{id}/impressionurl: the link, or why not', async () => {
    const impression = (offer: number, body: unknown) =>
      everflow(sandbox, `/networks/offers/${offer}/impressionurl`, NETWORK, body);
    expect((await impression(6, { network_affiliate_id: 7 })).json).toEqual({
      impression_url: `https://www.acmetrk.example/i/${encodedId(7)}/${encodedId(6)}/`,
    });
    expect(await impression(4, { network_affiliate_id: 7 })).toEqual({
      status: 422,
      json: { error: 'Affiliate 7 is not approved to run offer 4' },
    });
    expect(await impression(3, { network_affiliate_id: 7 })).toEqual({
      status: 400,
      json: { error: 'Impression tracking is not enabled for offer 3' },
    });
    expect((await impression(6, { network_affiliate_id: '7' })).status).toBe(400);
  });

  it('creatives carry their HTML and whether they are private', async () => {
    const res = await everflow<{ creatives: Record<string, unknown>[] }>(
      sandbox,
      '/networks/creativestable',
      NETWORK,
      { search_terms: [{ search_type: 'network_offer_id', value: '6' }] },
    );
    expect(res.json.creatives).toEqual([
      expect.objectContaining({ network_offer_creative_id: 601, is_private: false }),
      expect.objectContaining({
        network_offer_creative_id: 602,
        is_private: true,
        resource_url: 'https://media.acmetrk.example/creatives/602.png',
      }),
    ]);
  });
});
