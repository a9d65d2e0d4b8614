import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { invalidInput, optionalPositiveInt, optionalText } from '../src/core/input';
import { EverflowClient } from '../src/everflow/client';
import { everflowOfferField } from '../src/everflow/fields';

import { couponOutput, type EverflowCouponOutput } from '../src/everflow/outputs';

const perform = async (z: ZObject, bundle: Bundle): Promise<EverflowCouponOutput[]> => {
  const couponCode = optionalText(z, bundle.inputData.coupon_code, 'Coupon Code', 200);
  const offerId = optionalPositiveInt(z, bundle.inputData.network_offer_id, 'Offer');
  if (couponCode === undefined && offerId === undefined) {
    throw invalidInput(
      z,
      'Fill in Coupon Code or Offer (or both): this search needs at least one of them.',
    );
  }
  const everflow = new EverflowClient(z, bundle);
  const coupons = await everflow.couponCodes({ couponCode, offerId });
  return coupons.map(couponOutput);
};

export default defineSearch({
  key: 'everflow_coupon_code',
  noun: 'Coupon Code',
  display: {
    label: 'Find Everflow Coupon Code',
    description:
      'Finds Everflow coupon codes by code or by offer, with their tracking links and validity dates.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      {
        key: 'coupon_code',
        label: 'Coupon Code',
        type: 'string',
        required: false,
        helpText: 'The code to look for, e.g. "SUMMER20". Upper and lower case do not matter.',
      },
      {
        ...everflowOfferField,
        required: false,
        helpText: 'Only coupon codes of this offer. Fill in this, Coupon Code, or both.',
      },
    ],
    sample: {
      id: 501,
      coupon_code: 'SUMMER20',
      tracking_link: 'https://www.acmetrk.example/2CTPL/2TB6KZ/?coupon_code=SUMMER20',
      network_offer_id: 1,
      offer_name: 'Acme Shoes Summer Sale',
      start_date: '2025-06-01',
      end_date: '2025-08-31',
    },
    outputFields: [
      { key: 'id', label: 'Coupon Code ID', type: 'integer' },
      { key: 'coupon_code', label: 'Coupon Code', type: 'string' },
      { key: 'tracking_link', label: 'Tracking Link', type: 'string' },
      { key: 'network_offer_id', label: 'Offer ID', type: 'integer' },
      { key: 'offer_name', label: 'Offer Name', type: 'string' },
      { key: 'start_date', label: 'Start Date', type: 'datetime' },
      { key: 'end_date', label: 'End Date', type: 'datetime' },
    ],
  },
});
