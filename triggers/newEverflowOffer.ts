import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { EverflowClient } from '../src/everflow/client';

import {
  type EverflowOfferOutput,
  everflowOfferOutput,
  everflowOfferOutputFields,
  everflowOfferSample,
} from '../src/everflow/outputs';

/** A new offer, with `id` as text (Zapier deduplicates on it) and the number as network_offer_id. */
export type NewEverflowOffer = Omit<EverflowOfferOutput, 'id'> & {
  id: string;
  tracking_url: string | null;
  preview_url: string | null;
};

/** Zapier keeps at most this many new items per poll. */
const POLL_LIMIT = 100;

const perform = async (z: ZObject, bundle: Bundle): Promise<NewEverflowOffer[]> => {
  const everflow = new EverflowClient(z, bundle);
  // Active offers of the network, or the offers the partner may run: the newest, on any size.
  const offers = await everflow.newestOffers(POLL_LIMIT);
  return offers.map((offer) => ({
    ...everflowOfferOutput(offer),
    id: String(offer.network_offer_id),
    tracking_url: offer.tracking_url,
    preview_url: offer.preview_url,
  }));
};

export default defineTrigger({
  key: 'new_everflow_offer',
  noun: 'Offer',
  display: {
    label: 'New Everflow Offer',
    description:
      'Triggers when a new offer becomes active on your Everflow network, or runnable for your partner account.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    sample: {
      ...everflowOfferSample,
      id: '1',
      tracking_url: 'https://www.acmetrk.example/2CTPL/2TB6KZ/',
      preview_url: 'https://www.acmeshoes.example/summer',
    },
    outputFields: [
      ...everflowOfferOutputFields,
      { key: 'tracking_url', label: 'Tracking Link (Partner Keys)', type: 'string' },
      { key: 'preview_url', label: 'Preview URL', type: 'string' },
    ],
  },
});
