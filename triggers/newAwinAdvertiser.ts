import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import { awinPublisherField } from '../src/awin/fields';

import {
  advertiserOutput,
  advertiserOutputFields,
  advertiserSample,
  type AwinAdvertiserOutput,
} from '../src/awin/outputs';

/** A new programme, with `id` as text (Zapier deduplicates on it) and the number as advertiserId. */
type NewAwinAdvertiser = Omit<AwinAdvertiserOutput, 'id'> & {
  id: string;
  advertiserId: number;
  publisherId: number;
};

const perform = async (z: ZObject, bundle: Bundle): Promise<NewAwinAdvertiser[]> => {
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const programmes = await awin.programmes(publisherId, 'joined');
  // Awin gives no join date; higher ids are newer programmes, and Zapier deduplicates on id.
  return programmes
    .sort((a, b) => b.id - a.id)
    .map((programme) => ({
      ...advertiserOutput(programme),
      id: String(programme.id),
      advertiserId: programme.id,
      publisherId,
    }));
};

export default defineTrigger({
  key: 'new_awin_advertiser',
  noun: 'Advertiser',
  display: {
    label: 'New Joined Awin Advertiser',
    description: 'Triggers when your Awin publisher account joins a new advertiser programme.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [awinPublisherField],
    sample: { ...advertiserSample, id: '1001', advertiserId: 1001, publisherId: 100001 },
    outputFields: [
      ...advertiserOutputFields,
      { key: 'advertiserId', label: 'Advertiser ID (Number)', type: 'integer' },
      { key: 'publisherId', label: 'Publisher ID', type: 'integer' },
    ],
  },
});
