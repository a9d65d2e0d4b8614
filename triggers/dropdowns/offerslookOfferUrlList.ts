import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { invalidInput } from '../../src/core/input';
import { zapierPage } from '../../src/core/paging';
import { OfferslookClient } from '../../src/offerslook/client';
import {
  DEFAULT_LANDING_PAGE,
  LANDING_PAGE_LABEL,
  OFFER_IDS_LABEL,
  parseOfferIds,
  RANDOM_LANDING_PAGE,
} from '../../src/offerslook/fields';

import { landingPageChoices } from '../../src/offerslook/links';

type Choice = { id: string; name: string };

/**
 * The landing pages of the chosen offer: Default, Random and each named offer URL (its `url_id`).
 * No offer chosen yet (or offers mapped from an earlier step): the two choices every offer has.
 * Several offers: a landing page cannot be chosen, and the message says so.
 */
const perform = async (z: ZObject, bundle: Bundle): Promise<Choice[]> => {
  if (zapierPage(bundle) > 0) return [];
  const parsed = parseOfferIds(bundle.inputData.offer_ids);
  const ids = parsed.ok ? parsed.ids : [];
  if (ids.length > 1) {
    throw invalidInput(
      z,
      `A ${LANDING_PAGE_LABEL} can be chosen for one offer only, and ${OFFER_IDS_LABEL} holds ` +
        `${ids.length}. Leave ${LANDING_PAGE_LABEL} empty to get each offer's default page.`,
    );
  }
  if (ids.length === 0) return [{ ...DEFAULT_LANDING_PAGE }, { ...RANDOM_LANDING_PAGE }];
  const { offer_url } = await new OfferslookClient(z, bundle).offerTrackingLink(ids[0]);
  return landingPageChoices(offer_url);
};

export default defineTrigger({
  key: 'offerslook_offer_url_list',
  noun: 'Landing Page',
  display: {
    label: 'List Offerslook Landing Pages',
    description:
      'Triggers when a landing page (offer URL) of the chosen Offerslook offer is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    // One offer's landing pages come in one answer.
    canPaginate: false,
    sample: { id: '7', name: 'Running shoes (7)' },
  },
});
