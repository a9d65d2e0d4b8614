import App from '../index';
import type { AwinPromotionOutput } from '../src/awin/outputs';
import type { DemoContext } from './context';

/** Every Awin action against the sandbox: one link, a short link, bulk links, searches, triggers. */
export async function demoAwin(demo: DemoContext): Promise<void> {
  demo.step('Connection label', await demo.connect());

  demo.step(
    'Generate Awin Tracking Link (deep link with click reference)',
    await demo.run(App.creates.awin_tracking_link, {
      advertiserId: '1001',
      destinationUrl: 'https://shop.acmeshoes.example/boots?size=42',
      clickref: 'sheet-row-7',
    }),
  );
  demo.step(
    'Generate Awin Tracking Link (shortened)',
    await demo.run(App.creates.awin_tracking_link, { advertiserId: 1002, shorten: true }),
  );
  await demo.refused(
    'Generate Awin Tracking Link for an advertiser that refuses deep links',
    App.creates.awin_tracking_link,
    { advertiserId: 1007, destinationUrl: 'https://www.sunnytravel.example/deals' },
  );

  const rows = Array.from({ length: 150 }, (_, i) => ({
    advertiserId: i === 4 ? '1007' : String(1001 + (i % 6)),
    destinationUrl: `https://www.acmeshoes.example/item/${i + 1}`,
    clickref: `row-${i + 1}`,
  }));
  const bulk = await demo.run<{
    total: number;
    succeeded: number;
    failed: number;
    links: unknown[];
  }>(App.creates.awin_tracking_links_batch, { links: rows });
  demo.step('Generate Awin Tracking Links in Bulk (150 rows, 2 Awin calls)', {
    total: bulk.total,
    succeeded: bulk.succeeded,
    failed: bulk.failed,
    links: bulk.links.slice(3, 6),
  });

  demo.step('Find Awin Short Link Quota', await demo.run(App.searches.awin_short_link_quota, {}));
  demo.step(
    'Find Awin Advertiser "nordic outdoor"',
    await demo.run(App.searches.awin_advertiser, { name: 'nordic outdoor' }),
  );
  demo.step(
    'New Joined Awin Advertiser (newest first)',
    await demo.run(App.triggers.new_awin_advertiser, {}),
  );
  demo.step(
    'Dropdown: publisher accounts',
    await demo.run(App.triggers.awin_publisher_account_list, {}),
  );
  demo.step('Dropdown: joined advertisers', await demo.run(App.triggers.awin_advertiser_list, {}));

  // New voucher → Slack: the trigger's newest voucher, posted with its code and tracking link.
  const [voucher] = await demo.run<AwinPromotionOutput[]>(App.triggers.new_awin_promotion, {
    type: 'voucher',
    clickref: 'slack',
  });
  demo.step('New Awin Promotion or Voucher → Slack: Send Channel Message', {
    message:
      `New ${voucher.voucherExclusive ? 'exclusive ' : ''}voucher from ${voucher.advertiserName}: ` +
      `${voucher.title}. Code ${voucher.voucherCode} (${voucher.regions}), until ` +
      `${voucher.endDate?.slice(0, 10)}. Shop with our link: ${voucher.trackingUrl}`,
  });
  demo.step(
    'Awin Programme Suspended or Offline',
    await demo.run(App.triggers.awin_programme_unavailable, {}),
  );
}
