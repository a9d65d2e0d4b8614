import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';

import { EverflowClient } from '../../src/everflow/client';

const perform = async (z: ZObject, bundle: Bundle) => {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('network', 'Listing Everflow tracking domains needs');
  const domains = await everflow.trackingDomains();
  return domains.map((domain) => ({
    id: String(domain.id),
    name: domain.isDefault ? `${domain.domain} (default)` : domain.domain,
  }));
};

export default defineTrigger({
  key: 'everflow_tracking_domain_list',
  noun: 'Tracking Domain',
  display: {
    label: 'List Everflow Tracking Domains',
    description:
      "Triggers when one of the network's tracking domains is available, to fill the dropdown.",
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    sample: { id: '1', name: 'www.acmetrk.example (default)' },
  },
});
