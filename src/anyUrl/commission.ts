import { z as zod } from 'zod';

/**
 * What a match pays, read from each network's own words and ranked for `prefer: commission`. Pure:
 * no request, no Zapier; property-tested.
 */

const rangeSchema = () => zod.object({ min: zod.number(), max: zod.number() });

export const commissionSchema = zod.lazy(() =>
  zod.object({
    /** The commission in words, e.g. "2%–11% or GBP 1.50–18.00"; empty when the network does not say. */
    text: zod.string(),
    /** Percentages of the sale, when known. */
    percent: rangeSchema().nullable(),
    /** Fixed amounts in `currency` (upper-case, may be empty when the network does not name it). */
    amount: rangeSchema().extend({ currency: zod.string() }).nullable(),
  }),
);

export type Commission = zod.infer<typeof commissionSchema>;

type CommissionRange = zod.infer<ReturnType<typeof rangeSchema>>;

export const UNKNOWN_COMMISSION: Commission = { text: '', percent: null, amount: null };

/** A value that says what a match pays: a finite number above zero (zero or missing is unknown). */
function paid(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/** The lowest and highest of the values that are known; null when none is. */
function spanOf(values: readonly (number | null | undefined)[]): CommissionRange | null {
  const known = values.filter(paid);
  return known.length === 0 ? null : { min: Math.min(...known), max: Math.max(...known) };
}

function rangeText(range: CommissionRange, format: (value: number) => string): string {
  return range.min === range.max ? format(range.max) : `${format(range.min)}–${format(range.max)}`;
}

/** Percentages first, then fixed amounts: "5%–8% or USD 10.00", "USD 4.50"; empty when unknown. */
function commissionText(
  percent: CommissionRange | null,
  amount: (CommissionRange & { currency: string }) | null,
): string {
  const parts: string[] = [];
  if (percent) parts.push(rangeText(percent, (value) => `${Number(value.toFixed(2))}%`));
  if (amount) {
    const text = rangeText(amount, (value) => value.toFixed(2));
    parts.push(amount.currency ? `${amount.currency} ${text}` : text);
  }
  return parts.join(' or ');
}

/** A commission from percentage values and fixed amounts in one currency. */
export function commissionOf(
  percents: readonly (number | null | undefined)[],
  amounts: readonly (number | null | undefined)[],
  currency: string | null | undefined,
  text?: string | null,
): Commission {
  const percent = spanOf(percents);
  const span = spanOf(amounts);
  const amount =
    span === null ? null : { ...span, currency: (currency ?? '').trim().toUpperCase() };
  const words =
    percent === null && amount === null ? '' : (text ?? commissionText(percent, amount));
  return { text: words, percent, amount };
}

// --- Everflow payouts -----------------------------------------------------------------------------

/** Everflow payout types that pay a share of the sale (a percentage); the others pay fixed amounts. */
const REVENUE_SHARE_TYPES = new Set(['cps', 'prv', 'revshare', 'rev_share', 'revenue_share']);

/** `cpa_cps` pays both: a fixed amount and a share of the sale. */
const BOTH_TYPES = new Set(['cpa_cps']);

export interface PayoutEntry {
  payout_type: string | null;
  payout_amount: number | null;
  payout_percentage: number | null;
}

/** An Everflow offer's payouts: revenue-share types as percentages, others in the offer's currency. */
export function everflowCommission(
  payouts: readonly PayoutEntry[],
  currency: string | null,
): Commission {
  const percents: (number | null)[] = [];
  const amounts: (number | null)[] = [];
  for (const payout of payouts) {
    const type = (payout.payout_type ?? '')
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (REVENUE_SHARE_TYPES.has(type)) {
      percents.push(payout.payout_percentage ?? payout.payout_amount);
    } else if (BOTH_TYPES.has(type)) {
      percents.push(payout.payout_percentage);
      amounts.push(payout.payout_amount);
    } else {
      amounts.push(payout.payout_amount);
    }
  }
  return commissionOf(percents, amounts, currency);
}

// --- Offerslook payout ----------------------------------------------------------------------------

/** A decimal written as text ("12.00", "8%", "1,5"); undefined when it is not one. */
function decimal(value: string): number | undefined {
  const text = value.trim().replace(/%$/, '').trim().replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}

/**
 * An Offerslook offer's payout: `payout` is a flat amount in the offer's currency (written "8%" on
 * some offers, then a percentage), `percent_payout` a percentage of the sale.
 */
export function offerslookCommission(
  payout: string | null,
  percentPayout: string | null,
  currency: string | null,
): Commission {
  const percents: (number | undefined)[] = [];
  const amounts: (number | undefined)[] = [];
  if (payout !== null) {
    (payout.trim().endsWith('%') ? percents : amounts).push(decimal(payout));
  }
  if (percentPayout !== null) percents.push(decimal(percentPayout));
  return commissionOf(percents, amounts, currency);
}

// --- ranking --------------------------------------------------------------------------------------

export type Prefer = 'domain' | 'commission';

export const PREFER_VALUES: readonly Prefer[] = ['domain', 'commission'];

/** What two commissions are compared on: one kind (and currency) only. */
function rankingRange(commission: Commission): { kind: string; range: CommissionRange } | null {
  const { percent, amount } = commission;
  if (percent !== null && amount === null) return { kind: '%', range: percent };
  if (amount !== null && percent === null && amount.currency !== '') {
    return { kind: amount.currency, range: amount };
  }
  return null; // unknown, both kinds, or an amount without currency: not comparable
}

/**
 * The items in the order that decides: with `commission`, when every item's commission is known
 * and of one kind (all percentages, or all fixed amounts in one currency), the higher upper end
 * wins, then the higher lower end, then the given (domain) order; otherwise the given order.
 */
export function rankByCommission<T>(
  items: readonly T[],
  commissionOf: (item: T) => Commission,
  prefer: Prefer,
): { ranked: T[]; chosenBy: Prefer } {
  if (prefer !== 'commission' || items.length === 0) {
    return { ranked: [...items], chosenBy: 'domain' };
  }
  const ranges = items.map((item) => rankingRange(commissionOf(item)));
  const kinds = new Set(ranges.map((range) => range?.kind));
  if (ranges.some((range) => range === null) || kinds.size !== 1) {
    return { ranked: [...items], chosenBy: 'domain' };
  }
  const order = items.map((item, index) => ({ item, index, range: ranges[index]!.range }));
  order.sort((a, b) => b.range.max - a.range.max || b.range.min - a.range.min || a.index - b.index);
  return { ranked: order.map((entry) => entry.item), chosenBy: 'commission' };
}
