import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import {
  daysField,
  earningsAccountFields,
  earningsNetworkField,
  earningsRefField,
} from '../src/earnings/fields';
import {
  earningsOutputFields,
  earningsSample,
  type EarningsSummary,
} from '../src/earnings/outputs';

/**
 * What one tracking reference earned over the last N days, on every connected network that reports
 * earnings: always one item, zeros when nothing converted. Amounts stay in their own currency:
 * numbers only when one currency is involved, words always.
 */
// Earnings are loaded when a Zap runs this step, not when the app starts.
const perform = async (z: ZObject, bundle: Bundle): Promise<EarningsSummary[]> =>
  (await import('../src/earnings/search')).findEarnings(z, bundle);

export default defineSearch({
  key: 'tracking_ref_earnings',
  noun: 'Earnings',
  display: {
    label: 'Find Earnings for a Tracking Reference',
    description:
      'Finds the conversions and commission a tracking reference (a clickref or sub ID you put on ' +
      'your links) brought in over the last days, per status and network.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [earningsRefField, daysField, earningsNetworkField, ...earningsAccountFields],
    sample: earningsSample,
    outputFields: [...earningsOutputFields],
  },
});
