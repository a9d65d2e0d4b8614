import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { zapierPage } from '../../src/core/paging';
import { EverflowClient, pageParams } from '../../src/everflow/client';

import { offerChoice } from '../../src/everflow/outputs';

const perform = async (z: ZObject, bundle: Bundle) => {
  const everflow = new EverflowClient(z, bundle);
  const offers = await everflow.offers(pageParams(zapierPage(bundle)));
  return offers.map(offerChoice);
};

export default defineTrigger({
  key: 'everflow_offer_list',
  noun: 'Offer',
  display: {
    label: 'List Everflow Offers',
    description:
      'Triggers when an Everflow offer is available (runnable offers for a partner key), to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '1', name: 'Acme Shoes Summer Sale (1)' },
  },
});
