import { z as zod } from 'zod';
import { chunk } from '../core/bulk';
import { hashOf } from '../core/cache';
import { type WatchFeature } from '../core/network';

import { OFFERSLOOK_BATCH_SIZE, OfferslookClient } from './client';
import { offers } from './linkCheck';

/**
 * Offerslook in "Tracking Link Stopped Working": the tracking link of every offer visible to the
 * affiliate, from the offer list link checks read, then the offers' links, 100 offers a call.
 * Offerslook gives no link for an offer that needs approval first: that offer is left out.
 */

const linksSchema = zod.lazy(() => zod.array(zod.object({ id: zod.number(), url: zod.string() })));

export const offerslookWatch: WatchFeature = {
  watched: 'every visible Offerslook offer',
  async programmeLinks(lookups) {
    const visible = await offers(lookups);
    if (!visible) return undefined;
    const ids = [...new Set(visible.map((offer) => offer.id))];
    const { z, bundle, list } = lookups;
    // Kept with the offers it was read for: a new offer makes it read again.
    const links = await list(
      "your Offerslook offers' tracking links",
      ['links', hashOf(ids.join(','), 16)],
      linksSchema,
      async (call) => {
        const client = new OfferslookClient(z, bundle);
        const batches = await Promise.all(
          chunk(ids, OFFERSLOOK_BATCH_SIZE).map((batch) => call(() => client.trackingLinks(batch))),
        );
        return batches.flat().map((link) => ({ id: link.offer_id, url: link.url }));
      },
    );
    if (!links) return undefined;
    const linkOf = new Map(links.map((link) => [link.id, link.url]));
    return visible.map((offer) => ({
      id: offer.id,
      name: offer.name,
      url: linkOf.get(offer.id) ?? null,
    }));
  },
};
