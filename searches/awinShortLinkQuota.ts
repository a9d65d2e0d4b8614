import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';

import { awinPublisherField } from '../src/awin/fields';

export interface AwinShortLinkQuota {
  id: number;
  publisherId: number;
  limit: number;
  usage: number;
  remaining: number;
}

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinShortLinkQuota[]> => {
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const quota = await awin.quota(publisherId);
  // Awin leaves limit and usage out for some accounts; no limit means no short links can be made.
  const limit = quota.limit ?? 0;
  const usage = quota.usage ?? 0;
  return [{ id: publisherId, publisherId, limit, usage, remaining: Math.max(0, limit - usage) }];
};

export default defineSearch({
  key: 'awin_short_link_quota',
  noun: 'Short Link Quota',
  display: {
    label: 'Find Awin Short Link Quota',
    description:
      'Finds how many short links a publisher account may still create in the current 24 hours.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [awinPublisherField],
    sample: { id: 100001, publisherId: 100001, limit: 100, usage: 12, remaining: 88 },
    outputFields: [
      { key: 'id', label: 'ID', type: 'integer' },
      { key: 'publisherId', label: 'Publisher ID', type: 'integer' },
      { key: 'limit', label: 'Daily Limit', type: 'integer' },
      { key: 'usage', label: 'Used in Last 24 Hours', type: 'integer' },
      { key: 'remaining', label: 'Remaining', type: 'integer' },
    ],
  },
});
