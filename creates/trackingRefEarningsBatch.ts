import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import {
  daysField,
  earningsAccountFields,
  earningsNetworkField,
  MAX_EARNINGS_REFS,
  refsField,
  refsHelpField,
} from '../src/earnings/fields';
import {
  earningsBulkOutputFields,
  earningsBulkSample,
  type EarningsBulk,
} from '../src/earnings/outputs';

// Earnings are loaded when a Zap runs this step, not when the app starts.
const perform = async (z: ZObject, bundle: Bundle): Promise<EarningsBulk> =>
  (await import('../src/earnings/bulk')).bulkEarnings(z, bundle);

export default defineCreate({
  key: 'tracking_ref_earnings_batch',
  noun: 'Earnings',
  display: {
    label: 'Get Earnings for Tracking References in Bulk',
    description: `Creates a report of what up to ${MAX_EARNINGS_REFS} tracking references earned, one row per reference, in the same order, for a sheet: Schedule → Lookup rows → Get Earnings in Bulk → Update rows.`,
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      refsHelpField,
      daysField,
      earningsNetworkField,
      ...earningsAccountFields,
      refsField,
    ],
    sample: earningsBulkSample,
    outputFields: [...earningsBulkOutputFields],
  },
});
