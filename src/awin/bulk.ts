import { type Bundle, type ZObject } from 'zapier-platform-core';
import {
  chunk,
  failed,
  prepareRows,
  runBulk,
  succeeded,
  summarize,
  type BulkItemResult,
  type BulkSummary,
} from '../core/bulk';

import { parsePositiveInt, requireItems } from '../core/input';

import { AWIN_BATCH_SIZE, AWIN_MAX_LINKS_PER_RUN, AwinClient } from './client';

import { readAwinLinkRequest } from './fields';

import { type AwinBatchOutcome, type AwinLinkRequest } from './schemas';

export interface AwinBulkLink extends BulkItemResult {
  advertiserId: number | null;
  destinationUrl: string | null;
}

/** Generate-batch calls one run makes at a time (a run makes at most 10). */
export const AWIN_PARALLEL_CALLS = 10;

/**
 * "Generate Awin Tracking Links in Bulk": the Publisher Account and every line item read and
 * checked before any request or reservation, the valid items sent in generate-batch calls of at
 * most AWIN_BATCH_SIZE side by side (core/bulk's runner), and one result per item, in input order,
 * each with its link or the reason it failed.
 */
export async function generateAwinLinks(
  z: ZObject,
  bundle: Bundle,
): Promise<BulkSummary<AwinBulkLink>> {
  const items = requireItems(
    z,
    bundle.inputData.links,
    'Links',
    AWIN_MAX_LINKS_PER_RUN,
    `Split the list into runs of up to ${AWIN_MAX_LINKS_PER_RUN} (for example with Looping by Zapier).`,
  );
  const awin = new AwinClient(z, bundle);
  // A Publisher Account that is not an account id stops the run here, before the rows and the budget.
  const chosen = awin.readPublisherChoice(bundle.inputData.publisherId);
  const { rows, valid } = prepareRows<AwinLinkRequest, AwinBulkLink>(
    z,
    items,
    (item) => ({
      advertiserId: parsePositiveInt(item.advertiserId) ?? null,
      destinationUrl:
        typeof item.destinationUrl === 'string' ? item.destinationUrl.trim() || null : null,
    }),
    (item, where) => readAwinLinkRequest(z, item, where),
  );
  if (valid.length === 0) return summarize(rows);

  // The account comes first (a lookup is one call of its own): a token with several accounts and
  // none chosen fails here, having spent that one call and reserved nothing more.
  const publisherId = chosen ?? (await awin.resolvePublisherId(undefined));
  const parts = chunk(valid, AWIN_BATCH_SIZE);
  // Every batch call of the run is reserved before the first: all or nothing (see core/rateBudget).
  await awin.reserve(parts.length);
  await runBulk(z, {
    units: parts,
    concurrency: AWIN_PARALLEL_CALLS,
    perform: async (part) => {
      const outcomes = await awin.generateBatch(
        publisherId,
        part.map((prepared) => prepared.request),
      );
      part.forEach((prepared, i) => {
        const outcome: AwinBatchOutcome = outcomes[i];
        Object.assign(
          prepared.row,
          outcome.url !== undefined ? succeeded(outcome.url) : failed(outcome.error),
        );
      });
    },
    fail: (part, message) =>
      part.forEach((prepared) => Object.assign(prepared.row, failed(message))),
  });
  return summarize(rows);
}
