import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import { awinPublisherField, awinRelationshipField, readRelationship } from '../src/awin/fields';
import {
  advertiserDetailsOutput,
  advertiserDetailsOutputFields,
  advertiserDetailsSample,
  type AwinAdvertiserDetailsOutput,
} from '../src/awin/outputs';
import { advertiserDetails } from '../src/awin/programmes';
import { invalidInput, optionalText } from '../src/core/input';

import { rankByName } from '../src/core/text';

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinAdvertiserDetailsOutput[]> => {
  const name = optionalText(z, bundle.inputData.name, 'Advertiser Name', 200);
  if (name === undefined) {
    throw invalidInput(z, 'Advertiser Name is required: type or map the brand name to look for.');
  }
  const relationship = readRelationship(z, bundle.inputData.relationship);
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const programmes = await awin.programmes(publisherId, relationship);
  const [best, ...others] = rankByName(programmes, name);
  if (best === undefined) return [];
  // Deep links and commission come from programme details: one more call, for the best match only.
  const details = await advertiserDetails(awin, z, bundle, publisherId, best.id, relationship);
  return [
    advertiserDetailsOutput(best, details),
    ...others.map((programme) => advertiserDetailsOutput(programme)),
  ];
};

export default defineSearch({
  key: 'awin_advertiser',
  noun: 'Advertiser',
  display: {
    label: 'Find Awin Advertiser',
    description:
      'Finds an Awin advertiser (programme) by name: exact matches first, then partial ones; ' +
      'the best match comes with its commission and whether it allows deep links.',
  },
  operation: {
    perform: inRun(perform),
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
    sample: advertiserDetailsSample,
    outputFields: [...advertiserDetailsOutputFields],
  },
});
