import { type Bundle, type ZObject } from 'zapier-platform-core';

import {
  checkItem,
  failed,
  prepareRows,
  runBulk,
  succeeded,
  summarize,
  type BulkSummary,
  type PreparedRow,
} from '../core/bulk';
import { parsePositiveInt, requireItems } from '../core/input';

import { campaignsForLinks, type Campaigns } from './campaigns';
import { IMPACT_MAX_LINKS_PER_RUN, ImpactClient } from './client';
import { readImpactLinkRequest, readMediaPropertyId } from './fields';
import { linkableCampaign } from './links';
import { type ImpactBulkLink } from './outputs';
import { type ImpactLinkRequest } from './schemas';

/** Link calls one run makes at a time: 100 links take about 20 upstream latencies. */
const IMPACT_PARALLEL_CALLS = 5;

type Unit = PreparedRow<ImpactLinkRequest, ImpactBulkLink>;

/**
 * "Generate Impact Tracking Links in Bulk": every line item read and checked before any request
 * (a bad one becomes that row's error), the campaigns found and every deep link checked against
 * its campaign's domains, the run's calls reserved all at once in the account's hourly budget,
 * then one call per link, a few side by side under the run's deadline (core/bulk's runner). One
 * row per item, in input order.
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
  const { rows, valid } = prepareRows<ImpactLinkRequest, ImpactBulkLink>(
    z,
    items,
    (item) => ({
      campaignId: parsePositiveInt(item.campaignId) ?? null,
      destinationUrl: typeof item.deepLink === 'string' ? item.deepLink.trim() || null : null,
    }),
    (item, where) => readImpactLinkRequest(z, item, where, mediaPropertyId),
  );
  if (valid.length === 0) return summarize(rows);

  const impact = new ImpactClient(z, bundle);
  // Rows whose campaign refuses them (no active contract, a deep link outside its domains) get
  // their error here, before any link call; the others become the run's units.
  let units: Unit[] | undefined;
  const linkable = (campaigns: Campaigns): Unit[] =>
    (units ??= valid.filter(({ row, request, position }) => {
      const where = `Item ${position + 1}: `;
      const checked = checkItem(z, () => linkableCampaign(z, campaigns, request, where));
      if ('error' in checked) Object.assign(row, failed(checked.error));
      return !('error' in checked);
    }));
  const campaigns = await campaignsForLinks(
    z,
    bundle,
    impact,
    valid.map(({ request }) => request.campaignId),
    (kept) => linkable(kept).length,
  );
  await runBulk(z, {
    units: linkable(campaigns),
    concurrency: IMPACT_PARALLEL_CALLS,
    perform: async ({ row, request }) => {
      Object.assign(row, succeeded(await impact.createTrackingLink(request)));
    },
    fail: ({ row }, message) => Object.assign(row, failed(message)),
  });
  return summarize(rows);
}
