import { DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { encodedId } from '../../sandbox/everflow';
import { type BulkSummary } from '../../src/core/bulk';
import { type EverflowBulkLink } from '../../src/everflow/bulk';
import { type EverflowLink } from '../../src/everflow/links';
import { App, connect, describeError, failure, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

import { type EverflowCouponOutput, type EverflowOfferOutput } from '../../src/everflow/outputs';

import type { NewEverflowOffer } from '../../triggers/newEverflowOffer';

// The sandbox's documented limits (network 30/s burst 50, partner 5/s burst 20) stay on: the
// bulk tests prove the app stays under them.
const sandbox = useSandbox();
const network = { everflow_api_key: DEMO_EVERFLOW_NETWORK_KEY, everflow_api_type: 'network' };
const partner = { everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY, everflow_api_type: 'affiliate' };
const KEYS = [DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY];

type Choice = { id: string; name: string };
type Summary = BulkSummary<EverflowBulkLink>;

/** An Everflow-style redirect link of the sandbox: tracking domain / affiliate / offer. */
const redirect = (affiliate: number, offer: number, domain = 'www.acmetrk.example') =>
  `https://${domain}/${encodedId(affiliate)}/${encodedId(offer)}/`;

const everflowCalls = () => sandbox.current().calls.filter((call) => call.network === 'everflow');

/** Runs a step that must fail; checks no key leaked into the message and returns it. */
async function refusal(promise: Promise<unknown>): Promise<ReturnType<typeof describeError>> {
  const error = await failure(promise);
  for (const key of KEYS) expect(error.message).not.toContain(key);
  return describeError(error);
}

describe('the Everflow connection against the sandbox', () => {
  it('labels a network key with the network and a partner key with the partner account', async () => {
    expect((await connect(network)).label).toBe('Everflow Acme Network');
    expect((await connect(partner)).label).toBe('Everflow Jamie Partner (partner 7)');
  });

  it('tells the user when the key type is set the wrong way round, both ways', async () => {
    const asNetwork = await refusal(connect({ ...partner, everflow_api_type: 'network' }));
    expect(asNetwork.message).toBe(
      "Could not connect. Everflow: This Everflow key is a partner (affiliate) key, but the connection's " +
        'Everflow Key Type is Network. Reconnect and set Everflow Key Type to Partner / affiliate.',
    );
    const asPartner = await refusal(connect({ ...network, everflow_api_type: 'affiliate' }));
    expect(asPartner.message).toBe(
      "Could not connect. Everflow: This Everflow key is a network key, but the connection's " +
        'Everflow Key Type is Partner / affiliate. Reconnect and set Everflow Key Type to Network.',
    );
  });

  it('refuses an unknown key, naming Everflow', async () => {
    const error = await refusal(connect({ everflow_api_key: 'revoked-key' }));
    expect(error.message).toMatch(
      /^Could not connect\. Everflow: Everflow did not accept your credentials \(401: Invalid API Key\)/,
    );
  });
});

describe('Generate Everflow Tracking Link', () => {
  it('network key: a link for an affiliate, with tracking domain, offer URL, creative and subs', async () => {
    const link = await run<EverflowLink>(
      App.creates.everflow_tracking_link,
      {
        network_offer_id: '1',
        network_affiliate_id: '8',
        network_tracking_domain_id: '2',
        network_offer_url_id: '12',
        creative_id: '101',
        source_id: 'crm',
        sub1: 'deal 42',
        is_encrypt_parameters: 'false',
      },
      network,
    );
    expect(link).toEqual({
      url: `${redirect(8, 1, 'go.acmedeals.example')}?uid=12&creative_id=101&source_id=crm&sub1=deal+42`,
      link_type: 'click',
      network_offer_id: 1,
      network_affiliate_id: 8,
    });
  });

  it('network key: an affiliate who may not run the offer gets a clear refusal', async () => {
    const error = await refusal(
      run(
        App.creates.everflow_tracking_link,
        { network_offer_id: 4, network_affiliate_id: 7 },
        network,
      ),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Everflow would not make a link for offer 4 (HTTP 422: Affiliate 7 is not approved to run ' +
        'offer 4). Check that the affiliate is approved to run this offer, and that the offer URL ' +
        'and creative belong to it.',
    );
  });

  it("partner key: the offer's own link (with its offer URL) plus the subs", async () => {
    const link = await run<EverflowLink>(
      App.creates.everflow_tracking_link,
      {
        network_offer_id: 1,
        network_offer_url_id: 11,
        source_id: 'ig',
        sub1: 'spring sale',
        sub2: 'a&b',
      },
      partner,
    );
    expect(link).toEqual({
      url: `${redirect(7, 1)}?uid=11&source_id=ig&sub1=spring+sale&sub2=a%26b`,
      link_type: 'click',
      network_offer_id: 1,
      network_affiliate_id: null,
    });
  });

  it('partner key: an impression link', async () => {
    const link = await run<EverflowLink>(
      App.creates.everflow_tracking_link,
      { network_offer_id: 6, link_type: 'impression', sub3: 'banner' },
      partner,
    );
    expect(link.url).toBe(
      `https://www.acmetrk.example/i/${encodedId(7)}/${encodedId(6)}/?sub3=banner`,
    );
    expect(link.link_type).toBe('impression');
  });

  it('partner key: the offer the partner may not run is refused with Everflow’s reason', async () => {
    const error = await refusal(
      run(App.creates.everflow_tracking_link, { network_offer_id: 4 }, partner),
    );
    expect(error.message).toBe(
      'Everflow would not make a link for offer 4 (HTTP 400: You are not allowed to run offer 4). ' +
        'Check that you are approved to run this offer, and that the offer URL belongs to it.',
    );
  });

  it('a partner key with network-only fields is refused before any request', async () => {
    sandbox.current().resetCalls();
    const error = await refusal(
      run(
        App.creates.everflow_tracking_link,
        { network_offer_id: 1, network_affiliate_id: 7 },
        partner,
      ),
    );
    expect(error.message).toMatch(/^Affiliate needs a network key/);
    expect(everflowCalls()).toEqual([]);
  });
});

describe('Generate Everflow Tracking Links in Bulk', () => {
  it('100 network links inside 30 s, without a single 429, one refused, in input order', async () => {
    sandbox.current().resetCalls();
    const links = Array.from({ length: 100 }, (_, i) => ({
      network_offer_id: i === 41 ? '4' : String([1, 2, 6][i % 3]),
      network_affiliate_id: '7',
      sub1: `row-${i + 1}`,
    }));
    // Every row succeeds or fails on its own: none is "not processed" by the run's deadline.
    const result = await run<Summary>(
      App.creates.everflow_tracking_links_batch,
      { links },
      network,
    );
    const calls = everflowCalls();
    expect(calls).toHaveLength(100);
    expect(calls.filter((call) => call.status === 429)).toEqual([]);
    expect([result.total, result.succeeded, result.failed]).toEqual([100, 99, 1]);
    result.links.forEach((link, i) => {
      expect(link.index).toBe(i + 1);
      if (i === 41) return;
      const offer = [1, 2, 6][i % 3];
      expect(link).toEqual({
        index: i + 1,
        network_offer_id: offer,
        status: 'success',
        url: `${redirect(7, offer)}?sub1=row-${i + 1}`,
        error: null,
      });
    });
    expect(result.links[41]).toMatchObject({ network_offer_id: 4, status: 'error', url: null });
    expect(result.links[41].error).toContain('Affiliate 7 is not approved to run offer 4');
  }, 40_000);

  it('partner links: one Everflow call per distinct offer and offer URL, the may-not-run offer failing alone', async () => {
    sandbox.current().resetCalls();
    const offers = [1, 2, 3, 4, 6];
    const links = Array.from({ length: 50 }, (_, i) => ({
      network_offer_id: offers[i % offers.length],
      network_offer_url_id: i % 10 === 0 ? 11 : 0,
      sub1: `row ${i + 1}`,
    }));
    const result = await run<Summary>(
      App.creates.everflow_tracking_links_batch,
      { links },
      partner,
    );

    const paths = everflowCalls().map((call) => call.path);
    expect(paths.sort()).toEqual(
      [
        '/affiliates/offers/1/url/0',
        '/affiliates/offers/1/url/11',
        '/affiliates/offers/2/url/0',
        '/affiliates/offers/3/url/0',
        '/affiliates/offers/4/url/0',
        '/affiliates/offers/6/url/0',
      ].sort(),
    );
    expect([result.total, result.succeeded, result.failed]).toEqual([50, 40, 10]);
    expect(result.links[0].url).toBe(`${redirect(7, 1)}?uid=11&sub1=row+1`);
    expect(result.links[5].url).toBe(`${redirect(7, 1)}?sub1=row+6`);
    for (const link of result.links.filter((l) => l.network_offer_id === 4)) {
      expect(link.error).toContain('You are not allowed to run offer 4');
    }
  });
});

describe('dropdowns, searches and the polling trigger', () => {
  it('fills every network dropdown', async () => {
    const offers = await run<Choice[]>(App.triggers.everflow_offer_list, {}, network);
    expect(offers.map((o) => o.name)).toContain('Acme Shoes Winter Promo (5, paused)');
    expect(offers).toHaveLength(6);
    expect(await run(App.triggers.everflow_offer_list, {}, network, { page: 1 })).toEqual([]);
    const affiliates = await run<Choice[]>(App.triggers.everflow_affiliate_list, {}, network);
    expect(affiliates.map((a) => a.id)).toEqual(['7', '8', '9']);
    const domains = await run<Choice[]>(App.triggers.everflow_tracking_domain_list, {}, network);
    expect(domains[0]).toEqual({ id: '1', name: 'www.acmetrk.example (default)' });
    const urls = await run<Choice[]>(
      App.triggers.everflow_offer_url_list,
      { network_offer_id: '1' },
      network,
    );
    expect(urls).toEqual([
      { id: '0', name: 'Default offer URL' },
      { id: '11', name: 'Sandals (11)' },
      { id: '12', name: 'Boots (12)' },
    ]);
    const creatives = await run<Choice[]>(
      App.triggers.everflow_creative_list,
      { network_offer_id: 1 },
      network,
    );
    expect(creatives.map((c) => c.id)).toEqual(['101', '102']);
  });

  it('fills the partner dropdowns and refuses the network-only ones', async () => {
    const offers = await run<Choice[]>(App.triggers.everflow_offer_list, {}, partner);
    expect(offers.map((o) => o.id)).toEqual(['1', '2', '3', '6']);
    const urls = await run<Choice[]>(
      App.triggers.everflow_offer_url_list,
      { network_offer_id: 6 },
      partner,
    );
    expect(urls.map((u) => u.name)).toEqual([
      'Default offer URL',
      'Beach holidays (61)',
      'City breaks (62)',
    ]);
    const error = await refusal(run(App.triggers.everflow_affiliate_list, {}, partner));
    expect(error.message).toMatch(/^Listing Everflow affiliates needs a network key/);
  });

  it('finds offers by name, for both key types', async () => {
    const byNetwork = await run<EverflowOfferOutput[]>(
      App.searches.everflow_offer,
      { name: 'acme shoes' },
      network,
    );
    expect(byNetwork.map((o) => [o.id, o.offer_status])).toEqual([
      [1, 'active'],
      [5, 'paused'],
    ]);
    const byPartner = await run<EverflowOfferOutput[]>(
      App.searches.everflow_offer,
      { name: 'sunny travel deals' },
      partner,
    );
    expect(byPartner).toEqual([
      { id: 6, network_offer_id: 6, name: 'Sunny Travel Deals', offer_status: 'active' },
    ]);
    expect(await run(App.searches.everflow_offer, { name: 'nimbus' }, partner)).toEqual([]);
  });

  it('finds coupon codes with ISO-8601 dates', async () => {
    const byPartner = await run<EverflowCouponOutput[]>(
      App.searches.everflow_coupon_code,
      { coupon_code: 'summer20' },
      partner,
    );
    expect(byPartner).toEqual([
      {
        id: 501,
        coupon_code: 'SUMMER20',
        tracking_link: `${redirect(7, 1)}?coupon_code=SUMMER20`,
        network_offer_id: 1,
        offer_name: 'Acme Shoes Summer Sale',
        start_date: '2025-06-01T00:00:00Z',
        end_date: '2025-08-31T23:59:59Z',
      },
    ]);
    const byNetwork = await run<EverflowCouponOutput[]>(
      App.searches.everflow_coupon_code,
      { network_offer_id: '1' },
      network,
    );
    expect(byNetwork.map((c) => [c.coupon_code, c.offer_name, c.start_date])).toEqual([
      ['SUMMER20', 'Acme Shoes Summer Sale', '2025-06-01T00:00:00Z'],
      ['SAVE15', 'Acme Shoes Summer Sale', '2024-11-01T00:00:00Z'],
    ]);
    expect(await run(App.searches.everflow_coupon_code, { coupon_code: 'NOPE' }, network)).toEqual(
      [],
    );
  });

  it('lists new offers newest first: active network offers, runnable partner offers', async () => {
    const byNetwork = await run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {}, network);
    expect(byNetwork.map((o) => o.id)).toEqual(['6', '4', '3', '2', '1']);
    const byPartner = await run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {}, partner);
    expect(byPartner.map((o) => o.id)).toEqual(['6', '3', '2', '1']);
    expect(byPartner[0].tracking_url).toBe(redirect(7, 6));
  });

  it('never puts a key in a request URL', () => {
    const calls = everflowCalls();
    expect(calls.length).toBeGreaterThan(5);
    for (const call of calls) for (const key of KEYS) expect(call.path).not.toContain(key);
  });
});

describe('Everflow’s rate limit', () => {
  const limited = useSandbox({ everflowNetworkRatePerSecond: 0.001, everflowNetworkBurst: 1 });

  it('turns the sandbox’s 429 into ThrottledError waiting for the one-second bucket', async () => {
    await run(App.triggers.everflow_tracking_domain_list, {}, network);
    const error = await refusal(run(App.triggers.everflow_tracking_domain_list, {}, network));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(1);
    expect(limited.current().calls.at(-1)?.status).toBe(429);
  });
});
