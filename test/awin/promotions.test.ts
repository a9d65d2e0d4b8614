import nock from 'nock';
import type { AwinPromotionOutput } from '../../src/awin/outputs';
import {
  App,
  appTester,
  captureZapierLogs,
  describeError,
  failure,
  setupNock,
} from '../support/app';

import { AWIN, AWIN_TOKEN, runAwin } from './helpers';

setupNock();
const logs = captureZapierLogs();

// Each test starts with an empty z.cache (the search keeps its list there).
beforeEach(() => {
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
});

const PATH = '/publisher/100001/promotions';
const DAY = 24 * 60 * 60 * 1000;

/** One promotion as Awin answers it (the shape third-party clients saw); overrides on top. */
function promotion(id: number, extra: Record<string, unknown> = {}) {
  return {
    promotionId: id,
    type: 'promotion',
    advertiser: { id: 1001, name: 'Acme Shoes', joined: true },
    title: `Offer ${id}`,
    description: 'Something good',
    terms: 'Some terms',
    startDate: '2026-03-01T08:00:00+01:00',
    endDate: '2026-03-31T23:59:00+00:00',
    url: `https://www.acmeshoes.example/offer/${id}`,
    urlTracking:
      'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
      `&ued=https%3A%2F%2Fwww.acmeshoes.example%2Foffer%2F${id}`,
    dateAdded: '2026-02-20T10:00:00+00:00',
    campaign: '',
    regions: { all: true },
    ...extra,
  };
}

const voucher = (id: number, code: string, extra: Record<string, unknown> = {}) =>
  promotion(id, {
    type: 'voucher',
    voucher: { code, exclusive: false, attributable: false },
    ...extra,
  });

const range = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => promotion(from + i));

const body = (filters: nock.DataMatcherMap, page = 1, pageSize = 200): nock.DataMatcherMap => ({
  filters,
  pagination: { page, pageSize },
});

const search = (input: Record<string, unknown>) =>
  runAwin<AwinPromotionOutput[]>(App.searches.awin_promotion, input);

const SEARCH_DEFAULTS = { type: 'all', status: 'active' };

describe('awin_promotion: the request', () => {
  it('posts the filters as Awin names them to the singular publisher path, with the token in a header', async () => {
    const scope = nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
      .post(PATH, body({ type: 'voucher', status: 'expiringSoon', advertiserIds: [1001] }))
      .reply(200, {
        data: [voucher(7, 'BOOTS15', { voucher: { code: 'BOOTS15', exclusive: 'true' } })],
        pagination: { page: 1, pageSize: 200, total: 1 },
      });
    const found = await search({
      advertiserId: ' 1001 ',
      type: 'Voucher',
      status: 'expiring soon',
      clickref: 'newsletter',
    });
    expect(scope.isDone()).toBe(true);
    expect(found).toEqual([
      {
        id: '7',
        promotionId: 7,
        type: 'voucher',
        title: 'Offer 7',
        description: 'Something good',
        terms: 'Some terms',
        voucherCode: 'BOOTS15',
        voucherExclusive: true,
        advertiserId: 1001,
        advertiserName: 'Acme Shoes',
        startDate: '2026-03-01T07:00:00.000Z',
        endDate: '2026-03-31T23:59:00.000Z',
        url: 'https://www.acmeshoes.example/offer/7',
        trackingUrl:
          'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
          '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Foffer%2F7&clickref=newsletter',
        regions: 'all',
      },
    ]);
  });

  it('refuses a bad type, status, advertiser or click reference before any request', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ type: 'coupon' }, 'Type must be one of all, promotion, voucher, but it was "coupon".'],
      [
        { status: 'expired' },
        'Status must be one of active, expiringSoon, upcoming, but it was "expired".',
      ],
      [{ advertiserId: 'Acme' }, 'Advertiser must be a positive whole number'],
      [
        { clickref: 'x'.repeat(51) },
        'Click Reference is 51 characters long; the most allowed is 50.',
      ],
    ];
    for (const [input, message] of cases) {
      const error = describeError(await failure(search(input)));
      expect(error.message).toContain(message);
    }
  });
});

describe('awin_promotion: paging', () => {
  it('reads every page until pagination.total, even when Awin answers smaller pages than asked', async () => {
    const scope = nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, { data: range(1, 100), pagination: { page: 1, pageSize: 100, total: 250 } })
      .post(PATH, body(SEARCH_DEFAULTS, 2))
      .reply(200, { data: range(101, 100), pagination: { page: 2, pageSize: 100, total: 250 } })
      .post(PATH, body(SEARCH_DEFAULTS, 3))
      .reply(200, { data: range(201, 50), pagination: { page: 3, pageSize: 100, total: 250 } });
    const found = await search({ clickref: 'sheet' });
    expect(scope.isDone()).toBe(true);
    expect(found).toHaveLength(250);
    // The click reference is on every tracking link.
    for (const item of found) {
      expect(new URL(item.trackingUrl).searchParams.get('clickref')).toBe('sheet');
      expect(item.trackingUrl).toContain(
        `ued=https%3A%2F%2Fwww.acmeshoes.example%2Foffer%2F${item.id}`,
      );
    }
  });

  it('without pagination, stops at the first page shorter than the page size asked for', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, { data: range(1, 200) })
      .post(PATH, body(SEARCH_DEFAULTS, 2))
      .reply(200, { data: range(201, 3) });
    expect(await search({})).toHaveLength(203);
  });

  it('reads a bare list as a page, and stops at an empty page', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, range(1, 200))
      .post(PATH, body(SEARCH_DEFAULTS, 2))
      .reply(200, { data: [], pagination: null });
    expect(await search({})).toHaveLength(200);
  });

  it('stops when a page brings nothing new (page numbers ignored), and says so in the log', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, { data: range(1, 200) })
      .post(PATH, body(SEARCH_DEFAULTS, 2))
      .reply(200, { data: range(1, 200) });
    expect(await search({})).toHaveLength(200);
    expect(logs.join('\n')).toContain('Awin sent page 2 of promotions again');
  });

  it('reads a total smaller than one page as a number of pages', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, { data: range(1, 150), pagination: { page: 1, pageSize: 150, total: 2 } })
      .post(PATH, body(SEARCH_DEFAULTS, 2))
      .reply(200, { data: range(151, 150), pagination: { page: 2, pageSize: 150, total: 2 } });
    expect(await search({})).toHaveLength(300);
  });

  it('reads at most 5 pages (1,000 offers) in one run', async () => {
    for (let page = 1; page <= 5; page++) {
      nock(AWIN)
        .post(PATH, body(SEARCH_DEFAULTS, page))
        .reply(200, {
          data: range(page * 1000, 200),
          pagination: { page, pageSize: 200, total: 5000 },
        });
    }
    expect(await search({})).toHaveLength(1000);
    expect(logs.join('\n')).toContain('Read the first 5 pages of Awin promotions (1000 offers)');
  });

  it('keeps the items that can be read, and logs the others', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, {
        data: [promotion(1), { title: 'no id' }, promotion(2, { advertiser: null }), promotion(3)],
        pagination: { page: 1, pageSize: 200, total: 4 },
      });
    const found = await search({});
    expect(found.map((item) => item.promotionId)).toEqual([3, 1]);
    expect(logs.join('\n')).toMatch(
      /Awin sent 2 promotions on page 1 that this integration cannot read/,
    );
  });

  it('keeps the list in z.cache: the same search again makes no call, another filter does', async () => {
    nock(AWIN)
      .post(PATH, body(SEARCH_DEFAULTS, 1))
      .reply(200, { data: [promotion(1), voucher(2, 'SAVE')] });
    expect(await search({ query: 'save' })).toHaveLength(1);
    // No interceptor is left: a second request would fail the test.
    expect(await search({ query: 'offer', clickref: 'row-2' })).toHaveLength(2);
    nock(AWIN)
      .post(PATH, body({ type: 'voucher', status: 'active' }, 1))
      .reply(200, { data: [voucher(2, 'SAVE')] });
    expect(await search({ type: 'voucher' })).toHaveLength(1);
  });
});

describe('awin_promotion: ranking', () => {
  const list = [
    promotion(1, {
      title: 'Winter sale',
      description: 'Boots and coats 20% off',
      dateAdded: '2026-02-01T00:00:00Z',
    }),
    promotion(2, { title: 'Boots: 15% off', dateAdded: '2026-01-01T00:00:00Z' }),
    voucher(3, 'BOOTS', { title: 'Spring code', dateAdded: '2026-01-15T00:00:00Z' }),
    promotion(4, { title: 'Cheap boots for winter', dateAdded: '2026-02-10T00:00:00Z' }),
    promotion(5, { title: 'Hats', description: 'Warm hats', dateAdded: '2026-03-01T00:00:00Z' }),
  ];

  it('puts the exact voucher code first, then titles with the words, then descriptions; newest first within', async () => {
    nock(AWIN).post(PATH).reply(200, { data: list });
    const found = await search({ query: '  BOOTS ' });
    expect(found.map((item) => item.promotionId)).toEqual([3, 4, 2, 1]);
  });

  it('wants every word, and prefers the whole phrase in the title', async () => {
    nock(AWIN).post(PATH).reply(200, { data: list });
    const found = await search({ query: 'winter boots' });
    expect(found.map((item) => item.promotionId)).toEqual([4, 1]);
    const again = await search({ query: 'sale boots' });
    expect(again.map((item) => item.promotionId)).toEqual([1]);
  });

  it('without words returns every offer newest first, and [] when nothing matches', async () => {
    nock(AWIN).post(PATH).reply(200, { data: list });
    expect((await search({})).map((item) => item.promotionId)).toEqual([5, 4, 1, 3, 2]);
    expect(await search({ query: 'tents' })).toEqual([]);
  });
});

describe('awin_promotion: outputs', () => {
  it('flattens the voucher, says regions in words, and always gives a web tracking link', async () => {
    nock(AWIN)
      .post(PATH)
      .reply(200, {
        data: [
          voucher(1, ' CODE1 ', {
            regions: {
              all: false,
              list: [
                { name: 'United Kingdom', countryCode: 'gb' },
                { name: 'Ireland', countryCode: 'IE' },
              ],
            },
          }),
          promotion(2, { urlTracking: null, dateAdded: '2026-01-01T00:00:00Z' }),
          promotion(3, {
            urlTracking: '',
            url: null,
            startDate: 'soon',
            endDate: null,
            dateAdded: null,
          }),
        ],
      });
    const [first, second, third] = await search({ clickref: 'r 1' });
    expect(first).toMatchObject({
      voucherCode: 'CODE1',
      voucherExclusive: false,
      regions: 'GB, IE',
    });
    expect(second).toMatchObject({
      type: 'promotion',
      voucherCode: null,
      voucherExclusive: false,
      trackingUrl:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Foffer%2F2&clickref=r+1',
    });
    expect(third).toMatchObject({
      url: null,
      startDate: null,
      endDate: null,
      trackingUrl: 'https://www.awin1.com/awclick.php?mid=1001&id=100001&clickref=r+1',
    });
  });
});

describe('new_awin_promotion', () => {
  const yesterday = () => new Date(Date.now() - DAY).toISOString().slice(0, 10);
  const poll = (input: Record<string, unknown>, meta = {}) =>
    runAwin<AwinPromotionOutput[]>(App.triggers.new_awin_promotion, input, undefined, meta);

  it('asks for joined advertisers’ offers added or changed since yesterday, one page of 100, newest first', async () => {
    const scope = nock(AWIN)
      .post(PATH, body({ type: 'all', membership: 'joined', updatedSince: yesterday() }, 1, 100))
      .reply(200, {
        data: [
          promotion(10, { dateAdded: '2026-03-01T09:00:00+00:00' }),
          voucher(11, 'NEW', { dateAdded: '2026-03-01T12:00:00+02:00' }),
          promotion(12, { dateAdded: '2026-03-01T11:00:00+00:00' }),
        ],
        pagination: { page: 1, pageSize: 100, total: 3 },
      });
    const items = await poll({ clickref: 'slack' });
    expect(scope.isDone()).toBe(true);
    expect(items.map((item) => item.id)).toEqual(['12', '11', '10']);
    expect(items.every((item) => item.trackingUrl.endsWith('&clickref=slack'))).toBe(true);
  });

  it('sends advertisers, regions, exclusivity, type and membership as Awin names them', async () => {
    nock(AWIN)
      .post(PATH, {
        filters: {
          type: 'voucher',
          membership: 'all',
          advertiserIds: [1001, 1002],
          regionCodes: ['GB', 'DE'],
          exclusiveOnly: true,
          updatedSince: yesterday(),
        },
        pagination: { page: 1, pageSize: 100 },
      })
      .reply(200, { data: [], pagination: { page: 1, pageSize: 100, total: 0 } });
    const items = await poll({
      type: 'voucher',
      membership: 'all',
      advertiserIds: ['1001', '1002', '1001'],
      region_codes: 'gb, DE',
      exclusive_only: 'true',
    });
    expect(items).toEqual([]);
  });

  it('reads no more than a poll can return: one page of 100 when Awin has more', async () => {
    nock(AWIN)
      .post(PATH, body({ type: 'all', membership: 'joined', updatedSince: yesterday() }, 1, 100))
      .reply(200, { data: range(1, 100), pagination: { page: 1, pageSize: 100, total: 340 } });
    expect(await poll({})).toHaveLength(100);
  });

  it('reads the newest offers of any date when Zapier loads a sample', async () => {
    nock(AWIN)
      .post(PATH, body({ type: 'all', membership: 'joined' }, 1, 100))
      .reply(200, { data: [voucher(1, 'A')] });
    expect(await poll({}, { isLoadingSample: true })).toHaveLength(1);
  });

  it('refuses a region that is not a country code before any request', async () => {
    const error = describeError(await failure(poll({ region_codes: ['GB', 'United Kingdom'] })));
    expect(error.message).toBe(
      'Regions must be two-letter country codes such as GB or DE, but one was "United".',
    );
  });
});
