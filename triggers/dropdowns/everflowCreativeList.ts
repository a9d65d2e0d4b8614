import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { parsePositiveInt } from '../../src/core/input';
import { zapierPage } from '../../src/core/paging';

import { EverflowClient, pageParams } from '../../src/everflow/client';

const perform = async (z: ZObject, bundle: Bundle) => {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('network', 'Listing Everflow creatives needs');
  const offerId = parsePositiveInt(bundle.inputData.network_offer_id);
  const creatives = await everflow.creatives(pageParams(zapierPage(bundle)), offerId);
  return creatives.map((creative) => ({
    id: String(creative.network_offer_creative_id),
    name:
      `${creative.name} (${creative.network_offer_creative_id}` +
      `${creative.creative_type ? `, ${creative.creative_type}` : ''})`,
  }));
};

export default defineTrigger({
  key: 'everflow_creative_list',
  noun: 'Creative',
  display: {
    label: 'List Everflow Creatives',
    description:
      'Triggers when an active creative of the chosen offer is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '101', name: 'Summer banner 300x250 (101, image)' },
  },
});
