import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { OfferslookClient } from '../../src/offerslook/client';

import { offerslookOfferChoice } from '../../src/offerslook/outputs';

/** One page of 100 offers per dropdown page; Zapier's page 0 is Offerslook's offset 1. */
const perform = async (z: ZObject, bundle: Bundle) => {
  const page = bundle.meta?.page ?? 0;
  const { offers } = await new OfferslookClient(z, bundle).offers({ page: page + 1, sort: '+id' });
  return offers.map(offerslookOfferChoice);
};

export default defineTrigger({
  key: 'offerslook_offer_list',
  noun: 'Offer',
  display: {
    label: 'List Offerslook Offers',
    description: 'Triggers when an Offerslook offer is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '16', name: 'Acme Shoes US (16)' },
  },
});
