import { inRun } from '../src/core/run';
import { thousands } from '../src/core/text';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { OFFERSLOOK_MAX_IDS_PER_RUN, OfferslookClient } from '../src/offerslook/client';
import {
  landingPageField,
  OFFER_IDS_LABEL,
  offerslookSubFields,
  readOfferslookLinksRequest,
} from '../src/offerslook/fields';
import { makeOfferslookLinks } from '../src/offerslook/links';

import { type OfferslookTrackingLinks } from '../src/offerslook/outputs';

/**
 * One call per 100 distinct ids; the landing page and sub IDs are added to every link. Offers the
 * affiliate may not run are not an error: they are listed in missing_offer_ids with a hint, even
 * when no offer at all got a link, so a Zap can branch on it.
 */
const perform = async (z: ZObject, bundle: Bundle): Promise<OfferslookTrackingLinks> => {
  const request = readOfferslookLinksRequest(z, bundle.inputData);
  return makeOfferslookLinks(z, new OfferslookClient(z, bundle), request);
};

const sampleLink = (offerId: number) =>
  `https://track.acme-offers.example/index.php?offer_id=${offerId}&aff_id=1207` +
  '&source_id=newsletter&aff_sub1=row-42';
const samplePixel = (offerId: number) =>
  `https://track.acme-offers.example/impr.php?offer_id=${offerId}&aff_id=1207`;

const sample: OfferslookTrackingLinks = {
  links: [
    {
      offer_id: 16,
      url: sampleLink(16),
      impression_pixel: `<img src='${samplePixel(16)}'  border='0'  width='1'  height='1' />`,
      impression_url: samplePixel(16),
    },
    { offer_id: 102, url: sampleLink(102), impression_pixel: null, impression_url: null },
  ],
  missing_offer_ids: [118],
  missing_offer_ids_hint:
    'Offerslook returned no link for offer 118: an offer must be approved for you or public ' +
    '(offer_approval 2). Ask your network to approve it, or check the IDs.',
  url: sampleLink(16),
};

export default defineCreate({
  key: 'offerslook_tracking_links',
  noun: 'Tracking Links',
  display: {
    label: 'Get Offerslook Tracking Links',
    description:
      'Creates the tracking links of up to 1,000 Offerslook offers in one step, in the order given, ' +
      'with your sub IDs (and, for one offer, a landing page), and lists the offers that have none.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      {
        key: 'offer_ids',
        label: OFFER_IDS_LABEL,
        type: 'string',
        list: true,
        required: true,
        dynamic: 'offerslook_offer_list.id.name',
        search: 'offerslook_offer.id',
        helpText:
          'The offers to get links for. Choose them, or map offer IDs: a list, or one cell such as ' +
          `"16, 102, 205". Up to ${thousands(OFFERSLOOK_MAX_IDS_PER_RUN)} per run; ` +
          'repeated IDs are asked for once. Only offers approved for you or public get a link.',
      },
      landingPageField,
      ...offerslookSubFields,
    ],
    sample,
    outputFields: [
      { key: 'url', label: 'First Tracking Link', type: 'string' },
      { key: 'links[]offer_id', label: 'Links: Offer ID', type: 'integer' },
      { key: 'links[]url', label: 'Links: Tracking Link', type: 'string' },
      { key: 'links[]impression_pixel', label: 'Links: Impression Pixel (HTML)', type: 'string' },
      { key: 'links[]impression_url', label: 'Links: Impression Pixel URL', type: 'string' },
      { key: 'missing_offer_ids', label: 'Offers Without a Link', type: 'integer', list: true },
      { key: 'missing_offer_ids_hint', label: 'Why Offers Have No Link', type: 'string' },
    ],
  },
});
