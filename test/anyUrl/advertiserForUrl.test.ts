import { type AdvertiserMatch } from '../../src/anyUrl/outputs';
import { OFFERS_PATH, success, unmatchedRequests } from '../offerslook/helpers';
import { App, describeError, failure, run, setupNock } from '../support/app';

import {
  awinAccountProgrammes,
  awinApi,
  awinDetails,
  awinProgrammes,
  type Credentials,
  everflowApi,
  everflowOffer,
  everflowOffers,
  everflowPayouts,
  freshConnection,
  offerslookApi,
  offerslookOffer,
  offerslookOffers,
  only,
  programme,
} from './helpers';

setupNock();
const unmatched = unmatchedRequests();

const findAdvertisers = (inputData: Record<string, unknown>, auth: Record<string, string>) =>
  run<AdvertiserMatch[]>(App.searches.advertiser_for_url, inputData, auth);

/** Acme Shoes on every network, plus an outlet subdomain and unrelated shops. */
function acmeEverywhere(c: Credentials): void {
  awinProgrammes(c, [
    programme(1002, 'Nordic Outdoor', ['nordicoutdoor.example']),
    programme(1001, 'Acme Shoes', ['acmeshoes.example', 'shop.acmeshoes.example']),
  ]);
  everflowOffers(c, [
    everflowOffer(2, 'Bright Lamps', 'https://shop.brightlamps.example/desk'),
    everflowOffer(1, 'Acme Summer Sale', 'https://www.acmeshoes.example/summer', [
      { id: 11, url: 'https://www.acmeshoes.example/sandals' },
    ]),
  ]);
  offerslookOffers(c, {
    personal: [offerslookOffer(102, 'Acme Outlet', 'https://outlet.acmeshoes.example/', 1)],
    all: [
      offerslookOffer(455, 'Acme Shoes', 'https://www.acmeshoes.example/'),
      offerslookOffer(16, 'Acme Shoes US', 'https://www.acmeshoes.example/us'),
      offerslookOffer(102, 'Acme Outlet', 'https://outlet.acmeshoes.example/', 1),
    ],
  });
}

const ids = (matches: AdvertiserMatch[]) => matches.map((match) => match.id);

/** What Acme Shoes pays on Awin (programme details) and Everflow (offer 1's payouts): one call each. */
function acmeCommissions(c: Credentials): void {
  awinDetails(c, 100001, 1001, [
    { min: 5, max: 8, type: 'percentage' },
    { min: 1.5, max: 18, type: 'amount' },
  ]);
  everflowPayouts(c, 1, { total: 2, entries: [{ payout_type: 'cpa', payout_amount: 4.5 }] });
}

describe('advertiser_for_url', () => {
  it('returns every match on every network, best first, in the documented shape', async () => {
    const c = freshConnection();
    acmeEverywhere(c);
    acmeCommissions(c);
    const found = await findAdvertisers({ url: 'https://outlet.acmeshoes.example/sale' }, c.auth);
    expect(found).toEqual([
      {
        id: 'offerslook:102',
        network: 'offerslook',
        advertiser_id: 102,
        advertiser_name: 'Acme Outlet',
        matched_domain: 'outlet.acmeshoes.example',
        commission: '',
        publisher_id: '',
      },
      {
        id: 'awin:100001:1001',
        network: 'awin',
        advertiser_id: 1001,
        advertiser_name: 'Acme Shoes',
        matched_domain: 'acmeshoes.example',
        commission: '5%–8% or GBP 1.50–18.00',
        publisher_id: '100001',
      },
      {
        id: 'everflow:1',
        network: 'everflow',
        advertiser_id: 1,
        advertiser_name: 'Acme Summer Sale',
        matched_domain: 'acmeshoes.example',
        commission: 'USD 4.50',
        publisher_id: '',
      },
      {
        id: 'offerslook:16',
        network: 'offerslook',
        advertiser_id: 16,
        advertiser_name: 'Acme Shoes US',
        matched_domain: 'acmeshoes.example',
        commission: '',
        publisher_id: '',
      },
      {
        id: 'offerslook:455',
        network: 'offerslook',
        advertiser_id: 455,
        advertiser_name: 'Acme Shoes',
        matched_domain: 'acmeshoes.example',
        commission: '',
        publisher_id: '',
      },
    ]);
  });

  it('within a network, prefers the offer whose page covers more of the URL’s path', async () => {
    const c = freshConnection();
    acmeEverywhere(c);
    acmeCommissions(c);
    const found = await findAdvertisers({ url: 'https://acmeshoes.example/US/boots' }, c.auth);
    expect(ids(found)).toEqual([
      'awin:100001:1001',
      'everflow:1',
      'offerslook:16',
      'offerslook:455',
    ]);
  });

  it('reads the lists once: later searches and links within 15 minutes use the cache', async () => {
    const c = freshConnection();
    acmeEverywhere(c);
    acmeCommissions(c);
    awinDetails(c, 100001, 1002, [{ min: 6, max: 6, type: 'percentage' }], 'SEK');
    await findAdvertisers({ url: 'https://shop.acmeshoes.example/' }, c.auth);
    const again = await findAdvertisers({ url: 'https://nordicoutdoor.example/tents' }, c.auth);
    expect(ids(again)).toEqual(['awin:100001:1002']);
    expect(unmatched).toEqual([]);
  });

  it('looks only on the network chosen', async () => {
    const c = freshConnection();
    everflowOffers(c, [everflowOffer(1, 'Acme Summer Sale', 'https://www.acmeshoes.example/')]);
    const found = await findAdvertisers(
      { url: 'https://www.acmeshoes.example/boots', network: 'everflow' },
      c.auth,
    );
    expect(ids(found)).toEqual(['everflow:1']);
  });

  it('returns [] for a shop no network has, and for hosts that only look alike', async () => {
    const c = freshConnection();
    acmeEverywhere(c);
    for (const url of [
      'https://www.unknownshop.example/',
      'https://shop.acmeshoes.example.evil.io/',
      'https://evilacmeshoes.example/',
      'https://acmeshoes.example.evil.io/',
    ]) {
      expect(await findAdvertisers({ url }, c.auth)).toEqual([]);
    }
  });

  it('leaves Everflow out with a network key, and refuses Network = Everflow with one, before any request', async () => {
    const c = freshConnection();
    const auth = { ...c.auth, everflow_api_type: 'network' };
    awinProgrammes(c, [programme(1001, 'Acme Shoes', ['acmeshoes.example'])]);
    awinDetails(c, 100001, 1001, []);
    offerslookOffers(c, {});
    expect(ids(await findAdvertisers({ url: 'https://acmeshoes.example/' }, auth))).toEqual([
      'awin:100001:1001',
    ]);
    const error = describeError(
      await failure(
        findAdvertisers({ url: 'https://acmeshoes.example/', network: 'everflow' }, auth),
      ),
    );
    expect(error.message).toBe(
      'An Everflow network key has no affiliate of its own to make links for. Matching a URL to an ' +
        "Everflow offer needs a partner (affiliate) key, but this connection's Everflow Key Type is " +
        'Network. Clear Network, or use a connection with a partner (affiliate) key (Everflow Key ' +
        'Type: Partner / affiliate).',
    );
    expect(unmatched).toEqual([]);
  });

  it('refuses a URL that is not an absolute http(s) address, before any request', async () => {
    const error = describeError(
      await failure(findAdvertisers({ url: 'www.acmeshoes.example' }, freshConnection().auth)),
    );
    expect(error.message).toBe(
      'URL must be a full web address starting with http:// or https://, such as ' +
        'https://www.example.com/product, but it was "www.acmeshoes.example".',
    );
    expect(unmatched).toEqual([]);
  });

  it('skips a network that is down when another matched, but never hides an expired credential', async () => {
    const c = freshConnection();
    awinProgrammes(c, [programme(1001, 'Acme Shoes', ['acmeshoes.example'])]);
    everflowApi(c).get('/v1/affiliates/offersrunnable').query(true).reply(500, { error: 'boom' });
    awinDetails(c, 100001, 1001, []);
    const found = await findAdvertisers(
      { url: 'https://acmeshoes.example/' },
      only(c, 'awin', 'everflow'),
    );
    expect(ids(found)).toEqual(['awin:100001:1001']);

    const d = freshConnection();
    awinApi(d).get('/publishers/100001/programmes').query(true).reply(401, {});
    offerslookOffers(d, {
      all: [offerslookOffer(16, 'Acme Shoes US', 'https://acmeshoes.example/')],
    });
    const error = await failure(
      findAdvertisers({ url: 'https://acmeshoes.example/' }, only(d, 'awin', 'offerslook')),
    );
    expect(error.name).toBe('ExpiredAuthError');
  });

  it('does not report "nothing found" when the only network that could answer is down', async () => {
    const c = freshConnection();
    offerslookApi(c)
      .get(OFFERS_PATH)
      .query({ type: 'personal', offset: '1', limit: '100', sort: '+id' })
      .reply(200, success({ rowset: [], totalPages: 1 }))
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '100', sort: '+id' })
      .reply(502, { message: 'Bad gateway' });
    const error = describeError(
      await failure(findAdvertisers({ url: 'https://acmeshoes.example/' }, only(c, 'offerslook'))),
    );
    expect(error.message).toMatch(/^Offerslook had a problem on its side \(HTTP 502/);
  });

  it("lists a match per Awin account without a default, each with the account's own commission, each read once", async () => {
    const c = freshConnection();
    const auth = { awin_access_token: c.awinToken }; // two accounts, no default
    awinApi(c)
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        accounts: [
          { accountId: 100001, accountName: 'Jane Media', accountType: 'publisher' },
          { accountId: 100002, accountName: 'Jane Coupons', accountType: 'publisher' },
        ],
      });
    const acme = programme(1001, 'Acme Shoes', ['acmeshoes.example']);
    awinAccountProgrammes(c, 100001, [acme]);
    awinAccountProgrammes(c, 100002, [acme]);
    // The advertiser pays its two publisher accounts differently.
    awinDetails(c, 100001, 1001, [{ min: 2, max: 11, type: 'percentage' }]);
    awinDetails(c, 100002, 1001, [{ min: 4, max: 15, type: 'percentage' }]);
    for (let row = 0; row < 5; row++) {
      const found = await findAdvertisers({ url: `https://acmeshoes.example/p/${row}` }, auth);
      expect(found.map((match) => [match.id, match.publisher_id, match.commission])).toEqual([
        ['awin:100001:1001', '100001', '2%–11%'],
        ['awin:100002:1001', '100002', '4%–15%'],
      ]);
    }
    expect(unmatched).toEqual([]);
  });

  it("the step's Publisher Account reads only that account, without asking for the accounts", async () => {
    const c = freshConnection();
    awinAccountProgrammes(c, 100002, [programme(1001, 'Acme Shoes', ['acmeshoes.example'])]);
    awinDetails(c, 100002, 1001, []);
    const found = await findAdvertisers(
      { url: 'https://acmeshoes.example/', publisherId: '100002' },
      only(c, 'awin'),
    );
    expect(ids(found)).toEqual(['awin:100002:1001']);
    expect(unmatched).toEqual([]);
  });
});
