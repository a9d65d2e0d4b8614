import App from '../index';
import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../sandbox/credentials';

import { createDemoContext, type DemoContext } from './context';

type Bulk = { total: number; succeeded: number; failed: number; links: unknown[] };

/** The network side, with the demo connection's network key (Acme Network). */
async function networkSide(demo: DemoContext): Promise<void> {
  demo.step(
    'Generate Everflow Tracking Link (network key: offer 1 for affiliate 7, offer URL, sub1)',
    await demo.run(App.creates.everflow_tracking_link, {
      network_offer_id: '1',
      network_affiliate_id: '7',
      network_offer_url_id: '11',
      sub1: 'deal-42',
    }),
  );
  await demo.refused(
    'Generate Everflow Tracking Link for an affiliate not approved for the offer',
    App.creates.everflow_tracking_link,
    { network_offer_id: 4, network_affiliate_id: 7 },
  );

  const rows = Array.from({ length: 100 }, (_, i) => ({
    network_offer_id: i === 4 ? '4' : String([1, 2, 6][i % 3]),
    network_affiliate_id: '7',
    sub1: `row-${i + 1}`,
  }));
  const bulk = await demo.run<Bulk>(App.creates.everflow_tracking_links_batch, { links: rows });
  demo.step('Generate Everflow Tracking Links in Bulk (100 rows, paced under 30 requests/s)', {
    total: bulk.total,
    succeeded: bulk.succeeded,
    failed: bulk.failed,
    links: bulk.links.slice(3, 6),
  });

  demo.step(
    'Generate Everflow Tracking Links & Assets (network key: every offer affiliate 7 can run, ' +
      'with offer URLs, creatives and coupon codes; offer 4 is skipped)',
    await demo.run(App.creates.everflow_tracking_assets, {
      network_affiliate_id: '7',
      scope: 'all',
      include_offer_urls: true,
      include_coupon_codes: true,
      include_creatives: true,
      sub1: 'welcome',
    }),
  );

  demo.step(
    'Find Everflow Offer "acme shoes"',
    await demo.run(App.searches.everflow_offer, { name: 'acme shoes' }),
  );
  demo.step(
    'Find Everflow Coupon Code "vpn50"',
    await demo.run(App.searches.everflow_coupon_code, { coupon_code: 'vpn50' }),
  );
  demo.step(
    'New Everflow Offer (newest first)',
    await demo.run(App.triggers.new_everflow_offer, {}),
  );
  demo.step('Dropdown: affiliates', await demo.run(App.triggers.everflow_affiliate_list, {}));
}

/** The partner side, with Jamie Partner's key (affiliate 7). */
async function partnerSide(demo: DemoContext): Promise<void> {
  demo.step('Connection label (partner key)', await demo.connect());
  demo.step(
    "Generate Everflow Tracking Link (partner key: the offer's link plus source and subs)",
    await demo.run(App.creates.everflow_tracking_link, {
      network_offer_id: 6,
      network_offer_url_id: 61,
      source_id: 'newsletter',
      sub1: 'june issue',
    }),
  );
  demo.step(
    'Generate Everflow Tracking Link (partner key: impression link)',
    await demo.run(App.creates.everflow_tracking_link, {
      network_offer_id: 2,
      link_type: 'impression',
    }),
  );
  await demo.refused(
    'Generate Everflow Tracking Link for the offer the partner may not run',
    App.creates.everflow_tracking_link,
    { network_offer_id: 4 },
  );
  const rows = Array.from({ length: 30 }, (_, i) => ({
    network_offer_id: String([1, 2, 3][i % 3]),
    sub1: `row-${i + 1}`,
  }));
  const bulk = await demo.run<Bulk>(App.creates.everflow_tracking_links_batch, { links: rows });
  demo.step('Generate Everflow Tracking Links in Bulk (30 rows, 3 Everflow calls)', {
    total: bulk.total,
    succeeded: bulk.succeeded,
    failed: bulk.failed,
    links: bulk.links.slice(0, 2),
  });
  demo.step(
    'Generate Everflow Tracking Links & Assets (partner key: all runnable offers, click and ' +
      'impression links, offer URLs, coupon codes and creatives, in 2 Everflow calls)',
    await demo.run(App.creates.everflow_tracking_assets, {
      scope: 'all',
      link_types: ['click', 'impression'],
      include_offer_urls: true,
      include_coupon_codes: true,
      include_creatives: true,
      source_id: 'newsletter',
    }),
  );
  demo.step(
    'Find Everflow Coupon Code for offer 1',
    await demo.run(App.searches.everflow_coupon_code, { network_offer_id: 1 }),
  );
}

/**
 * Every Everflow action against the sandbox: `demo` carries the demo connection (a network key);
 * the partner side runs with its own connection, holding the demo partner key.
 */
export async function demoEverflow(demo: DemoContext): Promise<void> {
  await networkSide(demo);
  await partnerSide(
    createDemoContext({
      ...DEMO_AUTH_DATA,
      everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
      everflow_api_type: 'affiliate',
    }),
  );
}
