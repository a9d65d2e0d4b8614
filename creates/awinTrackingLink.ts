import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import {
  awinAdvertiserField,
  awinClickParameterFields,
  awinDestinationUrlField,
  awinPublisherField,
  readAwinLinkRequest,
} from '../src/awin/fields';

import { parseBoolean } from '../src/core/input';

export interface AwinTrackingLink {
  url: string;
  shortUrl?: string;
  advertiserId: number;
  publisherId: number;
  destinationUrl: string | null;
}

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinTrackingLink> => {
  const input = bundle.inputData;
  const request = readAwinLinkRequest(z, input);
  const shorten = parseBoolean(input.shorten);
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(input.publisherId);
  const answer = await awin.generate(publisherId, { ...request, shorten });
  const link: AwinTrackingLink = {
    url: answer.url,
    advertiserId: request.advertiserId,
    publisherId,
    destinationUrl: request.destinationUrl ?? null,
  };
  if (shorten && answer.shortUrl) link.shortUrl = answer.shortUrl;
  return link;
};

export default defineCreate({
  key: 'awin_tracking_link',
  noun: 'Tracking Link',
  display: {
    label: 'Generate Awin Tracking Link',
    description:
      'Creates an Awin tracking link (deep link) to an advertiser page, optionally shortened.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      awinPublisherField,
      awinAdvertiserField,
      awinDestinationUrlField,
      ...awinClickParameterFields,
      {
        key: 'shorten',
        label: 'Shorten Link',
        type: 'boolean',
        required: false,
        default: 'false',
        helpText:
          'Also return a short tidd.ly link. Short links count against your daily Awin quota ' +
          '(see Find Awin Short Link Quota).',
      },
    ],
    sample: {
      url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fsale&clickref=row-42',
      shortUrl: 'https://tidd.ly/3xAmPlE',
      advertiserId: 1001,
      publisherId: 100001,
      destinationUrl: 'https://www.acmeshoes.example/sale',
    },
    outputFields: [
      { key: 'url', label: 'Tracking Link', type: 'string' },
      { key: 'shortUrl', label: 'Short Link', type: 'string' },
      { key: 'advertiserId', label: 'Advertiser ID', type: 'integer' },
      { key: 'publisherId', label: 'Publisher ID', type: 'integer' },
      { key: 'destinationUrl', label: 'Destination URL', type: 'string' },
    ],
  },
});
