import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { AWIN_RELATIONSHIPS, AwinClient, type AwinRelationship } from '../src/awin';
import {
  type AwinAdvertiserOutput,
  advertiserOutput,
  advertiserOutputFields,
  advertiserSample,
  rankByName,
} from '../src/awinAdvertiser';
import { awinPublisherField, awinRelationshipField } from '../src/fields';
import { invalidInput, isBlank, optionalText } from '../src/validate';

function readRelationship(z: ZObject, value: unknown): AwinRelationship {
  if (isBlank(value)) return 'joined';
  const relationship = String(value)
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if ((AWIN_RELATIONSHIPS as readonly string[]).includes(relationship)) {
    return relationship as AwinRelationship;
  }
  throw invalidInput(
    z,
    `Relationship must be one of ${AWIN_RELATIONSHIPS.join(', ')}, but it was "${String(value)}".`,
  );
}

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
