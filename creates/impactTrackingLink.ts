import { inRun } from '../src/core/run';
import { defineCreate } from 'zapier-platform-core';
import {
  impactCampaignField,
  impactDeepLinkField,
  impactMediaPropertyField,
  impactParameterFields,
} from '../src/impact/fields';
import { makeImpactLink } from '../src/impact/links';
import { trackingLinkOutputFields, trackingLinkSample } from '../src/impact/outputs';

export default defineCreate({
  key: 'impact_tracking_link',
  noun: 'Tracking Link',
  display: {
    label: 'Generate Impact Tracking Link',
    description:
      "Creates an Impact.com tracking link for a campaign you joined, to the campaign's landing page " +
      'or a deep link on its allowed domains.',
  },
  operation: {
    perform: inRun(makeImpactLink),
    inputFields: [
      impactCampaignField,
      impactDeepLinkField,
      ...impactParameterFields,
      impactMediaPropertyField,
    ],
    sample: trackingLinkSample,
    outputFields: [...trackingLinkOutputFields],
  },
});
