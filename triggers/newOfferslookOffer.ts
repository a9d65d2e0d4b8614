import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { OfferslookClient } from '../src/offerslook/client';

import {
  type OfferslookOfferOutput,
  offerslookOfferOutput,
  offerslookOfferOutputFields,
  offerslookOfferSample,
} from '../src/offerslook/outputs';

/** A new offer, with `id` as text (Zapier deduplicates on it) and the number as offer_id. */
export type NewOfferslookOffer = Omit<OfferslookOfferOutput, 'id'> & {
  id: string;
  offer_id: number;
};

const perform = async (z: ZObject, bundle: Bundle): Promise<NewOfferslookOffer[]> => {
  const { offers } = await new OfferslookClient(z, bundle).offers({ page: 1, sort: '-id' });
  // Offerslook gives no creation date; higher ids are newer offers. Sorted here too, in case the
  // network ignores `sort`.
  return offers
    .sort((a, b) => b.id - a.id)
    .map((offer) => ({
      ...offerslookOfferOutput(offer),
      id: String(offer.id),
      offer_id: offer.id,
    }));
};

export default defineTrigger({
  key: 'new_offerslook_offer',
  noun: 'Offer',
  display: {
    label: 'New Offerslook Offer',
    description: 'Triggers when a new offer becomes visible to you in your Offerslook network.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    sample: { ...offerslookOfferSample, id: '16', offer_id: 16 },
    outputFields: [
      ...offerslookOfferOutputFields,
      { key: 'offer_id', label: 'Offer ID (Number)', type: 'integer' },
    ],
  },
});
