import {
  DEMO_AUTH_DATA,
  DEMO_AWIN_TOKEN,
  DEMO_AWIN_TOKEN_SINGLE,
  DEMO_EVERFLOW_PARTNER_KEY,
} from '../../sandbox/credentials';
import { App, describeError, failure, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

import { type AdvertiserMatch, type UrlTrackingLink } from '../../src/anyUrl/outputs';

const sandbox = useSandbox();

/** The demo connection with Everflow's partner key, so all three networks take part. */
const everyNetwork: Record<string, string> = {
  ...DEMO_AUTH_DATA,
  everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
  everflow_api_type: 'affiliate',
};
/** Jamie Partner's Everflow links go through the default tracking domain: affiliate 7, offer N. */
const EVERFLOW_TRACK = 'https://www.acmetrk.example';
const OFFERSLOOK_TRACK = 'https://track.demo-offers.example';

const createLink = (
  inputData: Record<string, unknown>,
  authData: Record<string, string> = everyNetwork,
) => run<UrlTrackingLink>(App.creates.tracking_link_for_url, inputData, authData);
const findAdvertisers = (
  inputData: Record<string, unknown>,
  authData: Record<string, string> = everyNetwork,
) => run<AdvertiserMatch[]>(App.searches.advertiser_for_url, inputData, authData);

/** Sandbox calls since the last reset, as "network METHOD path", without the query unless asked. */
const calls = (withQuery = false) =>
  sandbox
    .current()
    .calls.filter((call) => call.network !== 'zapier')
    .map(
      (call) => `${call.network} ${call.method} ${withQuery ? call.path : call.path.split('?')[0]}`,
    );

describe('Generate Tracking Link for Any URL against the sandbox', () => {
  it('deep-links a product page on a subdomain of an Awin advertiser to that exact URL, with the clickref', async () => {
    const url = 'https://shop.acmeshoes.example/trainers/runner-2?colour=blue&size=42';
    const link = await createLink({ url, tracking_ref: 'row-7' });
    expect(link).toEqual({
      url:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        `&ued=${encodeURIComponent(url)}&clickref=row-7`,
      network: 'awin',
      advertiser_id: 1001,
      advertiser_name: 'Acme Shoes',
      destination_url: url,
      matched_domain: 'shop.acmeshoes.example',
      commission: '5%–8% or GBP 1.50–18.00',
      publisher_id: '100001',
      chosen_by: 'domain',
    });
  });

  it('links an Everflow partner offer through the offer URL that fits the page, with sub1', async () => {
    const link = await createLink({
      url: 'https://shop.brightlamps.example/desk/led/aurora-2',
      tracking_ref: 'sheet row 3',
    });
    expect(link.network).toBe('everflow');
    expect(link.advertiser_id).toBe(2);
    expect(link.advertiser_name).toBe('Bright Lamps Desk Range');
    expect(link.destination_url).toBe('https://shop.brightlamps.example/desk/led');
    expect(link.matched_domain).toBe('shop.brightlamps.example');
    const made = new URL(link.url);
    expect(made.origin).toBe(EVERFLOW_TRACK);
    expect(made.searchParams.get('uid')).toBe('21');
    expect(made.searchParams.get('sub1')).toBe('sheet row 3');
  });

  it('matches Everflow offers whose offer URLs come as a {total, entries} block, and lists those URLs in the dropdown', async () => {
    // The sandbox sends offer 2's URLs as a block (even offer ids), offer 1's as a plain list.
    const link = await createLink({ url: 'https://shop.brightlamps.example/desk/led/lumen-9' });
    expect(link).toMatchObject({ network: 'everflow', advertiser_id: 2 });
    expect(new URL(link.url).searchParams.get('uid')).toBe('21');
    const choices = await run<{ id: string; name: string }[]>(
      App.triggers.everflow_offer_url_list,
      {},
      everyNetwork,
    );
    const ids = choices.map((choice) => choice.id);
    expect(ids).toEqual(expect.arrayContaining(['0', '11', '21']));
  });

  it("uses the Everflow offer's default landing page when no offer URL fits better", async () => {
    const link = await createLink({
      url: 'https://www.sunnytravel.example/deals/greece',
      network: 'everflow',
    });
    expect(link.advertiser_id).toBe(6);
    expect(link.destination_url).toBe('https://www.sunnytravel.example/deals');
    expect(new URL(link.url).searchParams.has('uid')).toBe(false);
  });

  it("returns the Offerslook offer's tracking link and its preview page", async () => {
    const link = await createLink({ url: 'https://www.pixelpet.example/food/kitten-dry' });
    expect(link).toEqual({
      url: `${OFFERSLOOK_TRACK}/index.php?offer_id=342&aff_id=1207`,
      network: 'offerslook',
      advertiser_id: 342,
      advertiser_name: 'Pixel Pet Food',
      destination_url: 'https://www.pixelpet.example/food',
      matched_domain: 'pixelpet.example',
      commission: 'USD 2.50',
      publisher_id: '',
      chosen_by: 'domain',
    });
  });

  it('stops the run with HaltedError naming the shop when nothing matches', async () => {
    const error = await failure(createLink({ url: 'https://www.unknownshop.example/item/1' }));
    expect(describeError(error)).toEqual({
      name: 'HaltedError',
      message:
        'No joined advertiser or runnable offer on your connected networks (Awin, Everflow, ' +
        'Offerslook) sells from unknownshop.example. Join its programme on Awin, Everflow or ' +
        'Offerslook, or check the URL.',
    });
  });

  it('stops the run when the Awin advertiser refuses deep links, naming the other network that has the shop', async () => {
    const error = await failure(
      createLink({ url: 'https://www.sunnytravel.example/deals/spain', network: '' }),
    );
    expect(describeError(error)).toEqual({
      name: 'HaltedError',
      message:
        'Awin advertiser Sunny Travel Deals (1007) does not allow deep links, so no Awin link can ' +
        'point to this exact page. Use "Generate Awin Tracking Link" without a Destination URL for ' +
        'its default link. This shop is also on Everflow: set Network to Everflow for a link there.',
    });
  });

  it('leaves Everflow out with a network key, and says so when nothing matches', async () => {
    const error = await failure(
      createLink({ url: 'https://shop.brightlamps.example/desk' }, DEMO_AUTH_DATA),
    );
    expect(describeError(error).message).toBe(
      'No joined advertiser or runnable offer on your connected networks (Awin, Offerslook) sells ' +
        'from shop.brightlamps.example. Join its programme on Awin or Offerslook, or check the URL. ' +
        'Everflow offers are matched only with a partner (affiliate) key, not a network key.',
    );
  });

  it('reads the advertiser list once: a second URL within 15 minutes costs only the link call', async () => {
    const solo = { awin_access_token: DEMO_AWIN_TOKEN_SINGLE };
    sandbox.current().resetCalls();
    const first = await createLink({ url: 'https://store.pixelpeak.example/cameras/x100' }, solo);
    expect(first.advertiser_id).toBe(1006);
    expect(calls()).toEqual([
      'awin GET /accounts',
      'awin GET /publishers/100003/programmes',
      'awin GET /publishers/100003/programmedetails',
      'awin POST /publishers/100003/linkbuilder/generate',
    ]);

    sandbox.current().resetCalls();
    const second = await createLink({ url: 'https://www.casaverde.example/plants/fern' }, solo);
    expect(second.advertiser_id).toBe(1005);
    // The new shop's commission is read once (then kept like the list).
    expect(calls()).toEqual([
      'awin GET /publishers/100003/programmedetails',
      'awin POST /publishers/100003/linkbuilder/generate',
    ]);
  });
});

describe('Find Advertiser for URL against the sandbox', () => {
  it('lists every match on every network, ties in the order Awin, Everflow, Offerslook', async () => {
    const found = await findAdvertisers({ url: 'https://www.acmeshoes.example/boots' });
    expect(found).toEqual([
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
        advertiser_name: 'Acme Shoes Summer Sale',
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
        commission: '8%',
        publisher_id: '',
      },
      {
        id: 'offerslook:455',
        network: 'offerslook',
        advertiser_id: 455,
        advertiser_name: 'Acme Shoes',
        matched_domain: 'acmeshoes.example',
        commission: '7%',
        publisher_id: '',
      },
    ]);
  });

  it('puts the longest matching domain first', async () => {
    const found = await findAdvertisers({ url: 'https://outlet.acmeshoes.example/sale' });
    expect(found.map((match) => [match.id, match.matched_domain])).toEqual([
      ['offerslook:102', 'outlet.acmeshoes.example'],
      ['awin:100001:1001', 'acmeshoes.example'],
      ['everflow:1', 'acmeshoes.example'],
      ['offerslook:16', 'acmeshoes.example'],
      ['offerslook:455', 'acmeshoes.example'],
    ]);
  });

  it('looks only on the network chosen', async () => {
    const found = await findAdvertisers({
      url: 'https://www.acmeshoes.example/boots',
      network: 'everflow',
    });
    expect(found.map((match) => match.id)).toEqual(['everflow:1']);
  });

  it('finds an Everflow and an Offerslook offer on their own shops', async () => {
    expect(
      (await findAdvertisers({ url: 'https://shop.brightlamps.example/desk' })).map((m) => m.id),
    ).toEqual(['everflow:2']);
    expect(
      (await findAdvertisers({ url: 'https://novavpn.example/annual' })).map((m) => m.id),
    ).toEqual(['offerslook:205', 'offerslook:231']);
  });

  it('returns [] for a shop no network has, and for look-alike hosts', async () => {
    expect(await findAdvertisers({ url: 'https://www.unknownshop.example/' })).toEqual([]);
    expect(await findAdvertisers({ url: 'https://shop.acmeshoes.example.evil.io/' })).toEqual([]);
    expect(await findAdvertisers({ url: 'https://evilacmeshoes.example/' })).toEqual([]);
  });

  it('refuses Network = Everflow with a network key, before any request', async () => {
    sandbox.current().resetCalls();
    const error = await failure(
      findAdvertisers(
        { url: 'https://www.acmeshoes.example/', network: 'everflow' },
        DEMO_AUTH_DATA,
      ),
    );
    expect(describeError(error).message).toMatch(
      /^An Everflow network key has no affiliate of its own to make links for\. Matching a URL to an Everflow offer needs a partner \(affiliate\) key/,
    );
    expect(calls()).toEqual([]);
  });
});

describe('Any URL across Awin accounts and by commission, against the sandbox', () => {
  /** Jane Doe's token reaches two publisher accounts; no default account in the connection. */
  const everyAccount: Record<string, string> = Object.fromEntries(
    Object.entries(everyNetwork).filter(([key]) => key !== 'awin_publisher_id'),
  );

  it('a sheet of 500 URLs on the same shops reads each list and each commission once', async () => {
    const sheet = {
      awin_access_token: DEMO_AWIN_TOKEN,
      everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
      everflow_api_type: 'affiliate',
    };
    sandbox.current().resetCalls();
    // 500 runs in one test file: test/support/memoryGuard.ts keeps core's memory guard quiet.
    for (let row = 0; row < 500; row++) {
      const shop =
        row % 2 === 0 ? 'https://www.acmeshoes.example' : 'https://shop.brightlamps.example';
      await findAdvertisers({ url: `${shop}/p/${row}` }, sheet);
    }
    const counted = calls(true).reduce<Record<string, number>>((all, call) => {
      all[call] = (all[call] ?? 0) + 1;
      return all;
    }, {});
    // Lists and commissions other tests read earlier are still in z.cache: each is read at most once,
    // and what no earlier test read (the accounts, the second account's list, what Acme Shoes and
    // Bright Lamps pay that account) exactly once.
    expect(Object.values(counted).every((count) => count === 1)).toBe(true);
    const details = (advertiserId: number) =>
      `awin GET /publishers/100002/programmedetails?advertiserId=${advertiserId}&relationship=joined`;
    expect(counted).toMatchObject({
      'awin GET /accounts?type=publisher': 1,
      'awin GET /publishers/100002/programmes?relationship=joined': 1,
      [details(1001)]: 1,
      [details(1013)]: 1,
    });
  });

  it('links a shop joined only by the second account for that account', async () => {
    const url = 'https://www.brightlamps.example/floor/arc-lamp';
    const link = await createLink({ url }, everyAccount);
    expect(link).toMatchObject({
      network: 'awin',
      advertiser_id: 1013,
      publisher_id: '100002',
      commission: 'USD 5.00–9.00',
      chosen_by: 'domain',
    });
    expect(new URL(link.url).searchParams.get('awinaffid')).toBe('100002');
  });

  it('lists every account that joined the shop, lowest account first, and links for the lowest', async () => {
    const found = await findAdvertisers(
      { url: 'https://www.acmeshoes.example/boots' },
      everyAccount,
    );
    expect(found.filter((m) => m.network === 'awin').map((m) => [m.id, m.publisher_id])).toEqual([
      ['awin:100001:1001', '100001'],
      ['awin:100002:1001', '100002'],
    ]);
    const link = await createLink({ url: 'https://shop.acmeshoes.example/x' }, everyAccount);
    expect(link.publisher_id).toBe('100001');
  });

  it('two accounts paid differently by one advertiser: each figure shown, and commission picks the account paid more', async () => {
    const url = 'https://www.petalandstem.example/bouquets/spring';
    const found = await findAdvertisers({ url }, everyAccount);
    expect(found.map((m) => [m.id, m.publisher_id, m.commission])).toEqual([
      ['awin:100001:1009', '100001', '8%–12%'],
      ['awin:100002:1009', '100002', '10%–15%'],
    ]);
    expect(await createLink({ url }, everyAccount)).toMatchObject({
      publisher_id: '100001',
      commission: '8%–12%',
      chosen_by: 'domain',
    });
    const byCommission = await createLink({ url, prefer: 'commission' }, everyAccount);
    expect(byCommission).toMatchObject({
      advertiser_id: 1009,
      publisher_id: '100002',
      commission: '10%–15%',
      chosen_by: 'commission',
    });
    expect(new URL(byCommission.url).searchParams.get('awinaffid')).toBe('100002');
  });

  it('prefer commission: the higher-paying match of like kinds wins; the domain rule otherwise', async () => {
    const url = 'https://shop.brightlamps.example/desk/led';
    const byDomain = await createLink({ url }, everyAccount);
    expect(byDomain).toMatchObject({
      network: 'everflow',
      commission: 'USD 6.00',
      chosen_by: 'domain',
    });
    const byCommission = await createLink({ url, prefer: 'commission' }, everyAccount);
    expect(byCommission).toMatchObject({
      network: 'awin',
      advertiser_id: 1013,
      publisher_id: '100002',
      commission: 'USD 5.00–9.00',
      chosen_by: 'commission',
    });
    // Acme Shoes pays percentages and GBP on Awin, USD on Everflow: not alike, so the domain decides.
    const mixed = await createLink(
      { url: 'https://shop.acmeshoes.example/y', prefer: 'commission' },
      everyAccount,
    );
    expect(mixed).toMatchObject({ network: 'awin', publisher_id: '100001', chosen_by: 'domain' });
  });
});
