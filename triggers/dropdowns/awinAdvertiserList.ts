import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../../src/awin/client';

import { awinPublisherField } from '../../src/awin/fields';

const perform = async (z: ZObject, bundle: Bundle) => {
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const programmes = await awin.programmes(publisherId, 'joined');
  return programmes
    .map((programme) => ({ id: String(programme.id), name: `${programme.name} (${programme.id})` }))
    .sort((a, b) => a.name.localeCompare(b.name));
};

export default defineTrigger({
  key: 'awin_advertiser_list',
  noun: 'Advertiser',
  display: {
    label: 'List Joined Awin Advertisers',
    description: 'Triggers when a joined advertiser is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [awinPublisherField],
    sample: { id: '1001', name: 'Acme Shoes (1001)' },
  },
});
