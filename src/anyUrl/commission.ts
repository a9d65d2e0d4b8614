import { type Commission, type CommissionRange } from '../core/commission';

/**
 * `prefer: commission`: ranking matches by what they pay (core/commission's one model). Pure: no
 * request, no Zapier; property-tested.
 */

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
