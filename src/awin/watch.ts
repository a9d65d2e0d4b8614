import { type WatchFeature } from '../core/network';

import { programmeList } from './linkCheck';

/**
 * Awin in "Tracking Link Stopped Working": the default link (`clickThroughUrl`) of every programme
 * the publisher account joined, from the joined-programme list link checks read.
 */
export const awinWatch: WatchFeature = {
  watched: 'the default tracking link of every joined Awin programme (each publisher account)',
  async programmeLinks(lookups, account) {
    if (account === null) throw new Error('Awin programme links are read per publisher account');
    const joined = await programmeList(lookups, account, 'joined');
    return joined?.map((programme) => ({
      id: programme.id,
      name: programme.name,
      url: programme.link,
    }));
  },
};
