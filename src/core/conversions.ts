import { type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';

import { type Conversion } from './network';
import { keepParsed } from './schemas';
import { plural } from './text';

/**
 * What every network's conversion report reader shares: amounts, references, and records kept one
 * by one (the ones that read, the others skipped and logged, never the whole answer).
 */

/** An amount as a number rounded to the cent's hundredth (no float dust from "0.1" + "0.2"). */
export function amountOf(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Every reference that holds a value, trimmed, by the network's own names. */
export function subIdsOf(
  entries: Record<string, string | null | undefined>,
): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(entries)) {
    const text = value?.trim();
    if (text) kept[name] = text;
  }
  return kept;
}

/**
 * The conversions of one answer: each record read with `schema` (which maps it, or fails for a
 * record without an id, a currency or a status this integration knows); the others are skipped and
 * the log says how many and why.
 */
export function keepConversions(
  z: ZObject,
  network: string,
  schema: zod.ZodType<Conversion>,
  records: readonly unknown[],
): Conversion[] {
  const { items, skipped } = keepParsed(schema, records);
  if (skipped.length > 0) {
    z.console.log(
      `${network} sent ${plural(skipped.length, 'conversion record')} this integration cannot read ` +
        `(no id, no currency, an unknown status or no date); skipped: ${skipped.slice(0, 5).join('; ')}.`,
    );
  }
  return items;
}
