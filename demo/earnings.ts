import App from '../index';
import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../sandbox/credentials';
import {
  type ConversionOutput,
  type EarningsBulk,
  type EarningsSummary,
} from '../src/earnings/outputs';
import { createDemoContext, type DemoContext } from './context';
import { listWithMore, plural, SHOWN } from './format';

/** The references the tour's links carry (Awin clickref, Everflow sub1, Impact subId1). */
const DEMO_REFS = ['row-7', 'deal-42', 'sheet-row-7', 'row-1', 'row-2', 'row-3', 'never-used'];

function earningsLine(
  item: Pick<EarningsSummary, 'tracking_ref' | 'conversions' | 'commission_text' | 'clicks'>,
): string {
  const clicks = item.clicks === null ? '' : `, ${plural(item.clicks, 'click')}`;
  return `${item.tracking_ref}: ${plural(item.conversions, 'conversion')}${clicks}; ${item.commission_text}`;
}

/** Approves a conversion in the sandbox, as an advertiser validating a sale would. */
async function approveInSandbox(network: string, id: string): Promise<void> {
  const origin = new URL(process.env.IMPACT_API_URL ?? '').origin;
  const answer = await fetch(`${origin}/admin/conversions/${network}/${id}`, {
    method: 'PUT',
    body: JSON.stringify({ status: 'approved' }),
  });
  if (!answer.ok) throw new Error(`the sandbox did not approve ${network} conversion ${id}`);
}

/**
 * Earnings: what a reference the tour's links carry earned on Awin, Everflow (partner key) and
 * Impact; a bulk run over the tour's references (each network read once); and the New Conversion
 * trigger firing when a pending conversion is approved between two polls.
 */
export async function demoEarnings(_others: DemoContext): Promise<void> {
  const demo = createDemoContext({
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
    ...DEMO_IMPACT_AUTH_DATA,
  });

  const [found] = await demo.run<EarningsSummary[]>(App.searches.tracking_ref_earnings, {
    tracking_ref: 'deal-42',
  });
  demo.done(
    `Found what deal-42 earned in the last ${found.days} days on Awin, Everflow and Impact: ` +
      `${plural(found.conversions, 'conversion')} in two currencies, so the totals are in words only:`,
    [
      earningsLine(found),
      ...found.networks.map(
        (part) =>
          `${part.network}: ${plural(part.conversions, 'conversion')} ` +
          `(${part.approved} approved, ${part.pending} pending, ${part.declined} declined)` +
          (part.clicks === null ? '' : `, ${plural(part.clicks, 'click')}`),
      ),
    ],
  );

  const bulk = await demo.run<EarningsBulk>(App.creates.tracking_ref_earnings_batch, {
    refs: DEMO_REFS.map((ref) => ({ tracking_ref: ref })),
  });
  demo.done(
    `Read the earnings of ${plural(bulk.total, 'reference')} in bulk, one row each, in order ` +
      '(each network read once for all of them, and kept 10 minutes):',
    listWithMore(bulk.rows, DEMO_REFS.length, (row) =>
      row.status === 'success' ? earningsLine(row) : `${row.tracking_ref}: ${row.error}`,
    ),
  );

  const input = { network: 'impact', event: 'validated', tracking_ref: 'deal-42' };
  const before = await demo.run<ConversionOutput[]>(App.triggers.new_conversion, input);
  await approveInSandbox('impact', '1000.4636.158133');
  const after = await demo.run<ConversionOutput[]>(App.triggers.new_conversion, input);
  const seen = new Set(before.map((item) => item.id));
  const fired = after.filter((item) => !seen.has(item.id));
  demo.done(
    `Polled "New Conversion on Your Links" (Impact, validated, deal-42) twice; the advertiser ` +
      `approved a pending sale in between, so the second poll fired ${plural(fired.length, 'time')}:`,
    listWithMore(
      fired,
      SHOWN,
      (item) =>
        `${item.id}: ${item.status}, ${item.currency} ${item.commission.toFixed(2)} ` +
        `(${item.advertiser_name ?? 'advertiser unnamed'}; ${item.sub_ids})`,
    ),
  );
}
