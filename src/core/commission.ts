import { z as zod } from 'zod';

/**
 * What an advertiser or offer pays, as one value every network is read into: percentages of the
 * sale and fixed amounts in one currency, each a range, and the same thing in words. One model and
 * one formatter, so the words and the numbers never disagree (Find Awin Advertiser, any-URL).
 * Pure: no request, no Zapier; property-tested.
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

export type CommissionRange = zod.infer<ReturnType<typeof rangeSchema>>;

export const UNKNOWN_COMMISSION: Commission = { text: '', percent: null, amount: null };

/**
 * One figure a network gives: a single value (an Everflow payout) or a range (an Awin commission
 * group, whose ends may be missing); null or undefined when it gives none.
 */
export type Figure =
  number | null | undefined | { min?: number | null | undefined; max?: number | null | undefined };

function finite(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/**
 * The lowest and highest of what the figures pay; null when none says. A figure whose top is zero
 * or missing says nothing (a zero payout means the network does not know, not that it pays
 * nothing); the bottom of a range that does pay may be zero ("0%–5%": some sales earn nothing).
 */
export function spanOf(figures: readonly Figure[]): CommissionRange | null {
  let min = Infinity;
  let max = -Infinity;
  for (const figure of figures) {
    const [low, high] =
      typeof figure === 'object' && figure !== null
        ? [figure.min ?? figure.max, figure.max ?? figure.min]
        : [figure, figure];
    if (!finite(high) || high <= 0) continue;
    const bottom = finite(low) && low >= 0 ? Math.min(low, high) : high;
    min = Math.min(min, bottom);
    max = Math.max(max, high);
  }
  return max === -Infinity ? null : { min, max };
}

function rangeText(range: CommissionRange, format: (value: number) => string): string {
  return range.min === range.max ? format(range.max) : `${format(range.min)}–${format(range.max)}`;
}

/** Percentages first, then fixed amounts: "5%–8% or USD 10.00", "USD 4.50"; empty when unknown. */
export function commissionText(
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

/** A commission from percentage figures and fixed-amount figures in one currency. */
export function commissionOf(
  percents: readonly Figure[],
  amounts: readonly Figure[],
  currency: string | null | undefined,
): Commission {
  const percent = spanOf(percents);
  const span = spanOf(amounts);
  const amount =
    span === null ? null : { ...span, currency: (currency ?? '').trim().toUpperCase() };
  return { text: commissionText(percent, amount), percent, amount };
}
