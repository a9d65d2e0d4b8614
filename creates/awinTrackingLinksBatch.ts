import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { type AwinBulkLink, chunkOutcomes, type Prepared } from '../src/awin/batch';
import { AWIN_BATCH_SIZE, AWIN_MAX_LINKS_PER_RUN, AwinClient } from '../src/awin/client';
import {
  awinAdvertiserField,
  awinClickParameterFields,
  awinDestinationUrlField,
  awinPublisherField,
  readAwinLinkRequest,
} from '../src/awin/fields';
import {
  bulkOutputFields,
  type BulkSummary,
  checkItem,
  chunk,
  failed,
  succeeded,
  summarize,
} from '../src/core/bulk';

import { parsePositiveInt, requireItems } from '../src/core/input';

const perform = async (z: ZObject, bundle: Bundle): Promise<BulkSummary<AwinBulkLink>> => {
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
    const awin = new AwinClient(z, bundle);
    const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
    for (const part of chunk(valid, AWIN_BATCH_SIZE)) {
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
    }
  }
  return summarize(results);
};

const sampleUrl = (advertiserId: number, destination: string, clickref: string) =>
  `https://www.awin1.com/cread.php?awinmid=${advertiserId}&awinaffid=100001&ued=${encodeURIComponent(destination)}&clickref=${clickref}`;

export default defineCreate({
  key: 'awin_tracking_links_batch',
  noun: 'Tracking Links',
  display: {
    label: 'Generate Awin Tracking Links in Bulk',
    description:
      'Creates up to 1,000 Awin tracking links in one step, one per line item, in the same order.',
  },
  operation: {
    perform,
    inputFields: [
      awinPublisherField,
      {
        key: 'links_help',
        type: 'copy',
        helpText:
          'One line item per link. Map line items (for example rows from Google Sheets "Get Many ' +
          'Rows"); each needs an Advertiser ID. Up to 1,000 per run. A row Awin refuses gets an ' +
          'error in the output and never stops the others.',
      },
      {
        key: 'links',
        label: 'Links',
        required: true,
        children: [awinAdvertiserField, awinDestinationUrlField, ...awinClickParameterFields],
      },
    ],
    sample: {
      total: 2,
      succeeded: 1,
      failed: 1,
      links: [
        {
          index: 1,
          advertiserId: 1001,
          destinationUrl: 'https://www.acmeshoes.example/sale',
          status: 'success',
          url: sampleUrl(1001, 'https://www.acmeshoes.example/sale', 'row-2'),
          error: null,
        },
        {
          index: 2,
          advertiserId: 1007,
          destinationUrl: 'https://www.brightlamps.example/desk',
          status: 'error',
          url: null,
          error:
            'Awin advertiser 1007 does not allow deep links, so Awin cannot build this link. Leave ' +
            "Destination URL empty to get the advertiser's default link, or choose another advertiser.",
        },
      ],
    },
    outputFields: [
      ...bulkOutputFields,
      { key: 'links[]advertiserId', label: 'Links: Advertiser ID', type: 'integer' },
      { key: 'links[]destinationUrl', label: 'Links: Destination URL', type: 'string' },
    ],
  },
});
