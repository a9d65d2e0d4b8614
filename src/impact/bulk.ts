import pLimit from 'p-limit';
import { type Bundle, type ZObject } from 'zapier-platform-core';

import { checkItem, failed, succeeded, summarize, type BulkSummary } from '../core/bulk';
import { reasonOf, userMessage } from '../core/errors';
import { parsePositiveInt, requireItems } from '../core/input';
import { NOT_PROCESSED_IN_TIME, runOf } from '../core/run';

import { campaignsForLinks, type Campaigns } from './campaigns';
import { IMPACT_MAX_LINKS_PER_RUN, ImpactClient } from './client';
import { IMPACT_NAME } from './errors';
import { readImpactLinkRequest, readMediaPropertyId } from './fields';
import { linkableCampaign } from './links';
import { type ImpactBulkLink } from './outputs';
import { type ImpactLinkRequest } from './schemas';

/** Link calls one run makes at a time: 100 links take about 20 upstream latencies. */
export const IMPACT_PARALLEL_CALLS = 5;

/** One link to make: its row (from 0) and its request. */
interface Unit {
  position: number;
  request: ImpactLinkRequest;
}

const THROTTLED_ROW =
  'Impact refused this link because your account used its requests for the hour (429). Run the ' +
  'step again later for the rows marked like this.';

/**
 * "Generate Impact Tracking Links in Bulk": every line item read and checked before any request
 * (a bad one becomes that row's error), the campaigns found and every deep link checked against
 * its campaign's domains, the run's calls reserved all at once in the account's hourly budget,
 * then one call per link, a few side by side under the run's deadline. One row per item, in order.
 */
export async function generateImpactLinks(
  z: ZObject,
  bundle: Bundle,
): Promise<BulkSummary<ImpactBulkLink>> {
  const input = bundle.inputData;
  const items = requireItems(
    z,
    input.links,
    'Links',
    IMPACT_MAX_LINKS_PER_RUN,
    `Split the list into runs of up to ${IMPACT_MAX_LINKS_PER_RUN} (for example with Looping by ` +
      'Zapier): Impact allows about 1,000 requests an hour per account.',
  );
  const mediaPropertyId = readMediaPropertyId(z, input.mediaPropertyId);
  const rows: ImpactBulkLink[] = items.map((item, position) => ({
    index: position + 1,
    campaignId: parsePositiveInt(item.campaignId) ?? null,
    destinationUrl: typeof item.deepLink === 'string' ? item.deepLink.trim() || null : null,
    ...failed('Not processed.'),
  }));
  const read: Unit[] = [];
  items.forEach((item, position) => {
    const where = `Item ${position + 1}: `;
    const checked = checkItem(z, () => readImpactLinkRequest(z, item, where, mediaPropertyId));
    if ('error' in checked) Object.assign(rows[position], failed(checked.error));
    else read.push({ position, request: checked.value });
  });
  if (read.length === 0) return summarize(rows);

  const impact = new ImpactClient(z, bundle);
  // Rows whose campaign refuses them (no active contract, a deep link outside its domains) get
  // their error here, before any link call; the others become the run's units.
  let units: Unit[] | undefined;
  const linkable = (campaigns: Campaigns): Unit[] =>
    (units ??= read.filter(({ position, request }) => {
      const where = `Item ${position + 1}: `;
      const checked = checkItem(z, () => linkableCampaign(z, campaigns, request, where));
      if ('error' in checked) Object.assign(rows[position], failed(checked.error));
      return !('error' in checked);
    }));
  const campaigns = await campaignsForLinks(
    z,
    bundle,
    impact,
    read.map(({ request }) => request.campaignId),
    (kept) => linkable(kept).length,
  );
  await runUnits(z, linkable(campaigns), {
    perform: async ({ position, request }) => {
      Object.assign(rows[position], succeeded(await impact.createTrackingLink(request)));
    },
    fail: ({ position }, message) => Object.assign(rows[position], failed(message)),
  });
  return summarize(rows);
}

/**
 * Runs the units side by side under the run's deadline, deciding from each error's reason alone:
 * an expired credential stops the run; a 429 fails its row, and is thrown when every unit got
 * one (so Zapier retries the step); out of time marks the row not processed; any other reason is
 * the row's error; an error without a reason is a bug and stops the run.
 */
async function runUnits(
  z: ZObject,
  units: Unit[],
  handlers: { perform: (unit: Unit) => Promise<void>; fail: (unit: Unit, message: string) => void },
): Promise<void> {
  const { deadline } = runOf(z);
  const limit = pLimit(IMPACT_PARALLEL_CALLS);
  let throttled: unknown;
  let throttledCount = 0;
  await Promise.all(
    units.map((unit) =>
      limit(async () => {
        if (deadline.tooLateToStart()) return handlers.fail(unit, NOT_PROCESSED_IN_TIME);
        try {
          await handlers.perform(unit);
        } catch (error) {
          const reason = reasonOf(error);
          if (reason === undefined || reason.kind === 'auth') {
            limit.clearQueue(); // no new requests once the run is lost
            throw error;
          }
          if (reason.kind === 'throttled') {
            throttled = error;
            throttledCount += 1;
            return handlers.fail(unit, THROTTLED_ROW);
          }
          if (reason.kind === 'out_of_time') return handlers.fail(unit, NOT_PROCESSED_IN_TIME);
          handlers.fail(unit, userMessage(error));
        }
      }),
    ),
  );
  if (units.length > 0 && throttledCount === units.length) {
    z.console.log(
      `${IMPACT_NAME} refused every link of this run with 429; Zapier retries it later.`,
    );
    throw throttled;
  }
}
