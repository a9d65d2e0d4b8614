import pLimit from 'p-limit';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import {
  checkItem,
  failed,
  succeeded,
  summarize,
  type BulkItemResult,
  type BulkSummary,
} from '../core/bulk';
import { userMessage } from '../core/errors';
import { requireItems } from '../core/input';
import { systemClock, TokenBucket, type Clock } from '../core/rateLimit';
import { EverflowClient } from './client';
import { offerIdOf, readEverflowLinkRequest, type EverflowLinkRequest } from './fields';

import { everflowKeyType, type EverflowKeyType } from './keyType';

import { makeEverflowLink, PartnerBaseLinks } from './links';

export const EVERFLOW_MAX_LINKS_PER_RUN = 100;

/**
 * How fast one run may call Everflow: under the documented rate (network 30/s, partner 5/s, shared
 * by every key of the customer), with a small burst, and a few requests in flight at a time.
 */
export interface BulkPace {
  ratePerSecond: number;
  burst: number;
  concurrency: number;
}

export const EVERFLOW_BULK_PACE: Readonly<Record<EverflowKeyType, BulkPace>> = {
  network: { ratePerSecond: 25, burst: 5, concurrency: 8 },
  affiliate: { ratePerSecond: 4.5, burst: 5, concurrency: 3 },
};

/** No new request starts after this much of Zapier's 30 seconds; later items get an error. */
export const EVERFLOW_BULK_BUDGET_MS = 25_000;

export interface EverflowBulkLink extends BulkItemResult {
  network_offer_id: number | null;
}

type Prepared = { position: number; request: EverflowLinkRequest };

/** Checks every item before any request; bad items get their error, the rest are returned. */
function prepare(
  z: ZObject,
  items: Record<string, unknown>[],
  keyType: EverflowKeyType,
  results: EverflowBulkLink[],
): Prepared[] {
  const valid: Prepared[] = [];
  items.forEach((item, position) => {
    const where = `Item ${position + 1}: `;
    const checked = checkItem(z, () => readEverflowLinkRequest(z, item, keyType, where));
    if ('error' in checked) Object.assign(results[position], failed(checked.error));
    else valid.push({ position, request: checked.value });
  });
  return valid;
}

/**
 * The message for an item Everflow refused, or undefined when the error must stop the whole run:
 * an expired key (Zapier asks to reconnect), a 429 (Zapier retries later), or a bug.
 */
function itemError(z: ZObject, error: unknown): string | undefined {
  if (error instanceof z.errors.ExpiredAuthError || error instanceof z.errors.ThrottledError) {
    return undefined;
  }
  return error instanceof z.errors.Error ? userMessage(error) : undefined;
}

/** Tests pass their own clock and pace; Zap runs use the real clock and EVERFLOW_BULK_PACE. */
export interface BulkOptions {
  clock?: Clock;
  pace?: BulkPace;
}

export async function generateEverflowLinks(
  z: ZObject,
  bundle: Bundle,
  options: BulkOptions = {},
): Promise<BulkSummary<EverflowBulkLink>> {
  const items = requireItems(
    z,
    bundle.inputData.links,
    'Links',
    EVERFLOW_MAX_LINKS_PER_RUN,
    `Split the list into runs of up to ${EVERFLOW_MAX_LINKS_PER_RUN} (for example with Looping by Zapier).`,
  );
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + EVERFLOW_BULK_BUDGET_MS;
  const keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
  const results: EverflowBulkLink[] = items.map((item, position) => ({
    index: position + 1,
    network_offer_id: offerIdOf(item),
    ...failed('Not processed.'),
  }));
  const valid = prepare(z, items, keyType, results);
  if (valid.length === 0) return summarize(results);

  const pace = options.pace ?? EVERFLOW_BULK_PACE[keyType];
  const everflow = new EverflowClient(z, bundle, {
    gate: new TokenBucket(pace.ratePerSecond, pace.burst, clock),
    deadline,
    clock,
  });
  const partnerLinks = new PartnerBaseLinks(everflow);
  const limit = pLimit(pace.concurrency);
  await Promise.all(
    valid.map(({ position, request }) =>
      limit(async () => {
        try {
          const link = await makeEverflowLink(everflow, request, partnerLinks);
          Object.assign(results[position], succeeded(link.url));
        } catch (error) {
          const message = itemError(z, error);
          if (message === undefined) {
            limit.clearQueue(); // no new requests once the run is lost
            throw error;
          }
          Object.assign(results[position], failed(message));
        }
      }),
    ),
  );
  return summarize(results);
}
