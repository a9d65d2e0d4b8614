import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { offerNameField } from '../src/core/fields';
import { invalidInput, optionalText } from '../src/core/input';
import { rankByName } from '../src/core/text';
import { EVERFLOW_LIST_ALL_SIZE, EverflowClient } from '../src/everflow/client';

import {
  type EverflowOfferOutput,
  everflowOfferOutput,
  everflowOfferOutputFields,
  everflowOfferSample,
} from '../src/everflow/outputs';

const perform = async (z: ZObject, bundle: Bundle): Promise<EverflowOfferOutput[]> => {
  const name = optionalText(z, bundle.inputData.name, 'Offer Name', 200);
  if (name === undefined) {
    throw invalidInput(z, 'Offer Name is required: type or map the offer name to look for.');
  }
  const everflow = new EverflowClient(z, bundle);
  const offers = await everflow.offers({ page: 1, page_size: EVERFLOW_LIST_ALL_SIZE }, name);
  return rankByName(offers, name).map(everflowOfferOutput);
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
    perform: inRun(perform),
    inputFields: [offerNameField],
    sample: everflowOfferSample,
    outputFields: [...everflowOfferOutputFields],
  },
});
