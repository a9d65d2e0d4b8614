import { DEMO_AUTH_DATA, DEMO_IMPACT_AUTH_DATA } from '../sandbox/credentials';
import { type UrlTrackingLink } from '../src/anyUrl/outputs';
import { type BulkSummary } from '../src/core/bulk';
import {
  type ImpactBulkLink,
  type ImpactCampaignOutput,
  type ImpactTrackingLink,
} from '../src/impact/outputs';
import App from '../index';
import { createDemoContext, type DemoContext } from './context';
import { bulkLines, listWithMore, plural, SHOWN } from './format';

type Choice = { id: string; name: string };

const RIDGE_TENT = 'https://www.trailheadgear.example/tents/ridge-2p';

/**
 * Impact: the connection, the campaign list, one deep link with a sub ID, the refusals made before
 * any call (a page outside the campaign's deep-link domains, a campaign without deep links), a bulk
 * run, the new-campaign trigger, and a shop URL that only Impact sells from turned into its link.
 * This part runs with the Impact demo account added to the other networks' demo credentials.
 */
export async function demoImpact(_others: DemoContext): Promise<void> {
  const demo: DemoContext = createDemoContext({ ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA });
  const label = await demo.connect();
  demo.done(`Connected with the Impact demo account: ${label}.`);

  const campaigns = await demo.run<Choice[]>(App.triggers.impact_campaign_list, {});
  demo.done(
    `Listed ${plural(campaigns.length, 'joined campaign')} for the Campaign dropdown:`,
    listWithMore(campaigns, SHOWN, (campaign) => campaign.name),
  );

  const link = await demo.run<ImpactTrackingLink>(App.creates.impact_tracking_link, {
    campaignId: '10306',
    deepLink: RIDGE_TENT,
    subId1: 'row-7',
  });
  demo.done(
    `Made an Impact deep link to ${link.campaignName}'s tent page, with sub ID row-7:`,
    [link.url],
    1,
  );

  await demo.refused(
    'Asked for a deep link to a page outside the campaign’s deep-link domains (no call is made):',
    App.creates.impact_tracking_link,
    { campaignId: '10306', deepLink: 'https://www.othershop.example/tents' },
  );
  await demo.refused(
    'Asked for a deep link on a campaign that allows none (no call is made):',
    App.creates.impact_tracking_link,
    { campaignId: '12011', deepLink: 'https://www.nordlys.example/jackets' },
  );

  const rows = Array.from({ length: 24 }, (_, i) => ({
    campaignId: i === 5 ? '12011' : '10306',
    deepLink: i === 5 ? 'https://www.nordlys.example/jackets' : `${RIDGE_TENT}?colour=${i + 1}`,
    subId1: `row-${i + 1}`,
  }));
  const bulk = await demo.run<BulkSummary<ImpactBulkLink>>(
    App.creates.impact_tracking_links_batch,
    { links: rows },
  );
  demo.done(
    `Made ${plural(bulk.succeeded, 'Impact link')} for ${plural(bulk.total, 'row')} in bulk, in order ` +
      `(${plural(bulk.failed, 'row')} refused with ${bulk.failed === 1 ? 'its' : 'their'} reason):`,
    bulkLines(bulk.links),
    bulk.succeeded,
  );

  const added = await demo.run<ImpactCampaignOutput[]>(App.triggers.new_impact_campaign, {});
  demo.done(
    `The New Impact Campaign trigger sees ${plural(added.length, 'campaign')} with an active contract:`,
    listWithMore(added, SHOWN, (campaign) => {
      const domains = campaign.allowsDeeplinking
        ? `deep links to ${campaign.deeplinkDomains || 'any page'}`
        : 'no deep links';
      return `${campaign.campaignName} (${campaign.advertiserName ?? 'advertiser unnamed'}): ${domains}`;
    }),
  );

  const shop = 'https://www.brightsidetravel.example/deals/lisbon';
  const matched = await demo.run<UrlTrackingLink>(App.creates.tracking_link_for_url, {
    url: shop,
    tracking_ref: 'deal-42',
  });
  demo.done(
    `Turned ${shop} into a link: only Impact's ${matched.advertiser_name} sells from ` +
      `${matched.matched_domain} among the connected networks, so the link is an Impact deep link ` +
      `with the tracking reference deal-42 as subId1:`,
    [matched.url],
    1,
  );
}
