import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { generateAwinLinks } from '../src/awin/bulk';
import {
  awinAdvertiserField,
  awinClickParameterFields,
  awinDestinationUrlField,
  awinPublisherField,
} from '../src/awin/fields';

import { bulkOutputFields } from '../src/core/bulk';

const perform = (z: ZObject, bundle: Bundle) => generateAwinLinks(z, bundle);

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
    perform: inRun(perform),
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
