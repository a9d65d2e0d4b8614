import { type Bundle, type ZObject } from 'zapier-platform-core';

import {
  failed,
  prepareRows,
  runBulk,
  succeeded,
  summarize,
  type BulkItemResult,
  type BulkSummary,
  type PreparedRow,
} from '../core/bulk';
import { MIN_REQUEST_MS } from '../core/deadline';
import { reasonOf } from '../core/errors';
import { invalidInput, requireItems } from '../core/input';
import { runOf } from '../core/run';
import { SharedPace } from '../core/sharedPace';
import { thousands } from '../core/text';
import { EverflowClient } from './client';
import { EVERFLOW_NAME } from './errors';
import { offerIdOf, readEverflowLinkRequest, type EverflowLinkRequest } from './fields';
import { everflowKeyType, type EverflowKeyType } from './keyType';
import { makeEverflowLink, PartnerBaseLinks } from './links';

/**
 * Most links one run makes, inside Zapier's 30 s at the documented rate: network links cost one
 * call each (500 at 25 a second is 20 s); partner links one call per distinct offer and offer URL.
 */
export const EVERFLOW_MAX_LINKS_PER_RUN: Readonly<Record<EverflowKeyType, number>> = {
  network: 500,
  affiliate: 1000,
};
/** Distinct offer/URL pairs (one call each) in one partner run: 100 at 4.5 a second is 22 s. */
export const EVERFLOW_MAX_PARTNER_PAIRS = 100;
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

export interface EverflowBulkLink extends BulkItemResult {
  network_offer_id: number | null;
}

type Prepared = PreparedRow<EverflowLinkRequest, EverflowBulkLink>;

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
  z: ZObject,
  everflow: EverflowClient,
  request: EverflowLinkRequest,
  partnerLinks: PartnerBaseLinks,
): Promise<string> {
  const { deadline } = runOf(z);
  for (let attempt = 0; ; attempt += 1) {
    try {
      return (await makeEverflowLink(everflow, request, partnerLinks)).url;
    } catch (error) {
      const reason = reasonOf(error);
      const waitMs = (reason?.delaySeconds ?? 1) * 1000;
      const retry =
        reason?.kind === 'throttled' &&
        attempt < THROTTLE_RETRIES &&
        deadline.remainingMs() > waitMs + MIN_REQUEST_MS;
      if (!retry) throw error;
      partnerLinks.forget(request);
      await deadline.clock.sleep(waitMs);
    }
  }
}

/** Tests pass their own pace (and their own clock through the run); Zap runs use EVERFLOW_BULK_PACE. */
export interface BulkOptions {
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
  const { rows, valid } = prepareRows<EverflowLinkRequest, EverflowBulkLink>(
    z,
    items,
    (item) => ({ network_offer_id: offerIdOf(item) }),
    (item, where) => readEverflowLinkRequest(z, item, keyType, where),
  );
  if (valid.length === 0) return summarize(rows);
  refuseTooManyPairs(z, valid);

  const pace = options.pace ?? EVERFLOW_BULK_PACE[keyType];
  const everflow = new EverflowClient(z, bundle);
  const partnerLinks = new PartnerBaseLinks(everflow);
  await withSharedPace(z, everflow, pace, () =>
    runBulk(z, {
      units: valid,
      concurrency: pace.concurrency,
      perform: async ({ row, request }) => {
        Object.assign(row, succeeded(await makeWithRetries(z, everflow, request, partnerLinks)));
      },
      fail: ({ row }, message) => Object.assign(row, failed(message)),
    }),
  );
  return summarize(rows);
}

/**
 * Runs `work` with every request of `everflow` paced at this run's share of the key's rate, shared
 * with every other run of the key through z.cache (core/sharedPace).
 */
export async function withSharedPace<T>(
  z: ZObject,
  everflow: EverflowClient,
  pace: BulkPace,
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
    runOf(z).clock,
  );
  everflow.useGate(gate);
  await gate.join();
  try {
    return await work();
  } finally {
    await gate.leave();
  }
}
