import { inRun } from '../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { keepCampaigns, storedCampaign } from '../src/impact/campaigns';
import { ImpactClient } from '../src/impact/client';
import {
  campaignOutput,
  campaignOutputFields,
  campaignSample,
  type ImpactCampaignOutput,
} from '../src/impact/outputs';

const perform = async (z: ZObject, bundle: Bundle): Promise<ImpactCampaignOutput[]> => {
  const campaigns = (await new ImpactClient(z, bundle).activeCampaigns()).map(storedCampaign);
  // The fresh list also serves the next link runs, so a campaign joined just now is linkable.
  await keepCampaigns(z, bundle, campaigns);
  // Impact gives no contract date; higher ids are newer campaigns, and Zapier deduplicates on id.
  return campaigns.sort((a, b) => b.campaignId - a.campaignId).map(campaignOutput);
};

export default defineTrigger({
  key: 'new_impact_campaign',
  noun: 'Campaign',
  display: {
    label: 'New Impact Campaign',
    description:
      'Triggers when your Impact.com account gets an active contract with a campaign (brand program).',
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    sample: campaignSample,
    outputFields: [...campaignOutputFields],
  },
});
