import { inRun } from '../src/core/run';
import {
  type Bundle,
  defineCreate,
  type PlainInputField,
  type ZObject,
} from 'zapier-platform-core';
import { EverflowClient } from '../src/everflow/client';
import { everflowLinkFields, readEverflowLinkRequest } from '../src/everflow/fields';
import { everflowKeyType } from '../src/everflow/keyType';

import { type EverflowLink, makeEverflowLink } from '../src/everflow/links';

const perform = async (z: ZObject, bundle: Bundle): Promise<EverflowLink> => {
  const everflow = new EverflowClient(z, bundle);
  const request = readEverflowLinkRequest(z, bundle.inputData, everflow.keyType);
  return makeEverflowLink(everflow, request);
};

/** The form adapts to the connection's key type; the offer URL and creative lists follow the offer. */
const linkFields = (z: ZObject, bundle: Bundle): PlainInputField[] =>
  everflowLinkFields(everflowKeyType(z, bundle.authData.everflow_api_type)).map((field) =>
    field.key === 'network_offer_url_id' || field.key === 'creative_id'
      ? { ...field, dependsOn: ['network_offer_id'] }
      : field,
  );

export default defineCreate({
  key: 'everflow_tracking_link',
  noun: 'Tracking Link',
  display: {
    label: 'Generate Everflow Tracking Link',
    description:
      'Creates an Everflow tracking link for an offer: for an affiliate with a network key, or ' +
      'for yourself with a partner key.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [linkFields],
    sample: {
      url: 'https://www.acmetrk.example/2CTPL/2TB6KZ/?sub1=row-42',
      link_type: 'click',
      network_offer_id: 1,
      network_affiliate_id: 7,
    },
    outputFields: [
      { key: 'url', label: 'Tracking Link', type: 'string' },
      { key: 'link_type', label: 'Link Type', type: 'string' },
      { key: 'network_offer_id', label: 'Offer ID', type: 'integer' },
      { key: 'network_affiliate_id', label: 'Affiliate ID', type: 'integer' },
    ],
  },
});
