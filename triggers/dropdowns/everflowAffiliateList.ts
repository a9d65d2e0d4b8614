import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { zapierPage } from '../../src/core/paging';

import { EverflowClient, pageParams } from '../../src/everflow/client';

const perform = async (z: ZObject, bundle: Bundle) => {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('network', 'Listing Everflow affiliates needs');
  const affiliates = await everflow.affiliates(pageParams(zapierPage(bundle)));
  return affiliates.map((affiliate) => ({
    id: String(affiliate.network_affiliate_id),
    name: `${affiliate.name} (${affiliate.network_affiliate_id})`,
  }));
};

export default defineTrigger({
  key: 'everflow_affiliate_list',
  noun: 'Affiliate',
  display: {
    label: 'List Everflow Affiliates',
    description:
      'Triggers when an active affiliate of the network is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '7', name: 'Jamie Partner (7)' },
  },
});
