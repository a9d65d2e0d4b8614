import { type WatchFeature } from '../core/network';

import { book } from './linkCheck';

/**
 * Everflow in "Tracking Link Stopped Working", for partner keys: the link of every offer the
 * partner can run, from the runnable-offer list link checks read. A network key has no affiliate
 * of its own, so no programmes to watch.
 */
export const everflowWatch: WatchFeature = {
  watched: 'every Everflow offer your partner key can run',
  async programmeLinks(lookups) {
    const read = await book(lookups);
    if (!read) return undefined;
    if (!read.offers) {
      return {
        lacking:
          'An Everflow network key has no affiliate of its own: only the offers a partner ' +
          '(affiliate) key can run are watched.',
      };
    }
    return read.offers.map((offer) => ({ id: offer.id, name: offer.name, url: offer.link }));
  },
};
