import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { deviceField, linkCheckNoticeField } from '../src/linkCheck/fields';
import { sourceField, watchedLinksField, watchExpectedDomainField } from '../src/watch/fields';
import {
  brokenLinkOutputFields,
  brokenLinkSample,
  type BrokenLinkAlert,
} from '../src/watch/outputs';

/**
 * Checks the next links of the watched set in turn (at most 20 a poll, none twice within an hour)
 * and gives an alert when one stops working.
 */
// The watch and the link checker are loaded when a Zap polls, not when the app starts.
const perform = async (z: ZObject, bundle: Bundle): Promise<BrokenLinkAlert[]> =>
  (await import('../src/watch/poll')).pollBrokenLinks(z, bundle);

export default defineTrigger({
  key: 'tracking_link_broken',
  noun: 'Broken Link',
  display: {
    label: 'Tracking Link Stopped Working',
    description:
      'Triggers when one of your tracking links stops working: it breaks, loops, lands on the ' +
      'wrong site or its programme stops tracking (a slow answer or a bot wall counts only when ' +
      'seen twice in a row).',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    inputFields: [
      linkCheckNoticeField,
      sourceField,
      watchedLinksField,
      watchExpectedDomainField,
      deviceField,
    ],
    sample: brokenLinkSample,
    outputFields: [...brokenLinkOutputFields],
  },
});
