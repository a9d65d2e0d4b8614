import nock from 'nock';
import { type EverflowCouponOutput, type EverflowOfferOutput } from '../../src/everflow/outputs';
import type { NewEverflowOffer } from '../../triggers/newEverflowOffer';

import { App, describeError, failure, run, setupNock } from '../support/app';

import { EVERFLOW, keyHeader, NETWORK_KEY, networkAuth, PARTNER_KEY, partnerAuth } from './helpers';

setupNock();

type Choice = { id: string; name: string };

const networkOffers = [
  { network_offer_id: 1, name: 'Acme Shoes Summer Sale', offer_status: 'active' },
  { network_offer_id: 5, name: 'Acme Shoes', offer_status: 'paused' },
  { network_offer_id: 6, name: 'Sunny Travel Deals', offer_status: 'active' },
];

const partnerOffer = (id: number, name: string, urls: { id: number; name: string }[] = []) => ({
  network_offer_id: id,
  name,
  offer_status: 'active',
  tracking_url: `https://www.acmetrk.example/P7/O${id}/`,
  preview_url: `https://www.shop${id}.example/`,
  relationship: {
    urls: urls.map((url) => ({
      network_offer_url_id: url.id,
      name: url.name,
      url: `https://www.shop${id}.example/${url.id}`,
    })),
  },
});

const NETWORK_ONLY = (what: string) =>
  `${what} needs a network key, but this connection's Everflow Key Type is Partner / affiliate. ` +
  'Use a connection with a network key (Everflow Key Type: Network).';

describe('everflow_offer_list (dropdown)', () => {
  it('network key: POST /networks/offerstable, Zapier page 0 = Everflow page 1, 100 a page', async () => {
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .post('/v1/networks/offerstable', { search_terms: [], filters: {} })
      .query({ page: '1', page_size: '100' })
      .reply(200, { offers: networkOffers, paging: { page: 1, page_size: 100, total_count: 3 } });
    const choices = await run<Choice[]>(App.triggers.everflow_offer_list, {}, networkAuth);
    expect(choices).toEqual([
      { id: '1', name: 'Acme Shoes Summer Sale (1)' },
      { id: '5', name: 'Acme Shoes (5, paused)' },
      { id: '6', name: 'Sunny Travel Deals (6)' },
    ]);
  });

  it('an answer whose list key was renamed fails loudly instead of looking empty', async () => {
    nock(EVERFLOW).post('/v1/networks/offerstable').query(true).reply(200, { data: [] });
    const error = describeError(
      await failure(run(App.triggers.everflow_offer_list, {}, networkAuth)),
    );
    expect(error.message).toMatch(
      /^Everflow sent an answer this integration cannot read \(HTTP 200, .*a list was expected for offers but it was missing\)/,
    );
  });

  it('partner key: GET /affiliates/offersrunnable, and the next page when Zapier asks', async () => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '3', page_size: '100' })
      .reply(200, { offers: [partnerOffer(2, 'Bright Lamps')], paging: { page: 3 } });
    const choices = await run<Choice[]>(App.triggers.everflow_offer_list, {}, partnerAuth, {
      page: 2,
    });
    expect(choices).toEqual([{ id: '2', name: 'Bright Lamps (2)' }]);
  });
});

describe('everflow_affiliate_list, everflow_tracking_domain_list, everflow_creative_list', () => {
  it('lists active affiliates with POST /networks/affiliatestable', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/affiliatestable', { filters: { account_status: 'active' } })
      .query({ page: '2', page_size: '100' })
      .reply(200, {
        affiliates: [{ network_affiliate_id: 7, name: 'Jamie Partner', account_status: 'active' }],
      });
    const choices = await run<Choice[]>(App.triggers.everflow_affiliate_list, {}, networkAuth, {
      page: 1,
    });
    expect(choices).toEqual([{ id: '7', name: 'Jamie Partner (7)' }]);
  });

  it('lists tracking domains from a bare array or a wrapped one, marking the default', async () => {
    nock(EVERFLOW)
      .get('/v1/networks/trackingdomains')
      .reply(200, [
        { network_tracking_domain_id: 1, domain: 'www.acmetrk.example', is_default: true },
        { network_tracking_domain_id: 2, domain: 'go.acmedeals.example', is_default: false },
      ]);
    nock(EVERFLOW)
      .get('/v1/networks/trackingdomains')
      .reply(200, {
        tracking_domains: [
          { network_tracking_domain_id: 3, url: 'trk.other.example', is_primary_domain: true },
        ],
      });
    const first = await run<Choice[]>(App.triggers.everflow_tracking_domain_list, {}, networkAuth);
    const second = await run<Choice[]>(App.triggers.everflow_tracking_domain_list, {}, networkAuth);
    expect(first).toEqual([
      { id: '1', name: 'www.acmetrk.example (default)' },
      { id: '2', name: 'go.acmedeals.example' },
    ]);
    expect(second).toEqual([{ id: '3', name: 'trk.other.example (default)' }]);
  });

  it("lists the chosen offer's active creatives", async () => {
    nock(EVERFLOW)
      .post('/v1/networks/creativestable', {
        search_terms: [
          { search_type: 'creative_status', value: 'active' },
          { search_type: 'network_offer_id', value: '1' },
        ],
      })
      .query({ page: '1', page_size: '100' })
      .reply(200, {
        creatives: [
          { network_offer_creative_id: 101, name: 'Summer banner', creative_type: 'image' },
          { network_offer_creative_id: 102, name: 'Plain', creative_type: null },
        ],
      });
    const choices = await run<Choice[]>(
      App.triggers.everflow_creative_list,
      { network_offer_id: ' 1 ' },
      networkAuth,
    );
    expect(choices).toEqual([
      { id: '101', name: 'Summer banner (101, image)' },
      { id: '102', name: 'Plain (102)' },
    ]);
  });

  it.each([
    ['everflow_affiliate_list', 'Listing Everflow affiliates'],
    ['everflow_tracking_domain_list', 'Listing Everflow tracking domains'],
    ['everflow_creative_list', 'Listing Everflow creatives'],
  ] as const)(
    '%s is network-only: a partner key gets a clear error, no request',
    async (key, what) => {
      const error = describeError(await failure(run(App.triggers[key], {}, partnerAuth)));
      expect(error.name).toBe('AppError');
      expect(error.message).toBe(NETWORK_ONLY(what));
    },
  );
});

describe('everflow_offer_url_list (dropdown, follows the chosen offer)', () => {
  it('network key: filters by the offer both ways the docs describe, default URL first', async () => {
    nock(EVERFLOW)
      .get('/v1/networks/offerurls')
      .query({
        page: '1',
        page_size: '100',
        'filter[network_offer_id]': '1',
        filter: 'network_offer_id=1',
      })
      .reply(200, {
        urls: [
          { network_offer_url_id: 11, network_offer_id: 1, name: 'Sandals', url_status: 'active' },
          { network_offer_url_id: 13, network_offer_id: 1, name: 'Old', url_status: 'deleted' },
          // An answer that ignored the filter is checked again locally.
          { network_offer_url_id: 21, network_offer_id: 2, name: 'Desk', url_status: 'active' },
        ],
      });
    const choices = await run<Choice[]>(
      App.triggers.everflow_offer_url_list,
      { network_offer_id: '1' },
      networkAuth,
    );
    expect(choices).toEqual([
      { id: '0', name: 'Default offer URL' },
      { id: '11', name: 'Sandals (11)' },
    ]);
  });

  it('network key without an offer (bulk line items): every URL, named with its offer', async () => {
    nock(EVERFLOW)
      .get('/v1/networks/offerurls')
      .query({ page: '2', page_size: '100' })
      .reply(200, {
        urls: [
          { network_offer_url_id: 21, network_offer_id: 2, name: 'Desk', url_status: 'active' },
        ],
      });
    const choices = await run<Choice[]>(App.triggers.everflow_offer_url_list, {}, networkAuth, {
      page: 1,
    });
    expect(choices).toEqual([{ id: '21', name: 'Offer 2: Desk (21)' }]);
  });

  it("partner key with an offer: the offer's own URLs; no second page", async () => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offers/6')
      .reply(200, partnerOffer(6, 'Sunny Travel', [{ id: 61, name: 'Beach' }]));
    const choices = await run<Choice[]>(
      App.triggers.everflow_offer_url_list,
      { network_offer_id: 6 },
      partnerAuth,
    );
    expect(choices).toEqual([
      { id: '0', name: 'Default offer URL' },
      { id: '61', name: 'Beach (61)' },
    ]);
    const next = await run(
      App.triggers.everflow_offer_url_list,
      { network_offer_id: 6 },
      partnerAuth,
      {
        page: 1,
      },
    );
    expect(next).toEqual([]);
  });

  it('partner key without an offer: URLs of the runnable offers', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '100' })
      .reply(200, {
        offers: [partnerOffer(1, 'Acme', [{ id: 11, name: 'Sandals' }]), partnerOffer(2, 'Lamps')],
      });
    const choices = await run<Choice[]>(App.triggers.everflow_offer_url_list, {}, partnerAuth);
    expect(choices).toEqual([
      { id: '0', name: 'Default offer URL' },
      { id: '11', name: 'Acme: Sandals (11)' },
    ]);
  });

  it('partner key: offer URLs in a {total, entries} relationship block are listed like an array', async () => {
    const asBlock = (offer: ReturnType<typeof partnerOffer>) => ({
      ...offer,
      relationship: {
        urls: { total: offer.relationship.urls.length, entries: offer.relationship.urls },
      },
    });
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '100' })
      .reply(200, {
        offers: [
          asBlock(partnerOffer(1, 'Acme', [{ id: 11, name: 'Sandals' }])),
          partnerOffer(2, 'Lamps', [{ id: 21, name: 'Desk' }]),
          { ...partnerOffer(3, 'Empty'), relationship: { urls: { total: 0 } } },
        ],
      });
    const choices = await run<Choice[]>(App.triggers.everflow_offer_url_list, {}, partnerAuth);
    expect(choices).toEqual([
      { id: '0', name: 'Default offer URL' },
      { id: '11', name: 'Acme: Sandals (11)' },
      { id: '21', name: 'Lamps: Desk (21)' },
    ]);
  });
});

describe('new_everflow_offer (polling)', () => {
  it('reads every full page, so the newest offers are seen on a network of any size', async () => {
    const page = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        network_offer_id: from + i,
        name: `Offer ${from + i}`,
      }));
    nock(EVERFLOW)
      .post('/v1/networks/offerstable')
      .query({ page: '1', page_size: '2000' })
      .reply(200, { offers: page(1, 2000) })
      .post('/v1/networks/offerstable')
      .query({ page: '2', page_size: '2000' })
      .reply(200, { offers: page(2001, 150) });
    const items = await run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {}, networkAuth);
    expect(items).toHaveLength(100);
    expect(items[0].id).toBe('2150');
    expect(items.at(-1)?.id).toBe('2051');
  });

  it('network key: active offers, newest (highest id) first, id as text', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/offerstable', { search_terms: [], filters: { offer_status: 'active' } })
      .query({ page: '1', page_size: '2000' })
      .reply(200, {
        offers: [
          { ...networkOffers[0], preview_url: 'https://www.acmeshoes.example/summer' },
          networkOffers[2],
        ],
      });
    const items = await run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {}, networkAuth);
    expect(items).toEqual([
      {
        id: '6',
        network_offer_id: 6,
        name: 'Sunny Travel Deals',
        offer_status: 'active',
        tracking_url: null,
        preview_url: null,
      },
      {
        id: '1',
        network_offer_id: 1,
        name: 'Acme Shoes Summer Sale',
        offer_status: 'active',
        tracking_url: null,
        preview_url: 'https://www.acmeshoes.example/summer',
      },
    ]);
  });

  it("partner key: runnable offers with the partner's tracking link", async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '2000' })
      .reply(200, { offers: [partnerOffer(2, 'Lamps'), partnerOffer(9, 'New Shop')] });
    const items = await run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {}, partnerAuth);
    expect(items.map((item) => item.id)).toEqual(['9', '2']);
    expect(items[0].tracking_url).toBe('https://www.acmetrk.example/P7/O9/');
  });
});

describe('everflow_offer (search)', () => {
  it('network key: searches the offers table by name, exact match first then contains', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/offerstable', {
        search_terms: [{ search_type: 'name', value: 'acme shoes' }],
        filters: {},
      })
      .query({ page: '1', page_size: '2000' })
      .reply(200, { offers: networkOffers });
    const found = await run<EverflowOfferOutput[]>(
      App.searches.everflow_offer,
      { name: ' acme shoes ' },
      networkAuth,
    );
    expect(found).toEqual([
      { id: 5, network_offer_id: 5, name: 'Acme Shoes', offer_status: 'paused' },
      { id: 1, network_offer_id: 1, name: 'Acme Shoes Summer Sale', offer_status: 'active' },
    ]);
  });

  it('partner key: searches runnable offers; nothing found is []', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '2000', search: 'vpn' })
      .reply(200, { offers: [] });
    const found = await run(App.searches.everflow_offer, { name: 'vpn' }, partnerAuth);
    expect(found).toEqual([]);
  });

  it('needs a name', async () => {
    const error = describeError(await failure(run(App.searches.everflow_offer, {}, networkAuth)));
    expect(error.message).toBe('Offer Name is required: type or map the offer name to look for.');
  });
});

describe('everflow_coupon_code (search)', () => {
  const partnerCoupons = {
    coupon_codes: [
      {
        network_coupon_code_id: 501,
        network_offer_id: 1,
        coupon_code: 'SUMMER20',
        coupon_status: 'active',
        tracking_link: 'https://www.acmetrk.example/P7/O1/?coupon_code=SUMMER20',
        start_date: '2025-06-01T00:00:00Z',
        end_date: '2025-08-31 23:59:59',
        relationship: { offer: { network_offer_id: 1, name: 'Acme Shoes Summer Sale' } },
      },
      {
        network_coupon_code_id: 505,
        network_offer_id: 6,
        coupon_code: 'TRAVEL5',
        tracking_link: 'https://www.acmetrk.example/P7/O6/?coupon_code=TRAVEL5',
        start_date: 1_744_675_200,
        end_date: '',
      },
    ],
  };

  it('partner key: reads GET /affiliates/couponcodes and filters by code, any case', async () => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/couponcodes')
      .reply(200, partnerCoupons);
    const found = await run<EverflowCouponOutput[]>(
      App.searches.everflow_coupon_code,
      { coupon_code: ' summer20 ' },
      partnerAuth,
    );
    expect(found).toEqual([
      {
        id: 501,
        coupon_code: 'SUMMER20',
        tracking_link: 'https://www.acmetrk.example/P7/O1/?coupon_code=SUMMER20',
        network_offer_id: 1,
        offer_name: 'Acme Shoes Summer Sale',
        start_date: '2025-06-01T00:00:00Z',
        end_date: '2025-08-31T23:59:59',
      },
    ]);
  });

  it('partner key: filters by offer; Unix times become ISO-8601, empty dates null', async () => {
    nock(EVERFLOW).get('/v1/affiliates/couponcodes').reply(200, partnerCoupons);
    const found = await run<EverflowCouponOutput[]>(
      App.searches.everflow_coupon_code,
      { network_offer_id: '6' },
      partnerAuth,
    );
    expect(found).toEqual([
      {
        id: 505,
        coupon_code: 'TRAVEL5',
        tracking_link: 'https://www.acmetrk.example/P7/O6/?coupon_code=TRAVEL5',
        network_offer_id: 6,
        offer_name: null,
        start_date: '2025-04-15T00:00:00.000Z',
        end_date: null,
      },
    ]);
  });

  it('network key: GET /networks/couponcodes with the filters and the offer relationship', async () => {
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .get('/v1/networks/couponcodes')
      .query({
        page: '1',
        page_size: '2000',
        relationship: 'offer',
        'filter[coupon_code]': 'VPN50',
        'filter[network_offer_id]': '4',
      })
      .reply(200, {
        couponcodes: [
          {
            network_coupon_code_id: 503,
            network_offer_id: 4,
            network_affiliate_id: 8,
            coupon_code: 'VPN50',
            coupon_status: 'active',
            start_date: '2025-03-01',
            end_date: '2026-02-28',
            relationship: { offer: { name: 'Nimbus VPN Annual Plan' } },
          },
        ],
      });
    const found = await run<EverflowCouponOutput[]>(
      App.searches.everflow_coupon_code,
      { coupon_code: 'VPN50', network_offer_id: 4 },
      networkAuth,
    );
    expect(found).toEqual([
      {
        id: 503,
        coupon_code: 'VPN50',
        tracking_link: null,
        network_offer_id: 4,
        offer_name: 'Nimbus VPN Annual Plan',
        start_date: '2025-03-01T00:00:00Z',
        end_date: '2026-02-28T00:00:00Z',
      },
    ]);
  });

  it('nothing matching is []', async () => {
    nock(EVERFLOW).get('/v1/affiliates/couponcodes').reply(200, partnerCoupons);
    const found = await run(
      App.searches.everflow_coupon_code,
      { coupon_code: 'NOPE' },
      partnerAuth,
    );
    expect(found).toEqual([]);
  });

  it('needs a coupon code or an offer', async () => {
    const error = describeError(
      await failure(run(App.searches.everflow_coupon_code, { coupon_code: ' ' }, partnerAuth)),
    );
    expect(error.message).toBe(
      'Fill in Coupon Code or Offer (or both): this search needs at least one of them.',
    );
  });
});
