import nock from 'nock';

import { type EarningsSummary } from '../../src/earnings/outputs';
import { AWIN, AWIN_TOKEN, awinAuth } from '../awin/helpers';
import { EVERFLOW, PARTNER_KEY, partnerAuth } from '../everflow/helpers';
import { impact, impactAuth, ROOT } from '../impact/helpers';
import { App, captureZapierLogs, run, setupNock } from '../support/app';

/**
 * Each network's conversion report reader, through the search: the request's shape (path, dates,
 * time zone, paging, credentials in headers only), statuses, amounts, times and references read
 * into conversions, and records that cannot be read skipped and logged.
 */
setupNock();
const logs = captureZapierLogs();
const search = App.searches.tracking_ref_earnings;
const DAY = 24 * 60 * 60 * 1000;
// One instant for the whole file: a fixture and its assertion made a second apart would disagree.
const NOW = Date.now();
const ago = (days: number) => new Date(NOW - days * DAY).toISOString();

async function find(
  input: Record<string, unknown>,
  auth: Record<string, string>,
): Promise<EarningsSummary> {
  const [item] = await run<EarningsSummary[]>(search, input, auth);
  return item;
}

describe('Awin transactions', () => {
  it('asks one ≤31-day window in UTC with the token in the header, and maps every status', async () => {
    let query: Record<string, string> = {};
    nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
      .get('/publishers/100001/transactions/')
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, [
        {
          id: 11,
          advertiserId: 1001,
          commissionStatus: 'approved',
          commissionAmount: { amount: 12.5, currency: 'GBP' },
          saleAmount: { amount: 125, currency: 'GBP' },
          clickRefs: { clickRef: ' row-7 ', clickRef3: 'mail' },
          transactionDate: ago(3).slice(0, 19),
          validationDate: ago(1).slice(0, 19),
        },
        {
          id: '12',
          commissionStatus: 'deleted',
          commissionAmount: { amount: '1.5', currency: 'gbp' },
          clickRefs: { clickRef: 'row-7' },
          transactionDate: ago(2).slice(0, 19),
        },
        {
          id: 13,
          commissionStatus: 'pending',
          commissionAmount: { amount: 3.1, currency: 'GBP' },
          clickRefs: null,
          transactionDate: ago(2).slice(0, 19),
        },
        // No currency, no id: skipped and logged.
        {
          id: 14,
          commissionStatus: 'pending',
          commissionAmount: { amount: 1 },
          transactionDate: ago(1),
        },
        { commissionStatus: 'pending', commissionAmount: { amount: 1, currency: 'GBP' } },
      ]);
    const item = await find({ tracking_ref: 'row-7', days: '30' }, awinAuth);
    expect(query).toEqual({
      startDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      endDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      timezone: 'UTC',
      dateType: 'transaction',
    });
    const span = Date.parse(`${query.endDate}Z`) - Date.parse(`${query.startDate}Z`);
    expect(span).toBeLessThanOrEqual(31 * DAY);
    expect(item).toMatchObject({
      conversions: 2,
      approved: 1,
      declined: 1,
      pending: 0,
      commission_approved: 12.5,
      commission_declined: 1.5,
      currency: 'GBP',
      sales: 125,
      commission_text: 'GBP 12.50 approved, 1.50 declined',
    });
    expect(item.first_conversion_at).toBe(`${ago(3).slice(0, 19)}.000Z`);
    expect(logs.join('\n')).toMatch(/Awin sent 2 conversion records this integration cannot read/);
    expect(logs.join('\n')).not.toContain(AWIN_TOKEN);
  });

  it('reads 90 days in three windows, every call reserved before the first', async () => {
    const windows: string[] = [];
    nock(AWIN)
      .get('/publishers/100001/transactions/')
      .query((q) => {
        windows.push(`${String(q.startDate)}/${String(q.endDate)}`);
        return true;
      })
      .times(3)
      .reply(200, []);
    const item = await find({ tracking_ref: 'row-7', days: '90' }, awinAuth);
    expect(item.conversions).toBe(0);
    expect(windows).toHaveLength(3);
  });
});

describe('Everflow partner conversions and clicks', () => {
  it('posts the report with paging in the query, reads both id and status names, and counts sub1 clicks', async () => {
    const bodies: unknown[] = [];
    const scope = nock(EVERFLOW, { reqheaders: { 'x-eflow-api-key': PARTNER_KEY } });
    scope
      .post('/v1/affiliates/reporting/conversions', (body) => {
        bodies.push(body);
        return true;
      })
      .query({ page: '1', page_size: '2000' })
      .reply(200, {
        conversions: [
          {
            conversion_id: 'abc1',
            status: 'approved',
            revenue: 25,
            sale_amount: 100,
            currency_id: 'USD',
            conversion_unix_timestamp: Math.floor(Date.now() / 1000) - 3600,
            sub1: 'deal-42',
            sub2: '',
            relationship: { offer: { network_offer_id: 1, name: 'Acme Shoes Summer Sale' } },
          },
          {
            network_conversion_id: 77,
            conversion_status: 'invalid',
            revenue: '8',
            currency_id: 'USD',
            conversion_unix_timestamp: Math.floor(Date.now() / 1000) - 7200,
            sub1: 'deal-42',
          },
          // An unknown status: skipped, never counted as approved.
          {
            conversion_id: 'abc3',
            status: 'on_hold',
            revenue: 5,
            currency_id: 'USD',
            conversion_unix_timestamp: 1,
            sub1: 'deal-42',
          },
        ],
        paging: { page: 1, page_size: 2000, total_count: 3 },
      });
    scope
      .post('/v1/affiliates/reporting/entity/table', (body) => {
        bodies.push(body);
        return true;
      })
      .reply(200, {
        table: [
          {
            columns: [{ column_type: 'sub1', id: 'deal-42', label: 'deal-42' }],
            reporting: { total_click: 57 },
          },
        ],
        incomplete_results: false,
      });
    const item = await find({ tracking_ref: 'deal-42' }, partnerAuth);
    expect(bodies[0]).toEqual({
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      timezone_id: 67,
      show_conversions: true,
      show_events: false,
      query: { filters: [] },
    });
    expect(bodies[1]).toMatchObject({
      timezone_id: 67,
      columns: [{ column: 'sub1' }],
      query: { filters: [{ resource_type: 'sub1', filter_id_value: 'deal-42' }] },
    });
    expect(item).toMatchObject({
      conversions: 2,
      approved: 1,
      declined: 1,
      commission_text: 'USD 25.00 approved, 8.00 declined',
      clicks: 57,
    });
  });

  it('leaves clicks empty, and says why, when the click report is incomplete', async () => {
    const scope = nock(EVERFLOW);
    scope
      .post('/v1/affiliates/reporting/conversions')
      .query(true)
      .reply(200, { conversions: [], paging: { total_count: 0 } });
    scope
      .post('/v1/affiliates/reporting/entity/table')
      .reply(200, { table: [], incomplete_results: true });
    const item = await find({ tracking_ref: 'deal-42' }, partnerAuth);
    expect(item.clicks).toBeNull();
    expect(logs.join('\n')).toMatch(/click report as incomplete .* Clicks is left empty/);
  });
});

describe('Impact actions', () => {
  it('asks one ≤45-day window by last update, reads text decimals, and counts REVERSED as declined', async () => {
    let query: Record<string, string> = {};
    impact()
      .get(`${ROOT}/Actions`)
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, {
        '@page': '1',
        '@numpages': '1',
        '@nextpageuri': '',
        Actions: [
          {
            Id: '1000.1.1',
            CampaignId: '10306',
            CampaignName: 'Trailhead Gear US',
            State: 'APPROVED',
            Payout: '5.00',
            Amount: '60.00',
            Currency: 'EUR',
            EventDate: '2026-01-02T10:00:00-07:00'.replace('2026-01-02', ago(5).slice(0, 10)),
            ClearedDate: '',
            LockingDate: ago(1),
            SubId1: 'row-7',
            SubId2: '',
            SharedId: 'crm-9',
          },
          {
            Id: '1000.1.2',
            State: 'REVERSED',
            Payout: '3.00',
            Amount: '',
            Currency: 'EUR',
            EventDate: ago(4),
            SubId1: 'row-7',
          },
          // An action made before the period (updated inside it) is left out.
          {
            Id: '1000.1.3',
            State: 'APPROVED',
            Payout: '9.00',
            Currency: 'EUR',
            EventDate: ago(60),
            SubId1: 'row-7',
          },
        ],
      });
    const item = await find({ tracking_ref: 'row-7' }, impactAuth);
    expect(query).toEqual({
      StartDate: expect.stringMatching(/Z$/),
      EndDate: expect.stringMatching(/Z$/),
      Page: '1',
      PageSize: '1000',
    });
    expect(Date.parse(query.EndDate) - Date.parse(query.StartDate)).toBeLessThanOrEqual(45 * DAY);
    expect(item).toMatchObject({
      conversions: 2,
      approved: 1,
      declined: 1,
      commission_approved: 5,
      commission_declined: 3,
      currency: 'EUR',
      sales: 60,
    });
  });
});
