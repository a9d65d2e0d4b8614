import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { EVERFLOW_LIST_ALL_SIZE, EverflowClient } from '../src/everflow';
import {
  type EverflowOfferOutput,
  offerOutput,
  offerOutputFields,
  offerSample,
} from '../src/everflowOffer';
import { offerNameField } from '../src/fields';
import { rankByName } from '../src/rank';
import { invalidInput, optionalText } from '../src/validate';

const perform = async (z: ZObject, bundle: Bundle): Promise<EverflowOfferOutput[]> => {
  const name = optionalText(z, bundle.inputData.name, 'Offer Name', 200);
  if (name === undefined) {
    throw invalidInput(z, 'Offer Name is required: type or map the offer name to look for.');
  }
  const everflow = new EverflowClient(z, bundle);
  const offers = await everflow.offers({ page: 1, page_size: EVERFLOW_LIST_ALL_SIZE }, name);
  return rankByName(offers, name).map(offerOutput);
};

export default defineSearch({
  key: 'everflow_offer',
  noun: 'Offer',
  display: {
    label: 'Find Everflow Offer',
    description:
      'Finds an Everflow offer by name (runnable offers for a partner key): exact matches first, then partial ones.',
  },
  operation: {
    perform,
    inputFields: [offerNameField],
    sample: offerSample,
    outputFields: [...offerOutputFields],
  },
});
