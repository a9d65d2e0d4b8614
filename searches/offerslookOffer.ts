import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { offerNameField } from '../src/core/fields';
import { invalidInput, optionalText } from '../src/core/input';
import { rankByName } from '../src/core/text';
import { OfferslookClient } from '../src/offerslook/client';

import {
  type OfferslookOfferOutput,
  offerslookOfferOutput,
  offerslookOfferOutputFields,
  offerslookOfferSample,
} from '../src/offerslook/outputs';

/**
 * Offerslook's affiliate API has no name filter (`filters` compare whole values, `contains` adds
 * related objects such as the description), so the search reads the offer list, 100 a page, and
 * matches names here. At most 10 pages (1,000 offers) keep it well inside Zapier's 30 seconds.
 */
const OFFER_SEARCH_MAX_PAGES = 10;

const perform = async (z: ZObject, bundle: Bundle): Promise<OfferslookOfferOutput[]> => {
  const name = optionalText(z, bundle.inputData.name, 'Offer Name', 200);
  if (name === undefined) {
    throw invalidInput(z, 'Offer Name is required: type or map the offer name to look for.');
  }
  const offers = await new OfferslookClient(z, bundle).allOffers(OFFER_SEARCH_MAX_PAGES);
  return rankByName(offers, name).map(offerslookOfferOutput);
};

export default defineSearch({
  key: 'offerslook_offer',
  noun: 'Offer',
  display: {
    label: 'Find Offerslook Offer',
    description: 'Finds an Offerslook offer by name: exact matches first, then partial ones.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [offerNameField],
    sample: offerslookOfferSample,
    outputFields: [...offerslookOfferOutputFields],
  },
});
