import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../src/awin/client';
import {
  awinPromotionAdvertiserField,
  awinPromotionClickrefField,
  awinPromotionQueryField,
  awinPromotionStatusField,
  awinPromotionTypeField,
  awinPublisherField,
  readPromotionSearch,
} from '../src/awin/fields';
import {
  type AwinPromotionOutput,
  promotionOutput,
  promotionOutputFields,
  promotionSample,
} from '../src/awin/outputs';

import { rankPromotions, searchablePromotions } from '../src/awin/promotions';

const perform = async (z: ZObject, bundle: Bundle): Promise<AwinPromotionOutput[]> => {
  const { filters, query, clickref } = readPromotionSearch(z, bundle.inputData);
  const awin = new AwinClient(z, bundle);
  const publisherId = await awin.resolvePublisherId(bundle.inputData.publisherId);
  const promotions = await searchablePromotions(awin, z, bundle, publisherId, filters);
  return rankPromotions(promotions, query).map((promotion) =>
    promotionOutput(promotion, publisherId, clickref),
  );
};

export default defineSearch({
  key: 'awin_promotion',
  noun: 'Promotion',
  display: {
    label: 'Find Awin Promotion or Voucher',
    description:
      'Finds Awin promotions and voucher codes by words of their title, description or code, ' +
      'with a tracking link for each.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      awinPublisherField,
      awinPromotionAdvertiserField,
      awinPromotionQueryField,
      awinPromotionTypeField,
      awinPromotionStatusField,
      awinPromotionClickrefField,
    ],
    sample: promotionSample,
    outputFields: [...promotionOutputFields],
  },
});
