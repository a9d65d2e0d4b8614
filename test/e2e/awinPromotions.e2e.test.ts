import { DEMO_AUTH_DATA } from '../../sandbox/credentials';
import type {
  AwinAdvertiserDetailsOutput,
  AwinProgrammeUnavailableOutput,
  AwinPromotionOutput,
} from '../../src/awin/outputs';
import { App, appTester, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

const sandbox = useSandbox({ awinCallsPerMinute: 1000 });
const auth = { ...DEMO_AUTH_DATA };

const promotionCalls = () =>
  sandbox.current().calls.filter((call) => call.path.startsWith('/publisher/100001/promotions'));

beforeEach(() => {
  sandbox.current().resetCalls();
  // Each test starts with an empty z.cache, so the calls it counts are its own.
  (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj = {};
});

describe('Awin promotions and vouchers against the sandbox', () => {
  it('finds a voucher by its words, with its code and a tracking link carrying the click reference', async () => {
    const found = await run<AwinPromotionOutput[]>(
      App.searches.awin_promotion,
      { query: 'boots', clickref: 'newsletter' },
      auth,
    );
    expect(found.map((item) => item.id)).toEqual(['5012']);
    expect(found[0]).toMatchObject({
      type: 'voucher',
      voucherCode: 'BOOTS15',
      voucherExclusive: true,
      advertiserName: 'Acme Shoes',
      regions: 'GB, IE',
      url: 'https://www.acmeshoes.example/boots',
      trackingUrl:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fboots&clickref=newsletter',
    });
    expect(found[0].endDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
  });

  it('reads every page of a long list once, then answers the next runs from the cache', async () => {
    const all = await run<AwinPromotionOutput[]>(App.searches.awin_promotion, {}, auth);
    expect(all).toHaveLength(219);
    expect(promotionCalls()).toHaveLength(3);
    const deals = await run<AwinPromotionOutput[]>(
      App.searches.awin_promotion,
      { query: 'plant of the day lavender', clickref: 'row-9' },
      auth,
    );
    expect(deals.length).toBeGreaterThan(10);
    expect(deals.every((deal) => deal.title?.includes('lavender'))).toBe(true);
    expect(deals.every((deal) => deal.trackingUrl.endsWith('&clickref=row-9'))).toBe(true);
    expect(promotionCalls()).toHaveLength(3);
  });

  it('finds vouchers expiring soon, and upcoming promotions', async () => {
    const soon = await run<AwinPromotionOutput[]>(
      App.searches.awin_promotion,
      { type: 'voucher', status: 'expiringSoon' },
      auth,
    );
    expect(soon.map((item) => item.voucherCode)).toEqual(['TENT200', 'BLOOM5']);
    const upcoming = await run<AwinPromotionOutput[]>(
      App.searches.awin_promotion,
      { status: 'upcoming' },
      auth,
    );
    expect(upcoming.map((item) => item.title)).toEqual(['Spring garden event']);
  });

  it('polls new vouchers of joined advertisers, newest first, in one call', async () => {
    const items = await run<AwinPromotionOutput[]>(
      App.triggers.new_awin_promotion,
      { type: 'voucher', clickref: 'slack' },
      auth,
    );
    expect(items.map((item) => item.voucherCode)).toEqual(['BOOTS15', 'CRATE20', 'TENT200']);
    expect(items[0].trackingUrl).toMatch(/&clickref=slack$/);
    expect(promotionCalls()).toHaveLength(1);
    const everyone = await run<AwinPromotionOutput[]>(
      App.triggers.new_awin_promotion,
      { membership: 'all', region_codes: ['BE', 'NL'] },
      auth,
    );
    // 1010 is not joined; an offer valid in every region is valid in Belgium too.
    expect(everyone.map((item) => item.id)).toEqual(['5011', '5010']);
    const exclusive = await run<AwinPromotionOutput[]>(
      App.triggers.new_awin_promotion,
      { exclusive_only: true, advertiserIds: ['1001'] },
      auth,
    );
    expect(exclusive.map((item) => item.id)).toEqual(['5012']);
  });

  it('fires for the suspended programme and the one with its links offline', async () => {
    const items = await run<AwinProgrammeUnavailableOutput[]>(
      App.triggers.awin_programme_unavailable,
      {},
      auth,
    );
    expect(items.map((item) => [item.id, item.name])).toEqual([
      ['1012-suspended', 'Harbor Wine Cellars'],
      ['1008-offline', 'Gourmet Crate'],
    ]);
    expect(items[1]).toMatchObject({ linkStatus: 'Offline', relationship: 'joined' });
    const other = await run(
      App.triggers.awin_programme_unavailable,
      { publisherId: '100002' },
      auth,
    );
    expect(other).toEqual([]);
  });

  it('finds an advertiser with its link status, deep links and commission in one extra call', async () => {
    const [acme] = await run<AwinAdvertiserDetailsOutput[]>(
      App.searches.awin_advertiser,
      { name: 'acme shoes' },
      auth,
    );
    expect(acme).toMatchObject({
      id: '1001',
      linkStatus: 'Active',
      deeplinkEnabled: true,
      commission: '5%–8% or GBP 1.50–18.00',
    });
    const [crate] = await run<AwinAdvertiserDetailsOutput[]>(
      App.searches.awin_advertiser,
      { name: 'gourmet' },
      auth,
    );
    expect(crate).toMatchObject({
      linkStatus: 'Offline',
      deeplinkEnabled: false,
      commission: '10%',
    });
    const [wine] = await run<AwinAdvertiserDetailsOutput[]>(
      App.searches.awin_advertiser,
      { name: 'harbor', relationship: 'suspended' },
      auth,
    );
    expect(wine).toMatchObject({ id: '1012', commission: 'USD 12.00' });
    const details = sandbox
      .current()
      .calls.filter((call) => call.path.includes('programmedetails'));
    expect(details.map((call) => call.path)).toEqual([
      '/publishers/100001/programmedetails?advertiserId=1001&relationship=joined',
      '/publishers/100001/programmedetails?advertiserId=1008&relationship=joined',
      '/publishers/100001/programmedetails?advertiserId=1012&relationship=suspended',
    ]);
  });
});
