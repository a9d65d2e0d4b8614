import nock from 'nock';
import { type UrlTrackingLink } from '../../src/anyUrl/outputs';
import { unmatchedRequests } from '../offerslook/helpers';

import {
  App,
  appTester,
  captureZapierLogs,
  describeError,
  failure,
  run,
  setupNock,
} from '../support/app';

import {
  awinApi,
  awinAccountProgrammes,
  awinDetails,
  awinProgrammes,
  everflowPayouts,
  type Credentials,
  everflowApi,
  everflowLinkFor,
  everflowOffer,
  everflowOffers,
  everflowPartnerLink,
  freshConnection,
  nothingOn,
  offerslookLinkFor,
  offerslookLinks,
  offerslookOffer,
  offerslookOffers,
  only,
  programme,
} from './helpers';

setupNock();
const unmatched = unmatchedRequests();

const action = App.creates.tracking_link_for_url;
const createLink = (inputData: Record<string, unknown>, auth: Record<string, string>) =>
  run<UrlTrackingLink>(action, inputData, auth);

const deepLink = (url: string, ref?: string) =>
  `https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=${encodeURIComponent(url)}` +
  (ref ? `&clickref=${ref}` : '');

const acme = programme(1001, 'Acme Shoes', ['acmeshoes.example', 'shop.acmeshoes.example']);

function awinGenerate(c: Credentials, body: nock.DataMatcherMap, url: string): nock.Scope {
  return awinApi(c).post('/publishers/100001/linkbuilder/generate', body).reply(200, { url });
}

describe('tracking_link_for_url: Awin', () => {
  it('deep-links to the exact URL with the tracking reference as clickref', async () => {
    const c = freshConnection();
    const url = 'https://shop.acmeshoes.example/trainers/runner-2?colour=blue#reviews';
    awinProgrammes(c, [programme(1004, 'Bluebird Books', ['bluebirdbooks.example']), acme]);
    const generate = awinGenerate(
      c,
      { advertiserId: 1001, destinationUrl: url, parameters: { clickref: 'row-42' } },
      deepLink(url, 'row-42'),
    );

    awinDetails(c, 100001, 1001, [{ min: 2, max: 11, type: 'percentage' }]);
    const link = await createLink({ url: ` ${url} `, tracking_ref: ' row-42 ' }, only(c, 'awin'));

    expect(generate.isDone()).toBe(true);
    expect(link).toEqual({
      url: deepLink(url, 'row-42'),
      network: 'awin',
      advertiser_id: 1001,
      advertiser_name: 'Acme Shoes',
      destination_url: url,
      matched_domain: 'shop.acmeshoes.example',
      commission: '2%–11%',
      publisher_id: '100001',
      chosen_by: 'domain',
    });
  });

  it('sends no parameters without a tracking reference', async () => {
    const c = freshConnection();
    const url = 'https://www.acmeshoes.example/sale';
    awinProgrammes(c, [acme]);
    awinApi(c)
      .post(
        '/publishers/100001/linkbuilder/generate',
        (body) => body.destinationUrl === url && !('parameters' in body) && !('shorten' in body),
      )
      .reply(200, { url: deepLink(url) });
    const link = await createLink({ url }, only(c, 'awin'));
    expect(link.matched_domain).toBe('acmeshoes.example');
  });

  it("matches the programme's displayUrl host too, and international domains in either form", async () => {
    const c = freshConnection();
    const books = programme(1004, 'Bücher Haus', [], 'https://www.xn--bcher-kva.example/');
    awinProgrammes(c, [books]);
    const url = 'https://Shop.Bücher.example/roman';
    awinApi(c)
      .post('/publishers/100001/linkbuilder/generate', (body) => body.advertiserId === 1004)
      .reply(200, { url: 'https://www.awin1.com/cread.php?awinmid=1004' });
    const link = await createLink({ url }, only(c, 'awin'));
    expect(link.matched_domain).toBe('bücher.example');
    expect(link.advertiser_id).toBe(1004);
  });

  it('stops with HaltedError when the advertiser refuses deep links, naming the other networks with the shop', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowOffers(c, [everflowOffer(1, 'Acme Summer', 'https://www.acmeshoes.example/summer')]);
    offerslookOffers(c, {
      all: [offerslookOffer(16, 'Acme US', 'https://www.acmeshoes.example/')],
    });
    awinApi(c)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(400, { destinationUrl: 'deeplinkNotPermitted' });

    const error = await failure(createLink({ url: 'https://www.acmeshoes.example/x' }, c.auth));
    expect(describeError(error)).toEqual({
      name: 'HaltedError',
      message:
        'Awin advertiser Acme Shoes (1001) does not allow deep links, so no Awin link can point to ' +
        'this exact page. Use "Generate Awin Tracking Link" without a Destination URL for its ' +
        'default link. This shop is also on Everflow and Offerslook: set Network to Everflow or ' +
        'Offerslook for a link there.',
    });
  });

  it('without a default account, matches every account and links for the one that joined the shop', async () => {
    const c = freshConnection();
    awinApi(c)
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        accounts: [
          { accountId: 100002, accountName: 'Jane Coupons', accountType: 'publisher' },
          { accountId: 100001, accountName: 'Jane Media', accountType: 'publisher' },
        ],
      });
    awinAccountProgrammes(c, 100001, [
      programme(1004, 'Bluebird Books', ['bluebirdbooks.example']),
    ]);
    awinAccountProgrammes(c, 100002, [acme]);
    const url = 'https://shop.acmeshoes.example/x';
    const generate = awinApi(c)
      .post('/publishers/100002/linkbuilder/generate', { advertiserId: 1001, destinationUrl: url })
      .reply(200, { url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100002' });
    awinDetails(c, 100002, 1001, []);
    const auth = { awin_access_token: c.awinToken }; // no default publisher account
    const link = await createLink({ url }, auth);
    expect(generate.isDone()).toBe(true);
    expect(link).toMatchObject({ publisher_id: '100002', advertiser_id: 1001, commission: '' });
    expect(unmatched).toEqual([]);
  });
});

describe('tracking_link_for_url: Everflow partner key', () => {
  it('uses the offer URL on the longest matching domain, then the most of the path, and adds sub1', async () => {
    const c = freshConnection();
    everflowOffers(c, [
      everflowOffer(2, 'Bright Lamps', 'https://brightlamps.example/?tid={transaction_id}', [
        { id: 21, url: 'https://shop.brightlamps.example/desk' },
        { id: 22, url: 'https://shop.brightlamps.example/desk/led?src={affiliate_id}&ref=aff' },
        { id: 23, url: 'https://shop.brightlamps.example/garden' },
      ]),
    ]);
    everflowPartnerLink(c, 2, 22);

    const link = await createLink(
      { url: 'https://shop.brightlamps.example/desk/led/aurora', tracking_ref: 'row 7 & co' },
      only(c, 'everflow'),
    );
    expect(link).toEqual({
      url: `${everflowLinkFor(2, 22)}&sub1=row+7+%26+co`,
      network: 'everflow',
      advertiser_id: 2,
      advertiser_name: 'Bright Lamps',
      destination_url: 'https://shop.brightlamps.example/desk/led?ref=aff',
      matched_domain: 'shop.brightlamps.example',
      commission: '',
      publisher_id: '',
      chosen_by: 'domain',
    });
  });

  it("uses the offer's default link (URL 0) when its preview URL fits best, without the macros", async () => {
    const c = freshConnection();
    everflowOffers(c, [
      everflowOffer(
        6,
        'Sunny Travel',
        'https://www.sunnytravel.example/deals?tid={transaction_id}',
        [{ id: 61, url: 'https://www.sunnytravel.example/beach' }],
      ),
    ]);
    everflowPartnerLink(c, 6, 0);
    const link = await createLink(
      { url: 'https://sunnytravel.example/deals/greece' },
      only(c, 'everflow'),
    );
    expect(link.url).toBe(everflowLinkFor(6, 0));
    expect(link.destination_url).toBe('https://www.sunnytravel.example/deals');
  });

  it('reads offer URLs that come as a {total, entries} relationship block, like a plain list', async () => {
    const c = freshConnection();
    const lamps = everflowOffer(2, 'Bright Lamps', null, [
      { id: 21, url: 'https://shop.brightlamps.example/desk' },
      { id: 22, url: 'https://shop.brightlamps.example/garden' },
    ]);
    const asBlock = {
      ...lamps,
      relationship: {
        urls: { total: lamps.relationship.urls.length, entries: lamps.relationship.urls },
      },
    };
    everflowOffers(c, [asBlock]);
    offerslookOffers(c, {
      all: [offerslookOffer(16, 'Lamps elsewhere', 'https://brightlamps.example/')],
    });
    everflowPartnerLink(c, 2, 22);
    const link = await createLink(
      { url: 'https://shop.brightlamps.example/garden/solar' },
      only(c, 'everflow', 'offerslook'),
    );
    // Matched on Everflow (the longer domain of its offer URLs), not handed to another network.
    expect(link).toMatchObject({
      network: 'everflow',
      advertiser_id: 2,
      url: everflowLinkFor(2, 22),
      destination_url: 'https://shop.brightlamps.example/garden',
      matched_domain: 'shop.brightlamps.example',
    });
  });

  it('leaves out paused offers and offers without a usable URL', async () => {
    const c = freshConnection();
    everflowOffers(c, [
      everflowOffer(5, 'Acme Winter', 'https://www.acmeshoes.example/winter', [], 'paused'),
      everflowOffer(7, 'No page', null, [{ id: 71, url: 'not a url' }]),
    ]);
    const error = await failure(
      createLink({ url: 'https://www.acmeshoes.example/winter' }, only(c, 'everflow')),
    );
    expect(describeError(error).name).toBe('HaltedError');
  });
});

describe('tracking_link_for_url: Offerslook', () => {
  it('reads approved (personal) and public offers, and returns the offer’s tracking link with the reference as aff_sub1', async () => {
    const c = freshConnection();
    offerslookOffers(c, {
      personal: [offerslookOffer(102, 'Outlet', 'https://outlet.acmeshoes.example/', 1)],
      all: [
        offerslookOffer(16, 'Acme US', 'https://www.acmeshoes.example/us', 2),
        offerslookOffer(102, 'Outlet', 'https://outlet.acmeshoes.example/', 1),
        offerslookOffer(118, 'Needs approval', 'https://www.brightlamps.example/', 1),
        offerslookOffer(512, 'Paused', 'https://www.cosyknit.example/', 2, 'paused'),
      ],
    });
    offerslookLinks(c, [102]);

    const link = await createLink(
      { url: 'https://outlet.acmeshoes.example/clearance', tracking_ref: 'row 7&x #ü' },
      only(c, 'offerslook'),
    );
    expect(link).toEqual({
      url: `${offerslookLinkFor(102)}&aff_sub1=row+7%26x+%23%C3%BC`,
      network: 'offerslook',
      advertiser_id: 102,
      advertiser_name: 'Outlet',
      destination_url: 'https://outlet.acmeshoes.example/',
      matched_domain: 'outlet.acmeshoes.example',
      commission: '',
      publisher_id: '',
      chosen_by: 'domain',
    });

    for (const shop of ['https://www.brightlamps.example/', 'https://www.cosyknit.example/']) {
      const error = await failure(createLink({ url: shop }, only(c, 'offerslook')));
      expect(describeError(error).name).toBe('HaltedError');
    }
  });

  it('leaves the offer’s tracking link as it is without a reference', async () => {
    const c = freshConnection();
    offerslookOffers(c, {
      all: [offerslookOffer(16, 'Acme US', 'https://www.acmeshoes.example/')],
    });
    offerslookLinks(c, [16]);
    const link = await createLink({ url: 'https://www.acmeshoes.example/' }, only(c, 'offerslook'));
    expect(link.url).toBe(offerslookLinkFor(16));
  });

  it('says so when Offerslook no longer returns a link for the matched offer', async () => {
    const c = freshConnection();
    offerslookOffers(c, {
      all: [offerslookOffer(16, 'Acme US', 'https://www.acmeshoes.example/')],
    });
    offerslookLinks(c, [16], []);
    const error = describeError(
      await failure(createLink({ url: 'https://www.acmeshoes.example/' }, only(c, 'offerslook'))),
    );
    expect(error.message).toMatch(
      /^Offerslook returned no tracking link for offer Acme US \(16\), which matched this URL: it may no longer be approved for you\./,
    );
  });
});

describe('tracking_link_for_url: choosing among networks', () => {
  function sameShopEverywhere(c: Credentials): void {
    awinProgrammes(c, [acme]);
    everflowOffers(c, [everflowOffer(1, 'Acme Summer', 'https://www.acmeshoes.example/summer')]);
    offerslookOffers(c, { all: [offerslookOffer(16, 'Acme US', 'https://acmeshoes.example/')] });
  }

  it('on a tie, Awin wins over Everflow and Offerslook', async () => {
    const c = freshConnection();
    sameShopEverywhere(c);
    const url = 'https://www.acmeshoes.example/boots';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: url }, deepLink(url));
    expect((await createLink({ url }, c.auth)).network).toBe('awin');
  });

  it('on a tie without Awin, Everflow wins over Offerslook', async () => {
    const c = freshConnection();
    everflowOffers(c, [everflowOffer(1, 'Acme Summer', 'https://www.acmeshoes.example/summer')]);
    offerslookOffers(c, { all: [offerslookOffer(16, 'Acme US', 'https://acmeshoes.example/')] });
    everflowPartnerLink(c, 1, 0);
    const link = await createLink(
      { url: 'https://www.acmeshoes.example/boots' },
      only(c, 'everflow', 'offerslook'),
    );
    expect(link.network).toBe('everflow');
  });

  it('the longest matching domain wins over the network order', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowOffers(c, []);
    offerslookOffers(c, {
      all: [offerslookOffer(102, 'Outlet', 'https://deals.shop.acmeshoes.example/')],
    });
    offerslookLinks(c, [102]);
    const link = await createLink({ url: 'https://deals.shop.acmeshoes.example/x' }, c.auth);
    expect([link.network, link.matched_domain]).toEqual([
      'offerslook',
      'deals.shop.acmeshoes.example',
    ]);
  });

  it('Network restricts the step to one network: only its list is read', async () => {
    const c = freshConnection();
    offerslookOffers(c, { all: [offerslookOffer(16, 'Acme US', 'https://acmeshoes.example/')] });
    offerslookLinks(c, [16]);
    const link = await createLink(
      { url: 'https://www.acmeshoes.example/boots', network: 'Offerslook' },
      c.auth,
    );
    expect(link.network).toBe('offerslook');
    expect(unmatched).toEqual([]);
  });

  it('look-alike hosts match nothing: HaltedError naming the shop, and no link call', async () => {
    for (const url of [
      'https://shop.acmeshoes.example.evil.io/trainers',
      'https://evilacmeshoes.example/trainers',
    ]) {
      const c = freshConnection();
      sameShopEverywhere(c);
      const error = describeError(await failure(createLink({ url }, c.auth)));
      const host = new URL(url).hostname;
      expect(error).toEqual({
        name: 'HaltedError',
        message:
          'No joined advertiser or runnable offer on your connected networks (Awin, Everflow, ' +
          `Offerslook) sells from ${host}. Join its programme on Awin, Everflow or Offerslook, or ` +
          'check the URL.',
      });
    }
    expect(unmatched).toEqual([]);
  });

  it('with Network set, the no-match message names that network and how to widen the search', async () => {
    const c = freshConnection();
    nothingOn(c, 'awin');
    const error = describeError(
      await failure(createLink({ url: 'https://www.shop.example/', network: 'awin' }, c.auth)),
    );
    expect(error).toEqual({
      name: 'HaltedError',
      message:
        'No joined advertiser or runnable offer on Awin sells from shop.example. Join its programme ' +
        'on Awin, or clear Network to look on every connected network.',
    });
  });
});

describe('tracking_link_for_url: prefer commission between accounts', () => {
  it('two Awin accounts paid differently by one advertiser: the domain rule takes the lowest, commission the one paid more', async () => {
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
    awinAccountProgrammes(c, 100001, [acme]);
    awinAccountProgrammes(c, 100002, [acme]);
    awinDetails(c, 100001, 1001, [{ min: 2, max: 8, type: 'percentage' }]);
    awinDetails(c, 100002, 1001, [{ min: 3, max: 12, type: 'percentage' }]);
    const url = 'https://shop.acmeshoes.example/boots';
    const linkFor = (publisher: number) =>
      awinApi(c)
        .post(`/publishers/${publisher}/linkbuilder/generate`, {
          advertiserId: 1001,
          destinationUrl: url,
        })
        .reply(200, {
          url: `https://www.awin1.com/cread.php?awinmid=1001&awinaffid=${publisher}`,
        });

    linkFor(100001);
    expect(await createLink({ url }, auth)).toMatchObject({
      publisher_id: '100001',
      commission: '2%–8%',
      chosen_by: 'domain',
    });
    linkFor(100002);
    expect(await createLink({ url, prefer: 'commission' }, auth)).toMatchObject({
      publisher_id: '100002',
      commission: '3%–12%',
      chosen_by: 'commission',
    });
    expect(unmatched).toEqual([]);
  });
});

describe('tracking_link_for_url: the lists are read once per 15 minutes', () => {
  it('a second URL reads no advertiser or offer list: only the link call', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowOffers(c, [everflowOffer(2, 'Bright Lamps', 'https://shop.brightlamps.example/')]);
    offerslookOffers(c, {
      all: [offerslookOffer(342, 'Pixel Pet', 'https://www.pixelpet.example/')],
    });
    const first = 'https://shop.acmeshoes.example/a';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: first }, deepLink(first));
    awinDetails(c, 100001, 1001, [{ min: 5, max: 8, type: 'percentage' }]);
    everflowPayouts(c, 2, [{ payout_type: 'cpa', payout_amount: 6 }]);
    await createLink({ url: first }, c.auth);
    everflowPartnerLink(c, 2, 0);
    await createLink({ url: 'https://shop.brightlamps.example/x' }, c.auth);
    expect(nock.pendingMocks()).toEqual([]);

    // Every list interceptor is used up: a list call now would find no answer and fail the run.
    const second = 'https://shop.acmeshoes.example/b';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: second }, deepLink(second));
    everflowPartnerLink(c, 2, 0);
    offerslookLinks(c, [342]);
    expect((await createLink({ url: second }, c.auth)).network).toBe('awin');
    expect((await createLink({ url: 'https://shop.brightlamps.example/x' }, c.auth)).network).toBe(
      'everflow',
    );
    expect((await createLink({ url: 'https://pixelpet.example/cat' }, c.auth)).network).toBe(
      'offerslook',
    );
    expect(unmatched).toEqual([]);
  });

  it('keeps the lists under a hashed key: no credential in a cache key or value', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowOffers(c, []);
    offerslookOffers(c, {});
    const url = 'https://shop.acmeshoes.example/a';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: url }, deepLink(url));
    await createLink({ url }, c.auth);

    const cache = (appTester as unknown as { zcacheTestObj: Record<string, string> }).zcacheTestObj;
    const keys = Object.keys(cache).filter((key) => key.startsWith('urlmatch:'));
    expect(keys.length).toBeGreaterThanOrEqual(3);
    const stored = JSON.stringify(cache);
    for (const secret of [c.awinToken, c.everflowKey, c.offerslookKey]) {
      expect(stored).not.toContain(secret);
    }
  });
});

describe('tracking_link_for_url: a network whose list fails', () => {
  it('an expired Awin token stops the step even though Offerslook matched', async () => {
    const c = freshConnection();
    awinApi(c)
      .get('/publishers/100001/programmes')
      .query(true)
      .reply(401, { error: 'unauthorized' });
    offerslookOffers(c, { all: [offerslookOffer(16, 'Acme US', 'https://acmeshoes.example/')] });
    const error = await failure(
      createLink({ url: 'https://acmeshoes.example/' }, only(c, 'awin', 'offerslook')),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(describeError(error).message).toMatch(/^Awin did not accept your credentials \(401/);
  });

  it('a rate-limited network stops the step so Zapier retries it', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowApi(c).get('/v1/affiliates/offersrunnable').query(true).reply(429, {});
    const error = await failure(
      createLink({ url: 'https://acmeshoes.example/' }, only(c, 'awin', 'everflow')),
    );
    expect(error.name).toBe('ThrottledError');
  });

  it('Everflow down: the Awin match still gets its link', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowApi(c).get('/v1/affiliates/offersrunnable').query(true).reply(503, 'down');
    const url = 'https://acmeshoes.example/';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: url }, deepLink(url));
    const link = await createLink({ url }, only(c, 'awin', 'everflow'));
    expect(link.network).toBe('awin');
  });

  it('Everflow down and nothing else matched: its error, not "no match"', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowApi(c).get('/v1/affiliates/offersrunnable').query(true).reply(503, 'down');
    const error = describeError(
      await failure(createLink({ url: 'https://lamps.example/' }, only(c, 'awin', 'everflow'))),
    );
    expect(error).toEqual({
      name: 'AppError',
      delay: undefined,
      message: 'Everflow had a problem on its side (HTTP 503: "down"). Try again in a few minutes.',
    });
  });
});

describe('tracking_link_for_url: input checked before any request', () => {
  it.each([
    ['', 'URL is required. Map the full web address, starting with http:// or https://.'],
    [
      'shop.acmeshoes.example/trainers',
      'URL must be a full web address starting with http:// or https://, such as https://www.example.com/product, but it was "shop.acmeshoes.example/trainers".',
    ],
    [
      'ftp://shop.acmeshoes.example/',
      'URL must be a full web address starting with http:// or https://, such as https://www.example.com/product, but it was "ftp://shop.acmeshoes.example/".',
    ],
    [
      'http://localhost:3000/x',
      'URL must be the address of a shop\'s web page, with a domain name such as www.shop.example, but it was "http://localhost:3000/x".',
    ],
    [
      'https://192.168.0.10/shop',
      'URL must be the address of a shop\'s web page, with a domain name such as www.shop.example, but it was "https://192.168.0.10/shop".',
    ],
  ])('refuses the URL %j', async (url, message) => {
    const error = describeError(await failure(createLink({ url }, freshConnection().auth)));
    expect(error).toEqual({ name: 'AppError', delay: undefined, message });
    expect(unmatched).toEqual([]);
  });

  it('refuses a tracking reference over 50 characters while Awin may be used', async () => {
    const c = freshConnection();
    const error = describeError(
      await failure(
        createLink({ url: 'https://a.example/', tracking_ref: 'x'.repeat(51) }, c.auth),
      ),
    );
    expect(error.message).toBe(
      'Tracking Reference is 51 characters long; Awin takes at most 50 as a click reference ' +
        '(clickref). Shorten it, or set Network to Everflow or Offerslook.',
    );
  });

  it('takes up to 200 characters for Everflow alone, and refuses more', async () => {
    const c = freshConnection();
    everflowOffers(c, [everflowOffer(2, 'Lamps', 'https://lamps.example/')]);
    everflowPartnerLink(c, 2, 0);
    const ref = 'y'.repeat(200);
    const link = await createLink(
      { url: 'https://lamps.example/', tracking_ref: ref, network: 'everflow' },
      c.auth,
    );
    expect(new URL(link.url).searchParams.get('sub1')).toBe(ref);
    const error = describeError(
      await failure(
        createLink({ url: 'https://lamps.example/', tracking_ref: `${ref}y` }, only(c, 'everflow')),
      ),
    );
    expect(error.message).toBe(
      'Tracking Reference is 201 characters long; the most allowed is 200. Shorten it and try again.',
    );
  });

  it('refuses an unknown Network, and one the connection does not hold', async () => {
    const c = freshConnection();
    expect(
      describeError(await failure(createLink({ url: 'https://a.example/', network: 'cj' }, c.auth)))
        .message,
    ).toBe(
      'Network must be Awin, Everflow, Offerslook or Impact, but it was "cj". Choose one, or leave ' +
        'it empty to look on every connected network.',
    );
    expect(
      describeError(
        await failure(
          createLink({ url: 'https://a.example/', network: 'awin' }, only(c, 'offerslook')),
        ),
      ).message,
    ).toBe(
      'Network is set to Awin, but this connection has no Awin credentials. Clear Network to look ' +
        'on every network in the connection, or reconnect with your Awin details.',
    );
    expect(unmatched).toEqual([]);
  });

  it('refuses a connection whose only network is an Everflow network key', async () => {
    const c = freshConnection();
    const auth = { ...only(c, 'everflow'), everflow_api_type: 'network' };
    const error = describeError(await failure(createLink({ url: 'https://a.example/' }, auth)));
    expect(error.message).toBe(
      'This connection only holds an Everflow network key. An Everflow network key has no affiliate ' +
        'of its own to make links for. Matching a URL needs an Awin API token, an Everflow partner ' +
        '(affiliate) key, Offerslook details or an Impact Account SID and Auth Token: reconnect with ' +
        'at least one of them.',
    );
    expect(unmatched).toEqual([]);
  });

  it('never puts a credential in a URL: every request of a run, lists included', async () => {
    const c = freshConnection();
    const url = 'https://acmeshoes.example/';
    const scopes = [
      awinProgrammes(c, [acme]),
      everflowOffers(c, []),
      offerslookOffers(c, {}),
      awinGenerate(c, { advertiserId: 1001, destinationUrl: url }, deepLink(url)),
    ];
    const paths: string[] = [];
    for (const scope of scopes)
      scope.on('request', (req: { path: string }) => paths.push(req.path));
    await createLink({ url }, c.auth);
    expect(paths).toHaveLength(5);
    for (const secret of [c.awinToken, c.everflowKey, c.offerslookKey]) {
      expect(paths.join(' ')).not.toContain(secret);
    }
  });
});

describe('tracking_link_for_url: credentials stay out of the run log', () => {
  const lines = captureZapierLogs();

  it('logs requests, a skipped network and the cache without any credential', async () => {
    const c = freshConnection();
    awinProgrammes(c, [acme]);
    everflowApi(c)
      .get('/v1/affiliates/offersrunnable')
      .query(true)
      .reply(500, { error: `key ${c.everflowKey} is broken` });
    offerslookOffers(c, {});
    const url = 'https://acmeshoes.example/';
    awinGenerate(c, { advertiserId: 1001, destinationUrl: url }, deepLink(url));
    await createLink({ url }, c.auth);

    const log = lines.join('\n');
    expect(log).toContain('Skipped Everflow while matching this URL');
    // (Zapier's own log scrubber hides every auth value, even "affiliate" inside this path.)
    expect(log).toContain('/offersrunnable?page=1&page_size=2000');
    for (const secret of [c.awinToken, c.everflowKey, c.offerslookKey]) {
      expect(log).not.toContain(secret);
    }
  });
});
