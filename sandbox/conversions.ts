// The networks' conversion reports, imitated from one store (data/conversions.ts): Awin's
// transactions, Everflow's partner conversions and entity report, Impact's actions, each in the
// network's own shape; and an admin route (`PUT /admin/conversions/{network}/{id}` with
// `{"status": "approved"}`) that changes a conversion's status between two polls, as a network does
// when an advertiser validates a sale.
//
// Choices where the documentation is silent:
// - Awin: a window longer than 31 days, or without both dates, is a 400; times are given without an
//   offset, in UTC (the time zone the app asks for).
// - Everflow: `from`/`to` are days (UTC); records carry `conversion_id` and `status`; the entity
//   report answers one row per sub1 value asked for that has clicks.
// - Impact: `StartDate`/`EndDate` more than 45 days apart is a 400; every action's last update is
//   its validation, else its event.
import {
  EVERFLOW_CLICKS_BY_SUB1,
  SANDBOX_CONVERSIONS,
  type ConversionNetwork,
  type SandboxConversion,
} from './data/conversions';
import {
  isRecord,
  json,
  type NetworkModule,
  type NetworkSettings,
  parseJsonBody,
  type SandboxRequest,
} from './router';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each network's word for approved and declined (what the admin route sets). */
const NATIVE: Record<ConversionNetwork, Record<'approved' | 'declined' | 'pending', string>> = {
  awin: { approved: 'approved', declined: 'declined', pending: 'pending' },
  everflow: { approved: 'approved', declined: 'rejected', pending: 'pending' },
  impact: { approved: 'APPROVED', declined: 'REVERSED', pending: 'PENDING' },
};

export interface ConversionStore {
  /** When the sandbox started: the data's "days ago" count from here. */
  startedAt: number;
  list: SandboxConversion[];
  /** Unix ms of a conversion's event, click and validation. */
  times(conversion: SandboxConversion): { at: number; clickAt: number; validatedAt: number | null };
}

export function createConversionStore(startedAt = Date.now()): ConversionStore {
  return {
    startedAt,
    list: SANDBOX_CONVERSIONS.map((conversion) => ({ ...conversion, refs: [...conversion.refs] })),
    times(conversion) {
      const at = startedAt - conversion.daysAgo * DAY_MS;
      return {
        at,
        clickAt: at - 30 * 60 * 1000,
        validatedAt:
          conversion.validatedDaysAgo === undefined
            ? null
            : startedAt - conversion.validatedDaysAgo * DAY_MS,
      };
    },
  };
}

/** `2026-01-31T23:59:59`: a UTC time without offset, as Awin gives it for timezone=UTC. */
const awinTime = (ms: number) => new Date(ms).toISOString().slice(0, 19);

/** Awin's `yyyy-MM-ddThh:mm:ss` read as UTC; NaN when it is not one. */
const readAwinTime = (text: string | null) =>
  text !== null && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(text)
    ? Date.parse(`${text}Z`)
    : NaN;

/** `GET /publishers/{publisherId}/transactions/`: one window of at most 31 days, no paging. */
export function awinTransactions(store: ConversionStore, req: SandboxRequest) {
  const start = readAwinTime(req.query.get('startDate'));
  const end = readAwinTime(req.query.get('endDate'));
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    return json(400, {
      error: 'bad request',
      description: 'startDate and endDate are required, as yyyy-MM-ddThh:mm:ss',
    });
  }
  if (end - start > 31 * DAY_MS) {
    return json(400, {
      error: 'bad request',
      description: 'The date range between startDate and endDate must not exceed 31 days',
    });
  }
  const list = store.list
    .filter((c) => c.network === 'awin' && c.account === req.params.publisherId)
    .filter((c) => {
      // dateType=validation selects on the validation date (none until validated).
      const { at, validatedAt } = store.times(c);
      const date = req.query.get('dateType') === 'validation' ? validatedAt : at;
      return date !== null && date >= start && date <= end;
    })
    .map((c) => {
      const { at, clickAt, validatedAt } = store.times(c);
      const clickRefs = Object.fromEntries(
        c.refs.flatMap((ref, i) => (ref ? [[i === 0 ? 'clickRef' : `clickRef${i + 1}`, ref]] : [])),
      );
      return {
        id: Number(c.id),
        url: 'https://www.acmeshoes.example/checkout',
        advertiserId: c.advertiserId,
        publisherId: Number(c.account),
        commissionSharingPublisherId: null,
        siteName: 'Jane Doe Media',
        commissionStatus: c.status,
        commissionAmount: { amount: c.commission, currency: c.currency || null },
        saleAmount: { amount: c.sale, currency: c.currency || null },
        ipHash: null,
        customerCountry: 'GB',
        clickRefs: Object.keys(clickRefs).length === 0 ? null : clickRefs,
        clickDate: awinTime(clickAt),
        transactionDate: awinTime(at),
        validationDate: validatedAt === null ? null : awinTime(validatedAt),
        type: 'Commission group transaction',
        declineReason: c.status === 'declined' ? 'Order returned' : null,
        voucherCodeUsed: false,
        lapseTime: 1800,
        amended: false,
        oldSaleAmount: null,
        oldCommissionAmount: null,
        clickDevice: 'Desktop',
        transactionDevice: 'Desktop',
        publisherUrl: null,
        advertiserCountry: 'GB',
        orderRef: `ORD-${c.id}`,
        customParameters: [],
        transactionParts: [],
        paidToPublisher: c.status === 'approved',
        paymentId: 0,
        transactionQueryId: 0,
        originalSaleAmount: null,
      };
    });
  return json(200, list);
}

/** Everflow's `YYYY-MM-DD` (a whole UTC day) or `YYYY-MM-DD hh:mm:ss`. */
function everflowDay(value: unknown, endOfDay: boolean): number {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(value)) {
    return NaN;
  }
  const time = value.length === 10 ? (endOfDay ? 'T23:59:59.999Z' : 'T00:00:00Z') : 'Z';
  return Date.parse(`${value.replace(' ', 'T')}${value.length === 10 ? '' : ''}${time}`);
}

function everflowPeriod(body: unknown): { from: number; to: number } | string {
  if (!isRecord(body)) return 'a JSON body is required';
  const from = everflowDay(body.from, false);
  const to = everflowDay(body.to, true);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return 'from and to are required';
  if (to - from > 366 * DAY_MS) return 'The interval must not exceed one year';
  if (body.timezone_id === undefined) return 'timezone_id is required';
  return { from, to };
}

const EVERFLOW_MAX_PAGE_SIZE = 2000;

/** `POST /affiliates/reporting/conversions?page=&page_size=`: the partner's conversions. */
export function everflowConversions(
  store: ConversionStore,
  req: SandboxRequest,
  affiliateId: number,
) {
  const period = everflowPeriod(parseJsonBody(req.body)?.value);
  if (typeof period === 'string') return json(400, { error: period });
  const page = Number(req.query.get('page') ?? '1');
  const pageSize = Number(req.query.get('page_size') ?? '50');
  if (!(page >= 1) || !(pageSize >= 1 && pageSize <= EVERFLOW_MAX_PAGE_SIZE)) {
    return json(400, { error: `page from 1, page_size from 1 to ${EVERFLOW_MAX_PAGE_SIZE}` });
  }
  const all = store.list
    .filter((c) => c.network === 'everflow' && c.account === String(affiliateId))
    .filter((c) => {
      const { at } = store.times(c);
      return at >= period.from && at <= period.to;
    })
    .sort((a, b) => store.times(b).at - store.times(a).at);
  const conversions = all.slice((page - 1) * pageSize, page * pageSize).map((c) => {
    const { at, clickAt } = store.times(c);
    const sub = (i: number) => c.refs[i] ?? '';
    return {
      ...(c.id ? { conversion_id: c.id } : {}),
      conversion_unix_timestamp: Math.floor(at / 1000),
      click_unix_timestamp: Math.floor(clickAt / 1000),
      transaction_id: `tx${c.id.slice(0, 8)}`,
      status: c.status,
      sub1: sub(0),
      sub2: sub(1),
      sub3: sub(2),
      sub4: sub(3),
      sub5: sub(4),
      source_id: '',
      revenue_type: 'CPA',
      revenue: c.commission,
      sale_amount: c.sale,
      currency_id: c.currency,
      is_event: false,
      event: '',
      order_id: `ORD-${c.id.slice(0, 6)}`,
      coupon_code: '',
      is_view_through: false,
      relationship: { offer: { network_offer_id: c.advertiserId, name: c.advertiserName } },
    };
  });
  return json(200, {
    conversions,
    paging: { page, page_size: pageSize, total_count: all.length },
  });
}

/** `POST /affiliates/reporting/entity/table` grouped by sub1 and filtered to sub1 values. */
export function everflowEntityTable(req: SandboxRequest) {
  const body = parseJsonBody(req.body)?.value;
  const period = everflowPeriod(body);
  if (typeof period === 'string') return json(400, { error: period });
  const record = body as Record<string, unknown>;
  const columns = Array.isArray(record.columns) ? record.columns : [];
  if (columns.length === 0 || record.currency_id === undefined) {
    return json(400, { error: 'columns and currency_id are required' });
  }
  const query = isRecord(record.query) ? record.query : {};
  const filters = Array.isArray(query.filters) ? query.filters : [];
  const wanted = filters.flatMap((filter) =>
    isRecord(filter) &&
    filter.resource_type === 'sub1' &&
    typeof filter.filter_id_value === 'string'
      ? [filter.filter_id_value]
      : [],
  );
  const table = wanted
    .filter((sub1) => (EVERFLOW_CLICKS_BY_SUB1[sub1] ?? 0) > 0)
    .map((sub1) => ({
      columns: [{ column_type: 'sub1', id: sub1, label: sub1 }],
      reporting: {
        imp: 0,
        total_click: EVERFLOW_CLICKS_BY_SUB1[sub1],
        unique_click: Math.ceil(EVERFLOW_CLICKS_BY_SUB1[sub1] * 0.8),
        cv: 0,
        revenue: 0,
      },
    }));
  return json(200, { table, incomplete_results: false });
}

/** Impact's ISO 8601 filter dates. */
const impactDate = (value: string | null) => (value === null ? NaN : Date.parse(value));

/** `GET /Mediapartners/{sid}/Actions`: actions last updated in ≤45 days, one page. */
export function impactActions(store: ConversionStore, req: SandboxRequest) {
  const start = impactDate(req.query.get('StartDate'));
  const end = impactDate(req.query.get('EndDate'));
  const problem = (message: string) =>
    json(400, {
      Status: 'ERROR',
      Message: 'Validation Failed',
      Errors: [{ Field: 'StartDate', Message: message }],
    });
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) {
    return problem('StartDate and EndDate are required together');
  }
  if (end - start > 45 * DAY_MS) return problem('At most 45 days between StartDate and EndDate');
  const pageSize = Number(req.query.get('PageSize') ?? '100');
  const page = Number(req.query.get('Page') ?? '1');
  const all = store.list
    .filter((c) => c.network === 'impact' && c.account === req.params.sid)
    .filter((c) => {
      const { at, validatedAt } = store.times(c);
      const updated = validatedAt ?? at;
      return updated >= start && updated <= end;
    })
    .sort((a, b) => store.times(b).at - store.times(a).at);
  const numPages = Math.max(1, Math.ceil(all.length / pageSize));
  const iso = (ms: number | null) =>
    ms === null ? '' : new Date(ms).toISOString().replace('.000Z', '+00:00');
  const actions = all.slice((page - 1) * pageSize, page * pageSize).map((c) => {
    const { at, clickAt, validatedAt } = store.times(c);
    return {
      Id: c.id,
      CampaignId: String(c.advertiserId),
      CampaignName: c.advertiserName,
      ActionTrackerId: '12345',
      ActionTrackerName: 'Sale',
      State: c.status,
      Payout: c.commission.toFixed(2),
      Amount: c.sale.toFixed(2),
      Currency: c.currency,
      EventDate: iso(at),
      CreationDate: iso(at),
      ReferringDate: iso(clickAt),
      LockingDate: iso(validatedAt),
      ClearedDate: c.status === 'APPROVED' ? iso(validatedAt) : '',
      SubId1: c.refs[0] ?? '',
      SubId2: c.refs[1] ?? '',
      SubId3: c.refs[2] ?? '',
      SharedId: '',
      Oid: `ORD-${c.id}`,
      ReferringType: 'CLICK_COOKIE',
    };
  });
  return json(200, {
    '@page': String(page),
    '@numpages': String(numPages),
    '@pagesize': String(pageSize),
    '@total': String(all.length),
    '@nextpageuri':
      page < numPages ? `/Mediapartners/${req.params.sid}/Actions?Page=${page + 1}` : '',
    Actions: actions,
  });
}

/** The admin module: `PUT /admin/conversions/{network}/{id}` with `{"status": …}`. */
export function createConversionAdmin(settings: NetworkSettings): NetworkModule {
  const store = () => settings.conversions;
  return {
    name: 'admin',
    prefix: '/admin',
    env: () => ({}),
    routes: [
      {
        method: 'PUT',
        pattern: '/conversions/:network/:id',
        handler: (req) => {
          const body = parseJsonBody(req.body)?.value;
          const status = isRecord(body) ? body.status : undefined;
          const network = req.params.network as ConversionNetwork;
          if (!Object.hasOwn(NATIVE, network)) return json(404, { error: 'no such network' });
          if (status !== 'approved' && status !== 'declined' && status !== 'pending') {
            return json(400, { error: 'status must be approved, declined or pending' });
          }
          const found = store().list.find((c) => c.network === network && c.id === req.params.id);
          if (!found) return json(404, { error: 'no such conversion' });
          found.status = NATIVE[network][status];
          // Validated now: its validation time is the moment of the change.
          found.validatedDaysAgo =
            status === 'pending' ? undefined : (store().startedAt - Date.now()) / DAY_MS;
          return json(200, { network, id: found.id, status: found.status });
        },
      },
    ],
    notFound: (req) => json(404, { error: `No admin route at ${req.method} ${req.fullPath}` }),
  };
}
