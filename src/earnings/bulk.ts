import { type Bundle, type ZObject } from 'zapier-platform-core';

import { failed, prepareRows, runBulk, succeeded, type BulkItemResult } from '../core/bulk';
import { requireItems } from '../core/input';
import { type NetworkId } from '../connection/registry';

import { MAX_EARNINGS_REFS, readDays, readEarningsNetwork, readRef } from './fields';
import { type EarningsBulk, type EarningsRow, type EarningsSummary } from './outputs';
import { type EarningsSource, planEarnings, readNetwork } from './read';
import { earningsOf, type NetworkRead } from './totals';

/**
 * "Get Earnings for Tracking References in Bulk": one row per input item, in order (core/bulk).
 * Every item is read before any call; then each network is one unit of the bulk runner (its
 * conversions read once for every reference, its clicks one report per 100 references), side by
 * side under the run's deadline; every row is matched locally. A network that failed or was not
 * read in time fails every row with its reason: a row never shows totals that leave it out.
 */

type Row = BulkItemResult & Partial<Omit<EarningsSummary, 'networks'>>;

/** A row's share of the summary: line items do not nest, so the per-network breakdown stays out. */
function rowOf({
  networks: _networks,
  ...summary
}: EarningsSummary): Omit<EarningsSummary, 'networks'> {
  return summary;
}

export async function bulkEarnings(z: ZObject, bundle: Bundle): Promise<EarningsBulk> {
  const items = requireItems(
    z,
    bundle.inputData.refs,
    'References',
    MAX_EARNINGS_REFS,
    `Split the list into runs of up to ${MAX_EARNINGS_REFS} (for example with Looping by Zapier).`,
  );
  const days = readDays(z, bundle.inputData.days);
  const network: NetworkId | undefined = readEarningsNetwork(z, bundle.inputData.network);
  const { rows, valid } = prepareRows<string, Row>(
    z,
    items,
    (item) => ({
      tracking_ref: typeof item.tracking_ref === 'string' ? item.tracking_ref.trim() : '',
    }),
    (item, where) => readRef(z, item.tracking_ref, where),
  );
  if (valid.length > 0) {
    const plan = await planEarnings(z, bundle, { network, days });
    const refs = valid.map((prepared) => prepared.request);
    const reads: NetworkRead[] = [];
    const failures: string[] = [];
    await runBulk<EarningsSource>(z, {
      units: plan.sources,
      concurrency: plan.sources.length,
      perform: async (source) => {
        reads.push(await readNetwork(z, bundle, plan, source, refs));
      },
      fail: (source, message) => failures.push(`${source.label}: ${message}`),
    });
    // Registry order, whatever order the networks answered in.
    const order = plan.sources.map((source) => source.network as string);
    reads.sort((a, b) => order.indexOf(a.network) - order.indexOf(b.network));
    for (const { row, request } of valid) {
      Object.assign(
        row,
        failures.length > 0
          ? failed(failures.join(' '))
          : { ...rowOf(earningsOf(request, days, reads)), ...succeeded('') },
      );
    }
  }
  const out: EarningsRow[] = rows.map(({ url: _url, ...row }) => row as EarningsRow);
  const ok = out.filter((row) => row.status === 'success').length;
  return { total: out.length, succeeded: ok, failed: out.length - ok, rows: out };
}
