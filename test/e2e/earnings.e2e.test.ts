import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../../sandbox/credentials';
import {
  type ConversionOutput,
  type EarningsBulk,
  type EarningsSummary,
} from '../../src/earnings/outputs';
import { App, describeError, failure, resetZapierCache, run } from '../support/app';
import { useSandbox } from '../support/sandbox';

/**
 * Earnings against the sandbox, through Zapier's runtime: the search, the bulk create and the
 * trigger read the sandbox's conversion reports (Awin transactions, Everflow partner conversions
 * and its sub1 click report, Impact actions) once per network and match the references locally.
 */
const sandbox = useSandbox();

/** Awin (default account 100001), Everflow with the partner key, Impact; Offerslook too. */
const auth = {
  ...DEMO_AUTH_DATA,
  everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
  everflow_api_type: 'affiliate',
  ...DEMO_IMPACT_AUTH_DATA,
};

const reportCalls = () =>
  sandbox
    .current()
    .calls.filter((call) => /transactions|reporting|Actions/.test(call.path))
    .map((call) => `${call.network} ${call.method} ${call.path.split('?')[0]}`);

beforeEach(() => {
  resetZapierCache();
  sandbox.current().resetCalls();
});

describe('Find Earnings for a Tracking Reference', () => {
  it('adds up a reference on two networks in two currencies: counts and words exact, numbers empty', async () => {
    const [item] = await run<EarningsSummary[]>(
      App.searches.tracking_ref_earnings,
      { tracking_ref: ' deal-42 ' },
      auth,
    );
    expect(item).toMatchObject({
      id: 'deal-42',
      tracking_ref: 'deal-42',
      days: 30,
      conversions: 4,
      approved: 1,
      pending: 2,
      declined: 1,
      commission_approved: null,
      commission_pending: null,
      commission_declined: null,
      currency: null,
      sales: null,
      commission_text: 'EUR 8.40 pending; USD 25.00 approved, 10.00 pending, 8.00 declined',
      clicks: 57,
    });
    expect(item.networks).toEqual([
      expect.objectContaining({ network: 'awin', conversions: 0, clicks: null }),
      expect.objectContaining({
        network: 'everflow',
        conversions: 3,
        commission_approved: 25,
        commission_pending: 10,
        currency: 'USD',
        clicks: 57,
      }),
      expect.objectContaining({ network: 'impact', conversions: 1, currency: 'EUR', clicks: null }),
    ]);
    expect(reportCalls().sort()).toEqual([
      'awin GET /publishers/100001/transactions/',
      'everflow POST /affiliates/reporting/conversions',
      'everflow POST /affiliates/reporting/entity/table',
      'impact GET /Mediapartners/IRdemo5aNdB0x1/Actions',
    ]);
  });

  it('gives numbers when one currency is involved, and reads every status', async () => {
    const [item] = await run<EarningsSummary[]>(
      App.searches.tracking_ref_earnings,
      { tracking_ref: 'row-7', network: 'awin' },
      auth,
    );
    expect(item).toMatchObject({
      conversions: 4,
      approved: 1,
      pending: 1,
      declined: 2,
      commission_approved: 12.5,
      commission_pending: 3.1,
      commission_declined: 4,
      currency: 'GBP',
      commission_text: 'GBP 12.50 approved, 3.10 pending, 4.00 declined',
      sales: 156,
      clicks: null,
    });
    expect(item.networks.map((part) => part.network)).toEqual(['awin']);
  });

  it('gives one item with zeros when nothing converted', async () => {
    const [item] = await run<EarningsSummary[]>(
      App.searches.tracking_ref_earnings,
      { tracking_ref: 'never-used', days: '7' },
      auth,
    );
    expect(item).toMatchObject({
      days: 7,
      conversions: 0,
      commission_approved: 0,
      commission_pending: 0,
      commission_declined: 0,
      currency: null,
      commission_text: 'No commission',
      sales: 0,
      clicks: 0,
      first_conversion_at: null,
    });
  });

  it('refuses an Everflow network key with words saying what to do, before any call', async () => {
    const error = await failure(
      run(
        App.searches.tracking_ref_earnings,
        { tracking_ref: 'x', network: 'everflow' },
        {
          ...DEMO_AUTH_DATA,
        },
      ),
    );
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        "Reading earnings needs a partner (affiliate) key, but this connection's Everflow Key " +
        'Type is Network. Choose another Network in this step, or use a connection with a partner ' +
        '(affiliate) key (Everflow Key Type: Partner / affiliate).',
    });
    expect(sandbox.current().calls).toEqual([]);
  });

  it('refuses Offerslook, saying why', async () => {
    const error = await failure(
      run(App.searches.tracking_ref_earnings, { tracking_ref: 'x', network: 'offerslook' }, auth),
    );
    expect(describeError(error).message).toMatch(
      /^Offerslook earnings cannot be read: Offerslook documents no conversion or report endpoint for affiliates/,
    );
  });
});

describe('Get Earnings for Tracking References in Bulk', () => {
  it('gives one row per reference in order, and a second run within 10 minutes makes no call', async () => {
    const refs = ['row-7', 'deal-42', '', 'never-used', 'row-3'].map((ref) => ({
      tracking_ref: ref,
    }));
    const first = await run<EarningsBulk>(App.creates.tracking_ref_earnings_batch, { refs }, auth);
    expect(first.total).toBe(5);
    expect(first.rows.map((row) => [row.index, row.tracking_ref, row.status])).toEqual([
      [1, 'row-7', 'success'],
      [2, 'deal-42', 'success'],
      [3, '', 'error'],
      [4, 'never-used', 'success'],
      [5, 'row-3', 'success'],
    ]);
    expect(first.rows[0].commission_text).toBe(
      'EUR 5.00 approved, 3.00 declined; GBP 12.50 approved, 3.10 pending, 4.00 declined',
    );
    expect(first.rows[4]).toMatchObject({ conversions: 2, declined: 1, clicks: 12 });
    expect(first.rows[2].error).toMatch(/^Item 3: Tracking Reference is empty/);
    expect(reportCalls()).toHaveLength(4);

    sandbox.current().resetCalls();
    const second = await run<EarningsBulk>(App.creates.tracking_ref_earnings_batch, { refs }, auth);
    expect(second.rows).toEqual(first.rows);
    expect(reportCalls()).toEqual([]);
  });
});

describe('New Conversion on Your Links', () => {
  it('fires validated once when a pending conversion becomes approved, and not again', async () => {
    const poll = () =>
      run<ConversionOutput[]>(
        App.triggers.new_conversion,
        { network: 'impact', event: 'validated', tracking_ref: 'deal-42' },
        auth,
      );
    const seen = new Set<string>();
    const fired = (items: ConversionOutput[]) => {
      const fresh = items.filter((item) => !seen.has(item.id));
      for (const item of fresh) seen.add(item.id);
      return fresh;
    };
    expect(fired(await poll())).toEqual([]);

    const approve = await fetch(
      `${sandbox.current().url}/admin/conversions/impact/1000.4636.158133`,
      { method: 'PUT', body: JSON.stringify({ status: 'approved' }) },
    );
    expect(approve.status).toBe(200);

    const second = fired(await poll());
    expect(second).toEqual([
      expect.objectContaining({
        id: 'impact:1000.4636.158133:approved',
        network: 'impact',
        status: 'approved',
        commission: 8.4,
        currency: 'EUR',
        tracking_ref: 'deal-42',
        sub_ids: 'SubId1: deal-42',
        advertiser_id: 10306,
      }),
    ]);
    expect(second[0].validated_at).not.toBeNull();
    expect(fired(await poll())).toEqual([]);
  });

  it('Awin validated: selects on validation dates, so a sale of 40 days ago validated this week fires', async () => {
    const items = await run<ConversionOutput[]>(
      App.triggers.new_conversion,
      { network: 'awin', event: 'validated' },
      auth,
    );
    const calls = sandbox
      .current()
      .calls.filter((call) => call.path.includes('/transactions/'))
      .map((call) => new URL(call.path, 'http://sandbox').searchParams.get('dateType'));
    expect(calls).toEqual(['validation']);
    const late = items.find((item) => item.conversion_id === '300000107');
    // Awin's transactions carry only the advertiser's id: the name comes from the joined programmes.
    expect(late).toMatchObject({
      id: 'awin:300000107:approved',
      tracking_ref: 'poster-2026',
      advertiser_id: 1001,
      advertiser_name: 'Acme Shoes',
    });
    const made = Date.parse(late?.converted_at ?? '');
    const validated = Date.parse(late?.validated_at ?? '');
    expect(Date.now() - made).toBeGreaterThan(35 * 86_400_000);
    expect(Date.now() - validated).toBeLessThan(30 * 86_400_000);
    // Pending ones are never "validated".
    expect(items.every((item) => item.status !== 'pending')).toBe(true);
  });

  it('fires new once per conversion, newest first', async () => {
    const items = await run<ConversionOutput[]>(
      App.triggers.new_conversion,
      { network: 'everflow' },
      auth,
    );
    expect(items.map((item) => item.id)).toEqual([
      'everflow:a1f3c2e4b5d6478899aabbccddeeff02',
      'everflow:a1f3c2e4b5d6478899aabbccddeeff03',
      'everflow:a1f3c2e4b5d6478899aabbccddeeff04',
      'everflow:a1f3c2e4b5d6478899aabbccddeeff01',
      'everflow:a1f3c2e4b5d6478899aabbccddeeff05',
    ]);
    expect(items[3].sub_ids).toBe('sub1: deal-42; sub3: newsletter');
  });
});
