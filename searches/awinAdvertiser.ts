import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import { awinPublisherField, awinRelationshipField, readRelationship } from '../src/awin/fields';
import {
  advertiserOutput,
  advertiserOutputFields,
  advertiserSample,
  type AwinAdvertiserOutput,
} from '../src/awin/outputs';
import { invalidInput, optionalText } from '../src/core/input';

import { rankByName } from '../src/core/text';

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinAdvertiserOutput[]> => {
  const name = optionalText(z, bundle.inputData.name, 'Advertiser Name', 200);
  if (name === undefined) {
    throw invalidInput(z, 'Advertiser Name is required: type or map the brand name to look for.');
  }
  const relationship = readRelationship(z, bundle.inputData.relationship);
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const programmes = await awin.programmes(publisherId, relationship);
  return rankByName(programmes, name).map(advertiserOutput);
};

export default defineSearch({
  key: 'awin_advertiser',
  noun: 'Advertiser',
  display: {
    label: 'Find Awin Advertiser',
    description:
      'Finds an Awin advertiser (programme) by name: exact matches first, then partial ones.',
  },
  operation: {
    perform,
    inputFields: [
      awinPublisherField,
      {
        key: 'name',
        label: 'Advertiser Name',
        type: 'string',
        required: true,
        helpText: 'The brand to look for, e.g. "Acme Shoes". Upper and lower case do not matter.',
      },
      awinRelationshipField,
    ],
    sample: advertiserSample,
    outputFields: [...advertiserOutputFields],
  },
});
