import { type ZObject } from 'zapier-platform-core';

import { describeValue, invalidInput, parsePositiveInt } from '../core/input';

import { OFFERSLOOK_MAX_IDS_PER_RUN } from './client';

/**
 * The pieces of "Get Offerslook Tracking Links" that need no network: reading the offer ids a
 * user mapped, reading the impression pixel, and laying out the answer in input order.
 */

export const OFFER_IDS_LABEL = 'Offers';

export type ParsedOfferIds = { ok: true; ids: number[] } | { ok: false; bad: unknown };

/** Everything that separates ids in one spreadsheet cell: commas, semicolons, any white space. */
const SEPARATORS = /[\s,;]+/;

export function tokens(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(tokens);
  if (typeof value === 'string') return value.split(SEPARATORS).filter((token) => token !== '');
  if (value === undefined || value === null) return [];
  return [value];
}

/**
 * Reads a list of ids, one comma/semicolon/space-separated string, or a list of such strings into
 * distinct positive integers, first-seen order kept. The first value that is not an id is reported.
 */
export function parseOfferIds(value: unknown): ParsedOfferIds {
  const ids = new Set<number>();
  for (const token of tokens(value)) {
    const id = parsePositiveInt(token);
    if (id === undefined) return { ok: false, bad: token };
    ids.add(id);
  }
  return { ok: true, ids: [...ids] };
}

/** parseOfferIds, with the run's limits, as errors that name the field and the fix. */
export function readOfferIds(z: ZObject, value: unknown): number[] {
  const parsed = parseOfferIds(value);
  if (!parsed.ok) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} must be offer IDs (positive whole numbers such as 16), but ${describeValue(parsed.bad)} ` +
        'is not one. Choose offers from the list, or map numbers separated by commas.',
    );
  }
  if (parsed.ids.length === 0) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} is empty. Choose at least one offer, or map a field that holds offer IDs.`,
    );
  }
  if (parsed.ids.length > OFFERSLOOK_MAX_IDS_PER_RUN) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} holds ${parsed.ids.length} different offers; one run takes at most ` +
        `${OFFERSLOOK_MAX_IDS_PER_RUN}. Split the list into runs of up to ${OFFERSLOOK_MAX_IDS_PER_RUN} ` +
        '(for example with Looping by Zapier).',
    );
  }
  return parsed.ids;
}
