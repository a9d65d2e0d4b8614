import { type WatchFeature } from '../core/network';

import { campaigns } from './linkCheck';

/**
 * Impact in "Tracking Link Stopped Working": the tracking link of every campaign the account has an
 * active contract with, from the campaign list link checks read.
 */
export const impactWatch: WatchFeature = {
  watched: 'every active Impact campaign',
  async programmeLinks(lookups) {
    const active = await campaigns(lookups);
    return active?.map((campaign) => ({
      id: campaign.id,
      name: campaign.name,
      url: campaign.link,
    }));
  },
};
