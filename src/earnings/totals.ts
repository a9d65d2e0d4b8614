import { amountOf } from '../core/conversions';
import { type Conversion, type ConversionStatus } from '../core/network';

import { type EarningsSummary, type NetworkEarnings } from './outputs';

/**
 * A reference's earnings from the conversions read: matching (the first reference, exactly),
 * totals per status, and the one formatter of commission in words. Pure: no request, no Zapier;
 * property-tested (test/earnings/totals.property.test.ts).
 */

/** What one network gave for a run: its conversions, and clicks per reference where it counts them. */
export interface NetworkRead {
  network: string;
  conversions: readonly Conversion[];
  /** undefined: the network counts no clicks per reference; null: its report was incomplete. */
  clicks: Readonly<Record<string, number>> | null | undefined;
}

const ORDER: readonly ConversionStatus[] = ['approved', 'pending', 'declined'];

/** True when `ref` (trimmed) equals the conversion's first reference exactly, case kept. */
function matches(conversion: Conversion, ref: string): boolean {
  const wanted = ref.trim();
  return wanted !== '' && conversion.tracking_ref === wanted;
}

type Sums = Record<ConversionStatus, number>;

const zero = (): Sums => ({ approved: 0, pending: 0, declined: 0 });

/** Commission per currency and status. */
function byCurrency(conversions: readonly Conversion[]): Map<string, Sums> {
  const sums = new Map<string, Sums>();
  for (const conversion of conversions) {
    const sum = sums.get(conversion.currency) ?? zero();
    sum[conversion.status] = amountOf(sum[conversion.status] + conversion.commission);
    sums.set(conversion.currency, sum);
  }
  return sums;
}

/**
 * Commission in words, per currency (alphabetical), each status whose amount is not zero:
 * `GBP 12.50 approved, 3.10 pending; USD 5.00 pending`; "No commission" when every amount is zero.
 */
export function commissionText(conversions: readonly Conversion[]): string {
  const parts = [...byCurrency(conversions)]
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([currency, sums]) => {
      const said = ORDER.filter((status) => sums[status] !== 0).map(
        (status) => `${sums[status].toFixed(2)} ${status}`,
      );
      return said.length === 0 ? [] : [`${currency} ${said.join(', ')}`];
    });
  return parts.length === 0 ? 'No commission' : parts.join('; ');
}

function count(conversions: readonly Conversion[], status: ConversionStatus): number {
  return conversions.filter((conversion) => conversion.status === status).length;
}

/** The one currency of the conversions; null when none or several. */
function oneCurrency(conversions: readonly Conversion[]): string | null | undefined {
  const currencies = new Set(conversions.map((conversion) => conversion.currency));
  if (currencies.size === 0) return undefined;
  return currencies.size === 1 ? [...currencies][0] : null;
}

function clicksOf(read: NetworkRead, ref: string): number | null {
  if (read.clicks === undefined || read.clicks === null) return null;
  return read.clicks[ref.trim()] ?? 0;
}

function networkPart(read: NetworkRead, ref: string): NetworkEarnings {
  const mine = read.conversions.filter((conversion) => matches(conversion, ref));
  const currency = oneCurrency(mine);
  const sums = byCurrency(mine).get(currency ?? '') ?? zero();
  const numbers = currency !== null;
  return {
    network: read.network,
    conversions: mine.length,
    approved: count(mine, 'approved'),
    pending: count(mine, 'pending'),
    declined: count(mine, 'declined'),
    commission_approved: numbers ? sums.approved : null,
    commission_pending: numbers ? sums.pending : null,
    currency: currency ?? null,
    clicks: clicksOf(read, ref),
  };
}

/** One reference's earnings over `days`, from every network read (zeros when nothing matched). */
export function earningsOf(
  ref: string,
  days: number,
  reads: readonly NetworkRead[],
): EarningsSummary {
  const trackingRef = ref.trim();
  const mine = reads.flatMap((read) => read.conversions.filter((c) => matches(c, trackingRef)));
  const currency = oneCurrency(mine);
  const numbers = currency !== null;
  const sums = byCurrency(mine).get(currency ?? '') ?? zero();
  const sold = mine
    .filter((conversion) => conversion.status !== 'declined')
    .reduce((sum, conversion) => amountOf(sum + (conversion.sale_amount ?? 0)), 0);
  const counted = reads.map((read) => clicksOf(read, trackingRef)).filter((n) => n !== null);
  const times = mine.map((conversion) => conversion.converted_at).sort();
  return {
    id: trackingRef,
    tracking_ref: trackingRef,
    days,
    conversions: mine.length,
    pending: count(mine, 'pending'),
    approved: count(mine, 'approved'),
    declined: count(mine, 'declined'),
    commission_pending: numbers ? sums.pending : null,
    commission_approved: numbers ? sums.approved : null,
    commission_declined: numbers ? sums.declined : null,
    currency: currency ?? null,
    commission_text: commissionText(mine),
    sales: numbers ? sold : null,
    clicks: counted.length === 0 ? null : counted.reduce((sum, n) => sum + n, 0),
    first_conversion_at: times[0] ?? null,
    last_conversion_at: times[times.length - 1] ?? null,
    networks: reads.map((read) => networkPart(read, trackingRef)),
  };
}
