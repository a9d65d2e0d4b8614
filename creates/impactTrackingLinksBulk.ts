import { inRun } from '../src/core/run';
import { defineCreate } from 'zapier-platform-core';
import { generateImpactLinks } from '../src/impact/bulk';
import { IMPACT_MAX_LINKS_PER_RUN } from '../src/impact/client';
import {
  impactCampaignField,
  impactDeepLinkField,
  impactMediaPropertyField,
  impactParameterFields,
} from '../src/impact/fields';
import { bulkOutputs, bulkSample } from '../src/impact/outputs';

export default defineCreate({
  key: 'impact_tracking_links_batch',
  noun: 'Tracking Links',
  display: {
    label: 'Generate Impact Tracking Links in Bulk',
    description: `Creates up to ${IMPACT_MAX_LINKS_PER_RUN} Impact.com tracking links in one step, one per line item, in the same order.`,
  },
  operation: {
    perform: inRun(generateImpactLinks),
    inputFields: [
      {
        key: 'links_help',
        type: 'copy',
        helpText:
          'One line item per link. Map line items (for example rows from Google Sheets "Get Many ' +
          `Rows"); each needs a Campaign ID. Up to ${IMPACT_MAX_LINKS_PER_RUN} per run (Impact ` +
          'allows about 1,000 requests an hour per account). A row Impact refuses, or with a deep ' +
          "link outside its campaign's domains, gets an error in the output and never stops the others.",
      },
      impactMediaPropertyField,
      {
        key: 'links',
        label: 'Links',
        required: true,
        children: [impactCampaignField, impactDeepLinkField, ...impactParameterFields],
      },
    ],
    sample: bulkSample,
    outputFields: [...bulkOutputs],
  },
});
