import { type OfferslookTrackingLinks } from '../src/offerslook/outputs';
import App from '../index';
import type { DemoContext } from './context';

/** Every Offerslook action against the sandbox: links (with sub IDs, a landing page, for many offers), search, triggers. */
export async function demoOfferslook(demo: DemoContext): Promise<void> {
  demo.step(
    'Get Offerslook Tracking Links (one spreadsheet cell: "205, 118; 16 342")',
    await demo.run(App.creates.offerslook_tracking_links, { offer_ids: '205, 118; 16 342' }),
  );

  demo.step(
    'Dropdown: landing pages of offer 16',
    await demo.run(App.triggers.offerslook_offer_url_list, { offer_ids: '16' }),
  );
  demo.step(
    'Get Offerslook Tracking Links (offer 16, landing page "Summer sale", Sub ID 1 "row 7&x", Source ID "newsletter")',
    await demo.run(App.creates.offerslook_tracking_links, {
      offer_ids: '16',
      url_id: '8',
      aff_sub1: 'row 7&x',
      source_id: 'newsletter',
    }),
  );
  await demo.refused(
    'Get Offerslook Tracking Links with a landing page for two offers',
    App.creates.offerslook_tracking_links,
    { offer_ids: '16, 102', url_id: 'random' },
  );

  const ids = Array.from({ length: 250 }, (_, i) => i + 1);
  const bulk = await demo.run<OfferslookTrackingLinks>(App.creates.offerslook_tracking_links, {
    offer_ids: ids,
    aff_sub1: 'spring-mailing',
  });
  demo.step('Get Offerslook Tracking Links (250 IDs with Sub ID 1, 3 Offerslook calls)', {
    links: bulk.links.map((link) => `${link.offer_id}: ${link.url}`),
    missing_offer_ids: `${bulk.missing_offer_ids.length} offers without a link`,
  });

  await demo.refused(
    'Get Offerslook Tracking Links for an offer ID Offerslook refuses',
    App.creates.offerslook_tracking_links,
    { offer_ids: '16, 999' },
  );
  demo.step(
    'Find Offerslook Offer "acme shoes"',
    await demo.run(App.searches.offerslook_offer, { name: 'acme shoes' }),
  );
  demo.step(
    'New Offerslook Offer (newest first)',
    await demo.run(App.triggers.new_offerslook_offer, {}),
  );
  demo.step('Dropdown: offers', await demo.run(App.triggers.offerslook_offer_list, {}));
}
