import nock from 'nock';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { awinLinkIds, awinProgramme } from '../../src/awin/linkCheck';
import { endDate, offerProgramme } from '../../src/core/network';
import { expectedDomainsFor, lookUpProgrammes, type RunFacts } from '../../src/linkCheck/programme';
import { untrackedAdvice } from '../../src/linkCheck/verdict';
import { AWIN } from '../awin/helpers';
import { EVERFLOW } from '../everflow/helpers';
import { OFFERS_PATH, OFFERSLOOK, success } from '../offerslook/helpers';
import { appTester, setupNock } from '../support/app';

/**
 * The programme look-ups of a link check, one network at a time, against nock: the request each
 * list takes, each list read once per run and then kept in z.cache, and `unknown` (never a failed
 * step) when a network cannot be asked.
 */
setupNock();

// z.cache outlives a test in this file: each test gets credentials (and so cache keys) of its own.
let connections = 0;
function fresh() {
  connections += 1;
  const awinToken = `unit-linkcheck-awin-${connections}-c41d`;
  const everflowKey = `unit-linkcheck-everflow-${connections}-8e2a`;
  const offerslookKey = `unit-linkcheck-offerslook-${connections}-f07b`;
  const basic = Buffer.from(`jane@acme-affiliates.example:${offerslookKey}`).toString('base64');
  return {
    awin: { awin_access_token: awinToken, awin_publisher_id: '100001' },
    everflowPartner: { everflow_api_key: everflowKey, everflow_api_type: 'affiliate' },
    everflowNetwork: { everflow_api_key: everflowKey, everflow_api_type: 'network' },
    offerslook: {
      offerslook_network: 'acme',
      offerslook_email: 'jane@acme-affiliates.example',
      offerslook_api_key: offerslookKey,
    },
    awinApi: () => nock(AWIN, { reqheaders: { authorization: `Bearer ${awinToken}` } }),
    everflowApi: () => nock(EVERFLOW, { reqheaders: { 'x-eflow-api-key': everflowKey } }),
    offerslookApi: () => nock(OFFERSLOOK, { reqheaders: { authorization: `Basic ${basic}` } }),
  };
}

function lookUp(
  urls: string[],
  authData: Record<string, string>,
  capMs?: number,
): Promise<RunFacts> {
  const perform = (z: ZObject, bundle: Bundle) => lookUpProgrammes(z, bundle, urls, { capMs });
  return appTester(perform, { authData }) as Promise<RunFacts>;
}

const programmeJson = (id: number, domains: string[], linkStatus: string | null = 'Active') => ({
  id,
  name: `Advertiser ${id}`,
  displayUrl: `https://www.${domains[0]}`,
  clickThroughUrl: `https://www.awin1.com/awclick.php?mid=${id}&id=100001`,
  logoUrl: null,
  linkStatus,
  status: 'Active',
  primarySector: 'Fashion',
  currencyCode: 'GBP',
  primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
  validDomains: domains.map((domain) => ({ domain })),
});

const awinLink = (mid: number, publisher = 100001) =>
  `https://www.awin1.com/awclick.php?mid=${mid}&id=${publisher}`;
const awinDeepLink = (mid: number, destination: string) =>
  `https://www.awin1.com/cread.php?awinmid=${mid}&awinaffid=100001&ued=${encodeURIComponent(destination)}`;

describe('what a status means', () => {
  const NOW = Date.parse('2026-06-15T12:00:00Z');

  it('Awin: joined tracks unless its link status is offline or inactive; anything else does not', () => {
    expect(awinProgramme('joined', 'Active')).toEqual({
      status: 'joined, link status Active',
      notTracking: false,
    });
    expect(awinProgramme('joined', null)).toEqual({ status: 'joined', notTracking: false });
    expect(awinProgramme('joined', 'OFFLINE').notTracking).toBe(true);
    expect(awinProgramme('joined', 'inactive').notTracking).toBe(true);
    expect(awinProgramme('suspended')).toEqual({ status: 'suspended', notTracking: true });
    expect(awinProgramme('not joined')).toEqual({ status: 'not joined', notTracking: true });
  });

  it('offers: active tracks until their end date; paused, pending or expired do not', () => {
    const offer = (status: string | null, endsAt: string | null) => ({
      id: 1,
      status,
      endsAt,
      domains: [],
      codes: [],
    });
    expect(offerProgramme(offer('active', null), NOW)).toEqual({
      status: 'active',
      notTracking: false,
    });
    expect(offerProgramme(offer('Active', '2026-12-31'), NOW)).toEqual({
      status: 'active until 2026-12-31',
      notTracking: false,
    });
    // Live until the end of its last day.
    expect(offerProgramme(offer('active', '2026-06-15'), NOW).notTracking).toBe(false);
    expect(offerProgramme(offer('active', '2026-06-14'), NOW)).toEqual({
      status: 'expired on 2026-06-14',
      notTracking: true,
    });
    expect(offerProgramme(offer('paused', null), NOW)).toEqual({
      status: 'paused',
      notTracking: true,
    });
    expect(offerProgramme(offer('pending', '0'), NOW).status).toBe('pending');
    // Unix seconds (Offerslook): 2026-01-01.
    expect(offerProgramme(offer('active', '1767225600'), NOW).status).toBe('expired on 2026-01-01');
  });

  it('a link that does not track gets advice that fits why: ended, pending, paused, offline, left', () => {
    const offer = (status: string, endsAt: string | null = null) =>
      offerProgramme({ status, endsAt }, NOW).status;
    expect(untrackedAdvice(offer('active', '2026-06-14'))).toBe(
      'The offer has ended: take the link down, or pick another offer.',
    );
    expect(untrackedAdvice(offer('pending'))).toMatch(/^Your application is still waiting/);
    expect(untrackedAdvice(offer('pending'))).not.toMatch(/rejoin/i);
    expect(untrackedAdvice(offer('paused'))).toBe(
      'Wait until the offer runs again, or pick another offer.',
    );
    expect(untrackedAdvice(awinProgramme('joined', 'Offline').status)).toBe(
      "Wait until the advertiser's link status is Active again, or pick another programme.",
    );
    for (const left of [awinProgramme('suspended'), awinProgramme('not joined')]) {
      expect(untrackedAdvice(left.status)).toBe(
        'Rejoin it or pick another offer before using the link.',
      );
    }
  });

  it('end dates: empty, zero and zero dates are none; text that is no date is none', () => {
    expect(endDate(null)).toBeUndefined();
    expect(endDate('')).toBeUndefined();
    expect(endDate('0')).toBeUndefined();
    expect(endDate('0000-00-00')).toBeUndefined();
    expect(endDate('soon')).toBeUndefined();
    expect(endDate('2026-06-14 23:59:59', NOW)).toEqual({ day: '2026-06-14', passed: true });
  });

  it('Awin link ids: deep, default, banner and product links; a short link names none', () => {
    expect(awinLinkIds(new URL(awinDeepLink(1001, 'https://a.example/x')))).toEqual({
      advertiserId: 1001,
      publisherId: 100001,
    });
    expect(awinLinkIds(new URL(awinLink(1010, 100002)))).toEqual({
      advertiserId: 1010,
      publisherId: 100002,
    });
    expect(
      awinLinkIds(new URL('https://www.awin1.com/cread.php?s=55&v=1005&q=3&r=100003')),
    ).toEqual({ advertiserId: 1005, publisherId: 100003 });
    expect(awinLinkIds(new URL('https://www.awin1.com/pclick.php?p=9&a=100001&m=1004'))).toEqual({
      advertiserId: 1004,
      publisherId: 100001,
    });
    expect(awinLinkIds(new URL('https://tidd.ly/3xAcMe1'))).toEqual({});
  });

  it("expected domains: the user's first, then the link's own destination, then the API's", () => {
    const facts = { domains: ['acmeshoes.example'] };
    const deep = awinDeepLink(1001, 'https://www.acmeshoes.example/boots');
    expect(expectedDomainsFor(deep, ['other.example'], facts, {})).toEqual(['other.example']);
    expect(expectedDomainsFor(deep, [], facts, {})).toBeUndefined();
    expect(expectedDomainsFor(awinLink(1001), [], facts, {})).toEqual(['acmeshoes.example']);
    expect(expectedDomainsFor(awinLink(1001), [], { domains: [] }, {})).toBeUndefined();
  });
});

describe('Awin', () => {
  it('reads the joined list once for every link of the run, and the suspended one only when needed', async () => {
    const c = fresh();
    c.awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .once()
      .reply(200, [
        programmeJson(1001, ['acmeshoes.example', 'shop.acmeshoes.example']),
        programmeJson(1010, ['urbancycle.example'], 'Offline'),
      ]);
    c.awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'suspended' })
      .once()
      .reply(200, [programmeJson(1012, ['harborwine.example'], 'Inactive')]);

    const facts = await lookUp(
      [
        awinLink(1001),
        awinDeepLink(1001, 'https://www.acmeshoes.example/boots'),
        awinLink(1010),
        awinLink(1012),
        awinLink(1099),
        'https://tidd.ly/3xAcMe1',
        'https://www.acmeshoes.example/',
        'not a link',
      ],
      c.awin,
    );
    expect(facts.networkDomains).toEqual({});
    expect(facts.links).toEqual([
      {
        programme: { status: 'joined, link status Active', notTracking: false },
        domains: ['acmeshoes.example', 'shop.acmeshoes.example'],
      },
      {
        programme: { status: 'joined, link status Active', notTracking: false },
        domains: ['acmeshoes.example', 'shop.acmeshoes.example'],
      },
      {
        programme: { status: 'joined, link status Offline', notTracking: true },
        domains: ['urbancycle.example'],
      },
      { programme: { status: 'suspended', notTracking: true }, domains: ['harborwine.example'] },
      { programme: { status: 'not joined', notTracking: true }, domains: [] },
      { domains: [] },
      { domains: [] },
      { domains: [] },
    ]);
  });

  it('keeps the lists in z.cache: the next run asks Awin nothing', async () => {
    const c = fresh();
    c.awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .once()
      .reply(200, [programmeJson(1001, ['acmeshoes.example'])]);
    const first = await lookUp([awinLink(1001)], c.awin);
    // No interceptor is left: a request now would fail and read as "unknown".
    const second = await lookUp([awinLink(1001), awinLink(1001)], c.awin);
    expect(second.links[0]).toEqual(first.links[0]);
    expect(second.links[1].programme?.status).toBe('joined, link status Active');
  });

  it("asks for the link's own publisher account, else the connection's default, else the token's only one", async () => {
    const c = fresh();
    c.awinApi()
      .get('/publishers/100002/programmes')
      .query({ relationship: 'joined' })
      .reply(200, [programmeJson(1001, ['acmeshoes.example'])]);
    const linked = await lookUp([awinLink(1001, 100002)], c.awin);
    expect(linked.links[0].programme?.status).toBe('joined, link status Active');

    const d = fresh();
    const noDefault = { awin_access_token: d.awin.awin_access_token };
    d.awinApi()
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        userId: 5002,
        accounts: [{ accountId: 100003, accountName: 'Sam Solo', accountType: 'publisher' }],
      });
    d.awinApi()
      .get('/publishers/100003/programmes')
      .query({ relationship: 'joined' })
      .reply(200, [programmeJson(1005, ['casaverde.example'])]);
    const banner = 'https://www.awin1.com/cread.php?s=55&v=1005&q=3';
    const only = await lookUp([banner], noDefault);
    expect(only.links[0].programme?.status).toBe('joined, link status Active');
  });

  it.each([
    [429, { 'Retry-After': '30' }],
    [500, {}],
    [503, {}],
    [403, {}],
  ])(
    'answers %s: unknown for its links, nothing thrown, nothing cached',
    async (status, headers) => {
      const c = fresh();
      c.awinApi()
        .get('/publishers/100001/programmes')
        .query({ relationship: 'joined' })
        .reply(status, { error: 'no' }, headers);
      const facts = await lookUp([awinLink(1001), awinLink(1002)], c.awin);
      expect(facts.links).toEqual([
        { programme: { status: 'unknown', notTracking: false }, domains: [] },
        { programme: { status: 'unknown', notTracking: false }, domains: [] },
      ]);
      // Not kept: the next run asks again.
      c.awinApi()
        .get('/publishers/100001/programmes')
        .query({ relationship: 'joined' })
        .reply(200, [programmeJson(1001, ['acmeshoes.example'])]);
      const again = await lookUp([awinLink(1001)], c.awin);
      expect(again.links[0].programme?.status).toBe('joined, link status Active');
    },
  );

  it('a list that does not answer in time is unknown, within the time given', async () => {
    const c = fresh();
    c.awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .delay(1_000)
      .reply(200, []);
    const facts = await lookUp([awinLink(1001)], c.awin, 200);
    // Had the look-up waited for the late (empty) list, the status would be "not joined".
    expect(facts.links[0].programme).toEqual({ status: 'unknown', notTracking: false });
    // Let the late answer arrive (and be ignored) before the next test.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  });

  it('a list that answers after the look-up was given up is not kept: the next run asks again', async () => {
    const c = fresh();
    c.awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .delay(400)
      .reply(200, []);
    const facts = await lookUp([awinLink(1001)], c.awin, 150);
    expect(facts.links[0].programme).toEqual({ status: 'unknown', notTracking: false });
    await new Promise((resolve) => setTimeout(resolve, 600));
    const again = c
      .awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, [programmeJson(1001, ['acmeshoes.example'])]);
    expect((await lookUp([awinLink(1001)], c.awin)).links[0].programme?.status).toBe(
      'joined, link status Active',
    );
    expect(again.isDone()).toBe(true);
  });

  it("the cap covers Zapier's cache too: a cache that does not answer is unknown in time, and no call starts", async () => {
    const c = fresh();
    const joined = c
      .awinApi()
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' })
      .reply(200, []);
    const perform = (z: ZObject, bundle: Bundle) => {
      z.cache.get = () => new Promise(() => undefined);
      return lookUpProgrammes(z, bundle, [awinLink(1001)], { capMs: 150 });
    };
    const facts = (await appTester(perform, { authData: c.awin })) as RunFacts;
    expect(facts.links[0].programme).toEqual({ status: 'unknown', notTracking: false });
    expect(joined.isDone()).toBe(false);
    nock.cleanAll();
  });
});

describe('Everflow', () => {
  const HOST = 'https://trk.partner.example';
  const runnable = (
    id: number,
    code: string,
    status: string,
    dateLiveUntil: string,
    previewUrl: string,
  ) => ({
    network_offer_id: id,
    name: `Offer ${id}`,
    offer_status: status,
    date_live_until: dateLiveUntil,
    tracking_url: `${HOST}/7KQ2/${code}/`,
    redirect_tracking_url: '',
    preview_url: previewUrl,
    relationship: { urls: [{ network_offer_url_id: 11, name: 'Sale', url: `${previewUrl}sale` }] },
  });

  it("partner key: the runnable offers, read once; each link's offer by the code in its path", async () => {
    const c = fresh();
    c.everflowApi()
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '2000' })
      .once()
      .reply(200, {
        offers: [
          runnable(1, 'A1B2', 'active', '', 'https://www.acmeshoes.example/'),
          runnable(2, 'C3D4', 'paused', '', 'https://shop.brightlamps.example/'),
          runnable(3, 'E5F6', 'active', '2020-01-31', 'https://get.nimbusvpn.example/'),
          runnable(4, 'G7H8', 'active', '2099-12-31', 'https://www.greengrocer.example/'),
        ],
      });
    const facts = await lookUp(
      [
        `${HOST}/7KQ2/A1B2/?sub1=x`,
        `${HOST}/7KQ2/C3D4/`,
        `${HOST}/7KQ2/E5F6/`,
        `${HOST}/7KQ2/G7H8/`,
        `${HOST}/7KQ2/Z9Z9/`,
        'https://www.acmeshoes.example/?oid=2&affid=7',
      ],
      c.everflowPartner,
    );
    expect(facts.networkDomains).toEqual({ everflow: ['trk.partner.example'] });
    expect(facts.links.map((link) => link.programme)).toEqual([
      { status: 'active', notTracking: false },
      { status: 'paused', notTracking: true },
      { status: 'expired on 2020-01-31', notTracking: true },
      { status: 'active until 2099-12-31', notTracking: false },
      { status: 'not among your runnable offers', notTracking: false },
      // A direct link sits on the shop's own host: not an Everflow link.
      undefined,
    ]);
    expect(facts.links[0].domains).toEqual(['acmeshoes.example']);
  });

  it("partner key: a direct-linking offer's page is never taken for a tracking host", async () => {
    const c = fresh();
    const direct = {
      ...runnable(3, 'E5F6', 'active', '', 'https://www.greengrocer.example/trial'),
      // A direct-linking offer's tracking_url is the advertiser's own page; its redirect link is apart.
      tracking_url: 'https://www.greengrocer.example/trial?oid=3&affid=7',
      redirect_tracking_url: `${HOST}/7KQ2/E5F6/`,
      is_use_direct_linking: true,
    };
    c.everflowApi()
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '2000' })
      .once()
      .reply(200, {
        offers: [runnable(1, 'A1B2', 'active', '', 'https://www.acmeshoes.example/'), direct],
      });
    const facts = await lookUp(
      ['https://www.greengrocer.example/trial?oid=3&affid=7', `${HOST}/7KQ2/E5F6/`],
      c.everflowPartner,
    );
    expect(facts.networkDomains).toEqual({ everflow: ['trk.partner.example'] });
    expect(facts.links).toEqual([
      // The direct link is the shop's page: checked like any page, not as Everflow's own host.
      { domains: [] },
      { programme: { status: 'active', notTracking: false }, domains: ['greengrocer.example'] },
    ]);
  });

  it('partner key: offer URLs in a {total, entries} block count for the expected domains', async () => {
    const c = fresh();
    const offer = runnable(1, 'A1B2', 'active', '', 'https://www.acmeshoes.example/');
    c.everflowApi()
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '2000' })
      .reply(200, {
        offers: [
          {
            ...offer,
            relationship: {
              urls: {
                total: 1,
                entries: [{ network_offer_url_id: 11, url: 'https://sale.acmeshoes.example/' }],
              },
            },
          },
        ],
      });
    const facts = await lookUp([`${HOST}/7KQ2/A1B2/`], c.everflowPartner);
    expect(facts.links[0]).toEqual({
      programme: { status: 'active', notTracking: false },
      domains: ['acmeshoes.example', 'sale.acmeshoes.example'],
    });
  });

  it('network key: its tracking domains count as Everflow hosts; the links do not name an offer', async () => {
    const c = fresh();
    c.everflowApi()
      .get('/v1/networks/trackingdomains')
      .once()
      .reply(200, [
        {
          network_tracking_domain_id: 1,
          url: 'https://www.acmetrk.example',
          is_primary_domain: true,
        },
        { network_tracking_domain_id: 2, domain: 'go.acmedeals.example' },
      ]);
    const facts = await lookUp(['https://go.acmedeals.example/x/y'], c.everflowNetwork);
    expect(facts.networkDomains).toEqual({
      everflow: ['www.acmetrk.example', 'go.acmedeals.example'],
    });
    expect(facts.links).toEqual([{ domains: [] }]);
  });

  it('is not asked when every link is plainly Awin or Offerslook', async () => {
    const c = fresh();
    const facts = await lookUp(
      ['https://tidd.ly/3xAcMe1', 'https://x.offerstrack.net/index.php?offer_id=1&aff_id=2'],
      c.everflowNetwork,
    );
    expect(facts).toEqual({ networkDomains: {}, links: [{ domains: [] }, { domains: [] }] });
  });

  it.each([429, 500])(
    'answers %s: unknown for Everflow links, the others unaffected',
    async (status) => {
      const c = fresh();
      c.everflowApi()
        .get('/v1/affiliates/offersrunnable')
        .query(true)
        .reply(status, { error: 'no' });
      const facts = await lookUp(
        ['https://www.acmetrk.example/7KQ2/A1B2/', 'https://www.acmeshoes.example/'],
        c.everflowPartner,
      );
      expect(facts.networkDomains).toEqual({});
      expect(facts.links).toEqual([
        { programme: { status: 'unknown', notTracking: false }, domains: [] },
        { domains: [] },
      ]);
    },
  );
});

describe('Offerslook', () => {
  const row = (id: number, status: string, endDate: number | string, previewUrl: string) => ({
    offer: {
      id,
      name: `Offer ${id}`,
      status,
      offer_approval: 2,
      preview_url: previewUrl,
      end_date: endDate,
    },
  });
  const link = (id: number) =>
    `https://track.acme-offers.example/index.php?offer_id=${id}&aff_id=40`;

  it('reads every page of offers once; status, end date and preview host per link', async () => {
    const c = fresh();
    c.offerslookApi()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '100', sort: '+id' })
      .once()
      .reply(
        200,
        success({
          rowset: [
            row(16, 'active', 0, 'https://www.acmeshoes.example/us'),
            row(102, 'paused', 0, 'https://outlet.acmeshoes.example/'),
          ],
          totalPages: 2,
        }),
      );
    c.offerslookApi()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '2', limit: '100', sort: '+id' })
      .once()
      .reply(
        200,
        success({
          rowset: [row(205, 'active', 1577836800, 'https://novavpn.example/annual')],
          totalPages: 2,
        }),
      );
    const facts = await lookUp([link(16), link(102), link(205), link(999), link(16)], c.offerslook);
    expect(facts.links).toEqual([
      { programme: { status: 'active', notTracking: false }, domains: ['acmeshoes.example'] },
      { programme: { status: 'paused', notTracking: true }, domains: ['outlet.acmeshoes.example'] },
      {
        programme: { status: 'expired on 2020-01-01', notTracking: true },
        domains: ['novavpn.example'],
      },
      { programme: { status: 'not among your offers', notTracking: false }, domains: [] },
      { programme: { status: 'active', notTracking: false }, domains: ['acmeshoes.example'] },
    ]);
  });

  it('a look-up given up starts no call afterwards: the next page is never asked for', async () => {
    const c = fresh();
    c.offerslookApi()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '100', sort: '+id' })
      .delay(400)
      .reply(200, success({ rowset: [row(16, 'active', 0, 'https://a.example/')], totalPages: 2 }));
    const second = c
      .offerslookApi()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '2', limit: '100', sort: '+id' })
      .reply(200, success({ rowset: [], totalPages: 2 }));
    const facts = await lookUp([link(16)], c.offerslook, 150);
    expect(facts.links[0].programme?.status).toBe('unknown');
    // The first page arrives after the step went on: the loop stops there.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(second.isDone()).toBe(false);
    nock.cleanAll();
  });

  it('an error envelope or a 429 is unknown, nothing thrown', async () => {
    const c = fresh();
    c.offerslookApi()
      .get(OFFERS_PATH)
      .query(true)
      .reply(200, { code: 1006, message: 'Invalid type', data: null });
    expect((await lookUp([link(16)], c.offerslook)).links[0].programme?.status).toBe('unknown');
    const d = fresh();
    d.offerslookApi().get(OFFERS_PATH).query(true).reply(429, 'Too many requests');
    expect((await lookUp([link(16)], d.offerslook)).links[0].programme?.status).toBe('unknown');
  });
});

describe('without a connected network', () => {
  it('asks nothing, and says nothing about any programme', async () => {
    const facts = await lookUp(
      [
        awinLink(1001),
        'https://www.acmetrk.example/7KQ2/A1B2/',
        `${OFFERSLOOK}/index.php?offer_id=1&aff_id=2`,
      ],
      {},
    );
    expect(facts).toEqual({
      networkDomains: {},
      links: [{ domains: [] }, { domains: [] }, { domains: [] }],
    });
  });
});
