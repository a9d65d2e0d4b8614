import { inRun } from '../../src/core/run';
import { zapierPage } from '../../src/core/paging';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { storedCampaign } from '../../src/impact/campaigns';
import { hasActiveContract, ImpactClient } from '../../src/impact/client';
import { campaignChoice } from '../../src/impact/outputs';

/** One Impact page of 100 campaigns per dropdown page; Zapier's page 0 is Impact's page 1. */
const perform = async (z: ZObject, bundle: Bundle) => {
  const page = zapierPage(bundle) + 1;
  const answer = await new ImpactClient(z, bundle).campaignsPage(page);
  // Past the last page some APIs repeat the last one: nothing more to show.
  const numPages = answer['@numpages'];
  if (typeof numPages === 'number' && page > numPages) return [];
  return answer.Campaigns.filter(hasActiveContract).map(storedCampaign).map(campaignChoice);
};

export default defineTrigger({
  key: 'impact_campaign_list',
  noun: 'Campaign',
  display: {
    label: 'List Impact Campaigns',
    description:
      'Triggers when an Impact campaign with an active contract is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '10306', name: 'Trailhead Gear US (10306)' },
  },
});
