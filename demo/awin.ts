import App from '../index';
import type { AwinTrackingLink } from '../creates/awinTrackingLink';
import type { AwinShortLinkQuota } from '../searches/awinShortLinkQuota';
import type { BulkSummary } from '../src/core/bulk';
import type { AwinBulkLink } from '../src/awin/bulk';
import type {
  AwinAdvertiserDetailsOutput,
  AwinAdvertiserOutput,
  AwinProgrammeUnavailableOutput,
  AwinPromotionOutput,
} from '../src/awin/outputs';
import type { DemoContext } from './context';
import { bulkLines, day, listWithMore, named, namesOf, plural, SHOWN } from './format';

type Choice = { id: string; name: string };

/** "Nordic Outdoor (1002), Sports & Outdoors, Sweden": an advertiser with where it sells. */
function advertiserLine(advertiser: AwinAdvertiserOutput): string {
  const where = [advertiser.primarySector, advertiser.primaryRegion.name].filter(Boolean);
  return [`${advertiser.name} (${advertiser.id})`, ...where].join(', ');
}

/** Every Awin action against the sandbox: one link, a short link, bulk links, searches, triggers. */
export async function demoAwin(demo: DemoContext): Promise<void> {
  demo.done(`Connected: ${await demo.connect()}`);

  const accounts = await demo.run<Choice[]>(App.triggers.awin_publisher_account_list, {});
  demo.done(
    `Listed your ${plural(accounts.length, 'Awin publisher account')} for the Publisher dropdown:`,
    listWithMore(accounts, SHOWN, (account) => account.name),
  );
  const joined = await demo.run<Choice[]>(App.triggers.awin_advertiser_list, {});
  demo.done(
    `Listed your ${plural(joined.length, 'joined advertiser')} for the Advertiser dropdown:`,
    listWithMore(joined, SHOWN, (advertiser) => advertiser.name),
  );
  const newest = await demo.run<AwinAdvertiserOutput[]>(App.triggers.new_awin_advertiser, {});
  demo.done(
    `Found ${plural(newest.length, 'joined Awin advertiser')}, newest first ` +
      '(the New Joined Awin Advertiser trigger starts a Zap for each new one):',
    listWithMore(newest, SHOWN, advertiserLine),
  );
  const names = namesOf(newest);

  const link = await demo.run<AwinTrackingLink>(App.creates.awin_tracking_link, {
    advertiserId: '1001',
    destinationUrl: 'https://shop.acmeshoes.example/boots?size=42',
    clickref: 'sheet-row-7',
  });
  demo.done(
    `Made an Awin tracking link for ${named(names, 'advertiser', link.advertiserId)} to ` +
      `${link.destinationUrl}, with click reference "sheet-row-7":`,
    [link.url],
    1,
  );
  const short = await demo.run<AwinTrackingLink>(App.creates.awin_tracking_link, {
    advertiserId: 1002,
    shorten: true,
  });
  demo.done(
    `Made a short Awin link to the home page of ${named(names, 'advertiser', short.advertiserId)}:`,
    [`Short link: ${short.shortUrl ?? 'none made'}`, `Full link:  ${short.url}`],
    1,
  );
  await demo.refused(
    `Asked for a deep link to ${named(names, 'advertiser', 1007)}, which does not allow them.`,
    App.creates.awin_tracking_link,
    { advertiserId: 1007, destinationUrl: 'https://www.sunnytravel.example/deals' },
  );

  const rows = Array.from({ length: 150 }, (_, i) => ({
    advertiserId: i === 4 ? '1007' : String(1001 + (i % 6)),
    destinationUrl: `https://www.acmeshoes.example/item/${i + 1}`,
    clickref: `row-${i + 1}`,
  }));
  const bulk = await demo.run<BulkSummary<AwinBulkLink>>(App.creates.awin_tracking_links_batch, {
    links: rows,
  });
  demo.done(
    `Sent ${plural(bulk.total, 'row')} of a sheet to Awin in bulk (batches of up to 100): ` +
      `${plural(bulk.succeeded, 'link')} made, ${plural(bulk.failed, 'row')} refused:`,
    bulkLines(bulk.links),
    bulk.succeeded,
  );

  const [quota] = await demo.run<AwinShortLinkQuota[]>(App.searches.awin_short_link_quota, {});
  demo.done(
    `Looked up your Awin short-link allowance: ${quota.usage} of ${quota.limit} used, ` +
      `${quota.remaining} left.`,
  );
  const found = await demo.run<AwinAdvertiserDetailsOutput[]>(App.searches.awin_advertiser, {
    name: 'nordic outdoor',
  });
  demo.done(
    `Searched your Awin advertisers for "nordic outdoor": ${plural(found.length, 'match', 'matches')}, best first:`,
    listWithMore(found, SHOWN, (advertiser) => {
      const pays = advertiser.commission ? `, pays ${advertiser.commission}` : '';
      const deep = advertiser.deeplinkEnabled ? ', deep links allowed' : '';
      const home = advertiser.clickThroughUrl ? ` → ${advertiser.clickThroughUrl}` : '';
      return `${advertiserLine(advertiser)}${pays}${deep}${home}`;
    }),
  );

  // New voucher → Slack: the trigger's newest voucher, posted with its code and tracking link.
  const [voucher] = await demo.run<AwinPromotionOutput[]>(App.triggers.new_awin_promotion, {
    type: 'voucher',
    clickref: 'slack',
  });
  const from = voucher.advertiserName ?? `advertiser ${voucher.advertiserId}`;
  const title = voucher.title ? `: ${voucher.title}` : '';
  const code = voucher.voucherCode ? ` Code ${voucher.voucherCode}` : '';
  const regions = voucher.regions === 'all' ? '' : ` (${voucher.regions})`;
  const until = voucher.endDate ? `, until ${day(voucher.endDate)}` : '';
  demo.done("Picked up Awin's newest voucher and wrote the Slack message a Zap would post:", [
    `New ${voucher.voucherExclusive ? 'exclusive ' : ''}voucher from ${from}${title}.` +
      `${code}${regions}${until}. Shop with our link: ${voucher.trackingUrl}`,
  ]);

  const unavailable = await demo.run<AwinProgrammeUnavailableOutput[]>(
    App.triggers.awin_programme_unavailable,
    {},
  );
  demo.done(
    `Checked your Awin programmes for trouble: ${plural(unavailable.length, 'needs', 'need')} ` +
      'attention (the trigger starts a Zap once for each):',
    listWithMore(unavailable, SHOWN, (programme) => programme.reason),
  );
}
