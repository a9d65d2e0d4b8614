import { DEMO_AWIN_TOKEN_SINGLE } from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';

import { call } from './helpers';

interface Promotion {
  promotionId: number;
  type: string;
  advertiser: { id: number; name: string; joined: boolean };
  startDate: string;
  endDate: string | null;
  url: string;
  urlTracking: string;
  dateAdded: string;
  regions: { all: boolean; list?: { name: string; countryCode: string }[] };
  voucher?: { code: string; exclusive: boolean; attributable: boolean };
}

interface Page {
  data: Promotion[];
  pagination: { page: number; pageSize: number; total: number };
}

const P1 = '/awin/publisher/100001/promotions';
const DAY = 24 * 60 * 60 * 1000;

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ awinCallsPerMinute: 100_000 });
});
afterAll(() => sandbox.close());

const ask = (filters: Record<string, unknown>, pagination?: unknown, path = P1) =>
  call<Page>(sandbox, path, { body: { filters, ...(pagination ? { pagination } : {}) } });

const ids = (page: Page) => page.data.map((p) => p.promotionId);

describe('POST /publisher/{id}/promotions', () => {
  it('answers 10 a page by default, newest promotionId first, with the documented item shape', async () => {
    const res = await ask({});
    expect(res.status).toBe(200);
    expect(res.json.pagination).toEqual({ page: 1, pageSize: 10, total: 219 });
    expect(ids(res.json).slice(0, 4)).toEqual([5012, 5011, 5010, 5008]);
    const [boots] = res.json.data;
    expect(boots).toMatchObject({
      promotionId: 5012,
      type: 'voucher',
      advertiser: { id: 1001, name: 'Acme Shoes', joined: true },
      url: 'https://www.acmeshoes.example/boots',
      urlTracking:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fboots',
      regions: {
        all: false,
        list: [
          { name: 'United Kingdom', countryCode: 'GB' },
          { name: 'Ireland', countryCode: 'IE' },
        ],
      },
      voucher: { code: 'BOOTS15', exclusive: true, attributable: true },
    });
    expect(boots.startDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00$/);
    const promotion = res.json.data.find((p) => p.promotionId === 5010);
    expect(promotion).not.toHaveProperty('voucher');
    expect(promotion?.regions).toEqual({ all: true });
  });

  it('pages from 1 and caps a page at 100, saying so in pagination', async () => {
    const pages = await Promise.all([1, 2, 3].map((page) => ask({}, { page, pageSize: 200 })));
    expect(pages.map((p) => p.json.pagination)).toEqual([
      { page: 1, pageSize: 100, total: 219 },
      { page: 2, pageSize: 100, total: 219 },
      { page: 3, pageSize: 100, total: 219 },
    ]);
    expect(pages.map((p) => p.json.data.length)).toEqual([100, 100, 19]);
    const all = pages.flatMap((p) => ids(p.json));
    expect(new Set(all).size).toBe(219);
    for (const bad of [{ page: 0 }, { pageSize: -1 }, { page: 'one' }]) {
      expect((await ask({}, bad)).status).toBe(400);
    }
  });

  it('filters by status: active (default), expiring within 7 days, upcoming; ended ones never', async () => {
    const soon = await ask({ status: 'expiringSoon' });
    expect(ids(soon.json)).toEqual([5007, 5005]);
    const upcoming = await ask({ status: 'upcoming' });
    expect(ids(upcoming.json)).toEqual([5009]);
    const all = (await ask({}, { pageSize: 100, page: 1 })).json.data;
    expect(all.map((p) => p.promotionId)).not.toContain(5002);
    const now = Date.now();
    for (const p of all) {
      expect(Date.parse(p.startDate)).toBeLessThanOrEqual(now);
      if (p.endDate !== null) expect(Date.parse(p.endDate)).toBeGreaterThan(now);
    }
  });

  it('filters by type, membership, advertisers, regions and exclusivity', async () => {
    expect(ids((await ask({ type: 'voucher' })).json)).toEqual([
      5012, 5011, 5008, 5007, 5006, 5005, 5004,
    ]);
    // 1010 is not joined by 100001, 1011 is pending.
    expect(ids((await ask({ membership: 'notJoined' })).json)).toEqual([5011, 5006, 5003]);
    expect(ids((await ask({ membership: 'joined', type: 'voucher' })).json)).toEqual([
      5012, 5008, 5007, 5005, 5004,
    ]);
    expect(ids((await ask({ advertiserIds: [1001, 1002] })).json)).toEqual([5012, 5010, 5007]);
    expect(ids((await ask({ regionCodes: ['IE'] })).json)).toEqual([5012, 5010]);
    expect(ids((await ask({ exclusiveOnly: true })).json)).toEqual([5012]);
  });

  it('keeps offers added or changed since a day, and shows exclusive ones to their publisher only', async () => {
    const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
    expect(ids((await ask({ updatedSince: yesterday })).json)).toEqual([
      5012, 5011, 5010, 5008, 5007,
    ]);
    const other = await ask(
      { updatedSince: yesterday },
      undefined,
      '/awin/publisher/100002/promotions',
    );
    expect(ids(other.json)).toEqual([5011, 5010, 5008, 5007]);
    const solo = await call<Page>(sandbox, '/awin/publisher/100003/promotions', {
      body: { filters: { advertiserIds: [1005] } },
      token: DEMO_AWIN_TOKEN_SINGLE,
    });
    expect(solo.json.pagination.total).toBe(210);
  });

  it('refuses values Awin does not document, and publishers the token cannot reach', async () => {
    for (const filters of [
      { membership: 'notjoined' },
      { status: 'expired' },
      { type: 'coupon' },
      { regionCodes: ['gb'] },
      { advertiserIds: ['x'] },
      { updatedSince: '06/05/2022' },
      { exclusiveOnly: 'yes' },
      { colour: 'red' },
    ]) {
      const res = await ask(filters);
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'bad request' });
    }
    expect((await ask({}, undefined, '/awin/publisher/999/promotions')).status).toBe(403);
    // The plural path every other endpoint uses is not this one.
    expect((await call(sandbox, '/awin/publishers/100001/promotions', { body: {} })).status).toBe(
      404,
    );
  });
});

describe('programme details and link status for link health', () => {
  const details = (advertiserId: number, relationship?: string) =>
    call<{ programmeInfo: { currencyCode: string }; commissionRange: unknown[] }>(
      sandbox,
      `/awin/publishers/100001/programmedetails?advertiserId=${advertiserId}` +
        (relationship ? `&relationship=${relationship}` : ''),
    );

  it('gives commission ranges of both kinds: percentage and fixed amounts', async () => {
    expect((await details(1001)).json.commissionRange).toEqual([
      { min: 5, max: 8, type: 'percentage' },
      { min: 1.5, max: 18, type: 'amount' },
    ]);
    expect((await details(1002)).json.commissionRange).toEqual([
      { min: 6, max: 6, type: 'percentage' },
    ]);
    const wine = await details(1012, 'suspended');
    expect(wine.json.commissionRange).toEqual([{ min: 12, max: 12, type: 'amount' }]);
  });

  it('answers for the relationship asked (joined by default, any for whatever it is)', async () => {
    expect((await details(1012)).status).toBe(404);
    expect((await details(1012, 'any')).status).toBe(200);
    expect((await details(1011, 'pending')).status).toBe(200);
    expect((await details(1001, 'friends')).status).toBe(400);
  });

  it('has one joined programme with its links offline and one suspended', async () => {
    const joined = await call<{ id: number; linkStatus: string }[]>(
      sandbox,
      '/awin/publishers/100001/programmes?relationship=joined',
    );
    expect(joined.json.filter((p) => p.linkStatus !== 'Active')).toEqual([
      expect.objectContaining({ id: 1008, linkStatus: 'Offline' }),
    ]);
    const suspended = await call<{ id: number }[]>(
      sandbox,
      '/awin/publishers/100001/programmes?relationship=suspended',
    );
    expect(suspended.json.map((p) => p.id)).toEqual([1012]);
  });
});
