import { inRun } from '../src/core/run';
import {
  type Bundle,
  defineCreate,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { bulkOutputFields } from '../src/core/bulk';
import { thousands } from '../src/core/text';
import {
  EVERFLOW_MAX_LINKS_PER_RUN,
  EVERFLOW_MAX_PARTNER_PAIRS,
  generateEverflowLinks,
} from '../src/everflow/bulk';
import { everflowLinkFields } from '../src/everflow/fields';

import { everflowKeyType } from '../src/everflow/keyType';

const perform = (z: ZObject, bundle: Bundle) => generateEverflowLinks(z, bundle);

/** The line-item children follow the connection's key type, like the single action's fields. */
const linksField = (z: ZObject, bundle: Bundle): PlainInputField[] => [
  {
    key: 'links',
    label: 'Links',
    required: true,
    children: everflowLinkFields(everflowKeyType(z, bundle.authData.everflow_api_type)),
  },
];

export default defineCreate({
  key: 'everflow_tracking_links_batch',
  noun: 'Tracking Links',
  display: {
    label: 'Generate Everflow Tracking Links in Bulk',
    description:
      `Creates up to ${thousands(EVERFLOW_MAX_LINKS_PER_RUN.network)} Everflow tracking links in one ` +
      `step with a network key, or up to ${thousands(EVERFLOW_MAX_LINKS_PER_RUN.affiliate)} with a ` +
      'partner key, one per line item, in the same order.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      {
        key: 'links_help',
        type: 'copy',
        helpText:
          'One line item per link. Map line items (for example rows from Google Sheets "Get Many ' +
          'Rows"); each needs an Offer ID, and with a network key an Affiliate ID. Up to ' +
          `${thousands(EVERFLOW_MAX_LINKS_PER_RUN.network)} per run with a network key (one ` +
          `Everflow call each); up to ${thousands(EVERFLOW_MAX_LINKS_PER_RUN.affiliate)} with a ` +
          `partner key, over at most ${EVERFLOW_MAX_PARTNER_PAIRS} different offers and offer URLs. ` +
          'A row Everflow refuses gets an error in the output and never stops the others.',
      },
      linksField,
    ],
    sample: {
      total: 2,
      succeeded: 1,
      failed: 1,
      links: [
        {
          index: 1,
          network_offer_id: 1,
          status: 'success',
          url: 'https://www.acmetrk.example/2CTPL/2TB6KZ/?sub1=row-2',
          error: null,
        },
        {
          index: 2,
          network_offer_id: 4,
          status: 'error',
          url: null,
          error:
            'Everflow would not make a link for offer 4 (HTTP 422: Affiliate 7 is not approved to ' +
            'run offer 4). Check that the affiliate is approved to run this offer, and that the ' +
            'offer URL and creative belong to it.',
        },
      ],
    },
    outputFields: [
      ...bulkOutputFields,
      { key: 'links[]network_offer_id', label: 'Links: Offer ID', type: 'integer' },
    ],
  },
});
