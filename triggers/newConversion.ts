import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import {
  conversionNetworkField,
  earningsAccountFields,
  earningsRefField,
} from '../src/earnings/fields';
import {
  conversionOutputFields,
  conversionSample,
  type ConversionOutput,
} from '../src/earnings/outputs';

// Earnings are loaded when a Zap polls, not when the app starts.
const perform = async (z: ZObject, bundle: Bundle): Promise<ConversionOutput[]> =>
  (await import('../src/earnings/trigger')).pollConversions(z, bundle);

export default defineTrigger({
  key: 'new_conversion',
  noun: 'Conversion',
  display: {
    label: 'New Conversion on Your Links',
    description:
      'Triggers when one of your links brings a conversion (New), or when a conversion is approved ' +
      'or declined (Validated), on the network you choose; from the last 30 days.',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [
      conversionNetworkField,
      {
        key: 'event',
        label: 'Event',
        type: 'string',
        required: false,
        default: 'new',
        choices: { new: 'New conversion', validated: 'Approved or declined (validated)' },
        helpText:
          'New: once per conversion of the last 30 days. Validated: once per conversion approved ' +
          'or declined in the last 30 days (Awin by its validation date, so an older sale approved ' +
          'this week fires this week).',
      },
      ...earningsAccountFields,
      {
        ...earningsRefField,
        required: false,
        helpText:
          'Optional: only conversions whose first reference (clickref or sub ID) equals this ' +
          'exactly, e.g. a CRM deal ID you put on the link.',
      },
    ],
    sample: conversionSample,
    outputFields: [...conversionOutputFields],
  },
});
