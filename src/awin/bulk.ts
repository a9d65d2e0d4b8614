import pLimit from 'p-limit';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import {
  checkItem,
  chunk,
  failed,
  succeeded,
  summarize,
  type BulkItemResult,
  type BulkSummary,
} from '../core/bulk';
import { NOT_PROCESSED_IN_TIME, runOf } from '../core/run';
import { userMessage } from '../core/errors';

import { parsePositiveInt, requireItems } from '../core/input';

import { AWIN_BATCH_SIZE, AWIN_MAX_LINKS_PER_RUN, AwinClient } from './client';

import { readAwinLinkRequest } from './fields';

import { type AwinBatchOutcome, type AwinLinkRequest } from './schemas';

export interface AwinBulkLink extends BulkItemResult {
  advertiserId: number | null;
  destinationUrl: string | null;
}

type Prepared = { index: number; request: AwinLinkRequest };

/** Generate-batch calls one run makes at a time (a run makes at most 10). */
const AWIN_PARALLEL_CALLS = 10;

/**
 * A whole generate-batch call that fails (a server error, an unreadable answer) fails only its own
 * items. An expired token or a rate limit stops the run, so Zapier can ask to reconnect or retry.
 */
async function chunkOutcomes(
  z: ZObject,
  count: number,
  call: () => Promise<AwinBatchOutcome[]>,
): Promise<AwinBatchOutcome[]> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof z.errors.ExpiredAuthError || error instanceof z.errors.ThrottledError)
      throw error;
    if (error instanceof z.errors.Error)
      return Array.from({ length: count }, () => ({ error: userMessage(error) }));
    throw error;
  }
}

/**
 * "Generate Awin Tracking Links in Bulk": every line item checked before any request, the valid
 * ones sent in generate-batch calls of at most AWIN_BATCH_SIZE, and one result per item, in input
 * order, each with its link or the reason it failed.
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
  const results: AwinBulkLink[] = items.map((item, position) => ({
    index: position + 1,
    advertiserId: parsePositiveInt(item.advertiserId) ?? null,
    destinationUrl:
      typeof item.destinationUrl === 'string' ? item.destinationUrl.trim() || null : null,
    ...failed('Not processed.'),
  }));

  const valid: Prepared[] = [];
  items.forEach((item, position) => {
    const checked = checkItem(z, () => readAwinLinkRequest(z, item, `Item ${position + 1}: `));
    if ('error' in checked) Object.assign(results[position], failed(checked.error));
    else valid.push({ index: position, request: checked.value });
  });

  if (valid.length > 0) {
    const { deadline } = runOf(z, bundle);
    const awin = new AwinClient(z, bundle);
    const parts = chunk(valid, AWIN_BATCH_SIZE);
    // Every call of the run is reserved before the first: all or nothing (see core/rateBudget).
    const lookups = awin.needsPublisherLookup(bundle.inputData.publisherId) ? 1 : 0;
    await awin.reserve(parts.length + lookups);
    const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
    // The batch calls go side by side: 1,000 links take about one upstream latency, not ten.
    const limit = pLimit(AWIN_PARALLEL_CALLS);
    await Promise.all(
      parts.map((part) =>
        limit(async () => {
          if (deadline.tooLateToStart()) {
            // Rows not reached in time say so; the step returns instead of being stopped by Zapier.
            for (const prepared of part) {
              Object.assign(results[prepared.index], failed(NOT_PROCESSED_IN_TIME));
            }
            return;
          }
          const outcomes = await chunkOutcomes(z, part.length, () =>
            awin.generateBatch(
              publisherId,
              part.map((prepared) => prepared.request),
            ),
          );
          part.forEach((prepared, i) => {
            const outcome = outcomes[i];
            Object.assign(
              results[prepared.index],
              outcome.url !== undefined ? succeeded(outcome.url) : failed(outcome.error),
            );
          });
        }),
      ),
    );
  }
  return summarize(results);
}
