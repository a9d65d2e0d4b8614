import { thousands } from '../core/text';
import { reasonOf, userMessage } from '../core/errors';
import { invalidInput, requireItems } from '../core/input';
import { MIN_REQUEST_MS } from '../core/deadline';
import { SharedPace } from '../core/sharedPace';
import { EVERFLOW_NAME } from './errors';
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
import { systemClock, type Clock } from '../core/rateLimit';
import { EverflowClient } from './client';
import { offerIdOf, readEverflowLinkRequest, type EverflowLinkRequest } from './fields';

import { everflowKeyType, type EverflowKeyType } from './keyType';

import { makeEverflowLink, PartnerBaseLinks } from './links';

/**
 * Most links one run makes, inside Zapier's 30 s at the documented rate: network links cost one
 * call each (500 at 25 a second is 20 s); partner links one call per distinct offer and offer URL.
 */
const EVERFLOW_MAX_LINKS_PER_RUN: Readonly<Record<EverflowKeyType, number>> = {
  network: 500,
  affiliate: 1000,
};
/** Distinct offer/URL pairs (one call each) in one partner run: 100 at 4.5 a second is 22 s. */
const EVERFLOW_MAX_PARTNER_PAIRS = 100;
/** Times one item is asked again after a 429, while the run has time. */
const THROTTLE_RETRIES = 2;

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
  // Shared by every run of the key (core/sharedPace): each run takes its share of the rate.
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
 * an expired key (Zapier asks to reconnect) or a bug. A 429 that outlasted the run's retries is
 * that item's error: the others keep their links.
 */
function itemError(z: ZObject, error: unknown): string | undefined {
  if (error instanceof z.errors.ExpiredAuthError) return undefined;
  if (reasonOf(error)?.kind === 'throttled') {
    return (
      'Everflow is limiting how many requests it takes (429) and this run had no time left to ask ' +
      'again. Run the step again for the rows marked like this.'
    );
  }
  return error instanceof z.errors.Error ? userMessage(error) : undefined;
}

/** Partner runs: one call per distinct offer, offer URL and link type; refused above the cap. */
function refuseTooManyPairs(z: ZObject, valid: Prepared[]): void {
  const pairs = new Set(
    valid.flatMap(({ request }) =>
      request.keyType === 'affiliate'
        ? [`${request.offerId}/${request.urlId}/${request.linkType}`]
        : [],
    ),
  );
  if (pairs.size > EVERFLOW_MAX_PARTNER_PAIRS) {
    throw invalidInput(
      z,
      `Links asks for ${pairs.size} different offers and offer URLs; one run takes at most ` +
        `${EVERFLOW_MAX_PARTNER_PAIRS} (each costs one Everflow call). Split the list into runs ` +
        `of up to ${EVERFLOW_MAX_PARTNER_PAIRS} different offers (for example with Looping by Zapier).`,
    );
  }
}

/** Makes one item's link, waiting out a 429 and asking again while the run has time. */
async function makeWithRetries(
  everflow: EverflowClient,
  request: EverflowLinkRequest,
  partnerLinks: PartnerBaseLinks,
  clock: Clock,
  deadline: number,
): Promise<string> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await makeEverflowLink(everflow, request, partnerLinks)).url;
    } catch (error) {
      const reason = reasonOf(error);
      const waitMs = (reason?.delaySeconds ?? 1) * 1000;
      const retry =
        reason?.kind === 'throttled' &&
        attempt < THROTTLE_RETRIES &&
        clock.now() + waitMs + MIN_REQUEST_MS < deadline;
      if (!retry) throw error;
      partnerLinks.forget(request);
      await clock.sleep(waitMs);
    }
  }
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
  const keyType = everflowKeyType(z, bundle.authData.everflow_api_type);
  const max = EVERFLOW_MAX_LINKS_PER_RUN[keyType];
  const items = requireItems(
    z,
    bundle.inputData.links,
    'Links',
    max,
    `Split the list into runs of up to ${thousands(max)} (for example with Looping by Zapier).`,
  );
  const clock = options.clock ?? systemClock;
  const deadline = clock.now() + EVERFLOW_BULK_BUDGET_MS;
  const results: EverflowBulkLink[] = items.map((item, position) => ({
    index: position + 1,
    network_offer_id: offerIdOf(item),
    ...failed('Not processed.'),
  }));
  const valid = prepare(z, items, keyType, results);
  if (valid.length === 0) return summarize(results);
  refuseTooManyPairs(z, valid);

  const pace = options.pace ?? EVERFLOW_BULK_PACE[keyType];
  const everflow = new EverflowClient(z, bundle, { deadline, clock });
  await withSharedPace(z, everflow, pace, clock, () =>
    makeAll(z, everflow, valid, results, pace, clock, deadline),
  );
  return summarize(results);
}

/**
 * Runs `work` with every request of `everflow` paced at this run's share of the key's rate, shared
 * with every other run of the key through z.cache (core/sharedPace).
 */
export async function withSharedPace<T>(
  z: ZObject,
  everflow: EverflowClient,
  pace: BulkPace,
  clock: Clock,
  work: () => Promise<T>,
): Promise<T> {
  const gate = new SharedPace(
    z,
    {
      network: EVERFLOW_NAME,
      credential: everflow.credentialId,
      ratePerSecond: pace.ratePerSecond,
      burst: pace.burst,
    },
    clock,
  );
  everflow.useGate(gate);
  await gate.join();
  try {
    return await work();
  } finally {
    await gate.leave();
  }
}

async function makeAll(
  z: ZObject,
  everflow: EverflowClient,
  valid: Prepared[],
  results: EverflowBulkLink[],
  pace: BulkPace,
  clock: Clock,
  deadline: number,
): Promise<void> {
  const partnerLinks = new PartnerBaseLinks(everflow);
  const limit = pLimit(pace.concurrency);
  await Promise.all(
    valid.map(({ position, request }) =>
      limit(async () => {
        try {
          const url = await makeWithRetries(everflow, request, partnerLinks, clock, deadline);
          Object.assign(results[position], succeeded(url));
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
}
