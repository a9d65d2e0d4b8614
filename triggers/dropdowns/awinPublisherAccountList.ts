import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';

import { AwinClient } from '../../src/awin/client';

const perform = async (z: ZObject, bundle: Bundle) => {
  const accounts = await new AwinClient(z, bundle).publisherAccounts();
  return accounts.map((account) => ({
    id: String(account.accountId),
    name: `${account.accountName} (${account.accountId})`,
  }));
};

export default defineTrigger({
  key: 'awin_publisher_account_list',
  noun: 'Publisher Account',
  display: {
    label: 'List Awin Publisher Accounts',
    description: 'Triggers when a publisher account is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    sample: { id: '100001', name: 'Jane Doe Media (100001)' },
  },
});
