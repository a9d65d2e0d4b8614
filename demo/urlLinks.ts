import App from '../index';
import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../sandbox/credentials';

import { createDemoContext, type DemoContext } from './context';

/**
 * Any shop URL to the right affiliate link: one URL resolved on each network, a search across all
 * three, and a shop no network has. The demo connection holds an Everflow network key, which has
 * no affiliate to link for, so this section runs with the demo partner key in its place.
 */
export async function demoUrlLinks(demo: DemoContext): Promise<void> {
  const everyNetwork = createDemoContext({
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
  });
  everyNetwork.step(
    'Find Advertiser for URL (the same shop on all three networks: ties go Awin, Everflow, Offerslook)',
    await everyNetwork.run(App.searches.advertiser_for_url, {
      url: 'https://www.acmeshoes.example/boots',
    }),
  );
  everyNetwork.step(
    'Generate Tracking Link for Any URL (Awin: a product page on a subdomain, Tracking Reference as clickref)',
    await everyNetwork.run(App.creates.tracking_link_for_url, {
      url: 'https://shop.acmeshoes.example/trainers/runner-2?colour=blue',
      tracking_ref: 'row-1',
    }),
  );
  everyNetwork.step(
    'Generate Tracking Link for Any URL (Everflow partner: the offer URL that fits the page, sub1)',
    await everyNetwork.run(App.creates.tracking_link_for_url, {
      url: 'https://shop.brightlamps.example/desk/led/aurora',
      tracking_ref: 'row-2',
    }),
  );
  everyNetwork.step(
    'Generate Tracking Link for Any URL (Offerslook: the offer’s tracking link; lists read from the cache)',
    await everyNetwork.run(App.creates.tracking_link_for_url, {
      url: 'https://www.pixelpet.example/food/kitten-dry',
    }),
  );
  await everyNetwork.refused(
    'Generate Tracking Link for Any URL for a shop no connected network has (the Zap skips this row and goes on)',
    App.creates.tracking_link_for_url,
    { url: 'https://www.unknownshop.example/item/1' },
  );
  // Jane Doe's token reaches two Awin publisher accounts; without a default both are matched.
  const everyAccount = createDemoContext(
    Object.fromEntries(
      Object.entries({
        ...DEMO_AUTH_DATA,
        everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
        everflow_api_type: 'affiliate',
      }).filter(([key]) => key !== 'awin_publisher_id'),
    ),
  );
  everyAccount.step(
    'Find Advertiser for URL without a default Awin account (a match per account, each with its commission)',
    await everyAccount.run(App.searches.advertiser_for_url, {
      url: 'https://shop.brightlamps.example/desk',
    }),
  );
  everyAccount.step(
    'Generate Tracking Link for Any URL, Prefer: Closest domain match (Everflow: the longer domain)',
    await everyAccount.run(App.creates.tracking_link_for_url, {
      url: 'https://shop.brightlamps.example/desk/led',
    }),
  );
  everyAccount.step(
    'Generate Tracking Link for Any URL, Prefer: Highest commission (Awin, USD 5.00–9.00 over USD 6.00, for the second account that joined it)',
    await everyAccount.run(App.creates.tracking_link_for_url, {
      url: 'https://shop.brightlamps.example/desk/led',
      prefer: 'commission',
    }),
  );
  demo.step(
    'Find Advertiser for URL with the demo connection (Everflow network key: its offers are not matched)',
    await demo.run(App.searches.advertiser_for_url, {
      url: 'https://shop.brightlamps.example/desk',
    }),
  );
}
