import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import {
  awinPromotionAdvertisersField,
  awinPromotionClickrefField,
  awinPromotionExclusiveField,
  awinPromotionMembershipField,
  awinPromotionRegionsField,
  awinPromotionTypeField,
  awinPublisherField,
  readPromotionTrigger,
} from '../src/awin/fields';
import {
  type AwinPromotionOutput,
  promotionOutputFields,
  promotionSample,
} from '../src/awin/outputs';

import { newPromotions } from '../src/awin/promotions';

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinPromotionOutput[]> => {
  const { filters, clickref } = readPromotionTrigger(z, bundle.inputData);
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const loadingSample = (bundle.meta as Partial<Bundle['meta']> | undefined)?.isLoadingSample;
  return newPromotions(awin, z, publisherId, filters, { clickref, loadingSample });
};

export default defineTrigger({
  key: 'new_awin_promotion',
  noun: 'Promotion',
  display: {
    label: 'New Awin Promotion or Voucher',
    description:
      'Triggers when an advertiser publishes a new promotion or voucher code on Awin, with a ' +
      'tracking link for it.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [
      awinPublisherField,
      awinPromotionTypeField,
      awinPromotionMembershipField,
      awinPromotionAdvertisersField,
      awinPromotionRegionsField,
      awinPromotionExclusiveField,
      awinPromotionClickrefField,
    ],
    sample: promotionSample,
    outputFields: [...promotionOutputFields],
  },
});
