import App from '../index';
import type { NewEverflowOffer } from '../triggers/newEverflowOffer';
import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../sandbox/credentials';
import type { BulkSummary } from '../src/core/bulk';
import type { EverflowBulkLink } from '../src/everflow/bulk';
import type { EverflowLink } from '../src/everflow/links';
import {
  DEFAULT_OFFER_URL_NAME,
  type EverflowAssets,
  type EverflowCouponOutput,
  type EverflowOfferOutput,
} from '../src/everflow/outputs';

import { createDemoContext, type DemoContext } from './context';
import {
  bulkLines,
  dateRange,
  joinWords,
  listWithMore,
  named,
  namesOf,
  plural,
  SHOWN,
  titledList,
} from './format';

type Names = ReadonlyMap<string, string>;
type Choice = { id: string; name: string };

const CREATIVE_TYPES: Readonly<Record<string, string>> = { html: 'HTML', email: 'email' };

/** "Acme Shoes Summer Sale (offer 1), from 1 Jun 2025 to 31 Aug 2025": a coupon's offer and dates. */
function couponWhen(
  coupon: Pick<EverflowCouponOutput, 'network_offer_id' | 'start_date' | 'end_date'> & {
    offer_name?: string | null;
  },
  names: Names,
): string {
  const offerNames = coupon.offer_name
    ? new Map([[String(coupon.network_offer_id), coupon.offer_name]])
    : names;
  const dates = dateRange(coupon.start_date, coupon.end_date);
  return `${named(offerNames, 'offer', coupon.network_offer_id)}${dates ? `, ${dates}` : ''}`;
}

/** The asset package: what it holds, then a few of its links, coupon codes and creatives. */
function assetLines(assets: EverflowAssets, names: Names): string[] {
  const offerUrl = (link: EverflowAssets['links'][number]) =>
    link.offer_url_name === DEFAULT_OFFER_URL_NAME
      ? 'default page'
      : (link.offer_url_name ?? `offer URL ${link.network_offer_url_id}`);
  const kinds = (link: EverflowAssets['links'][number]) =>
    [link.link_type === 'impression' ? 'impression link' : '', link.is_direct_link ? 'direct' : '']
      .filter(Boolean)
      .map((kind) => ` (${kind})`)
      .join('');
  const creativeType = (type: string | null) => (type ? ` (${CREATIVE_TYPES[type] ?? type})` : '');
  return [
    `${plural(assets.total_offers, 'offer')}: ` +
      joinWords([
        plural(assets.links.length, 'link'),
        plural(assets.coupon_codes.length, 'coupon code'),
        plural(assets.creatives.length, 'creative'),
        `${plural(assets.skipped.length, 'offer')} skipped`,
      ]),
    ...titledList('Links', assets.links, SHOWN, (link) => {
      const offer = link.offer_name ?? `Offer ${link.network_offer_id}`;
      return `${offer}, ${offerUrl(link)}${kinds(link)} → ${link.url}`;
    }),
    ...titledList('Coupon codes', assets.coupon_codes, SHOWN, (coupon) => {
      const link = coupon.tracking_link ? ` → ${coupon.tracking_link}` : '';
      return `${coupon.coupon_code} for ${couponWhen(coupon, names)}${link}`;
    }),
    ...titledList('Creatives', assets.creatives, SHOWN, (creative) => {
      const name = creative.name ?? `Creative ${creative.creative_id}`;
      const link = creative.url ? ` → ${creative.url}` : '';
      return `${name}${creativeType(creative.creative_type)}${link}`;
    }),
    ...titledList('Skipped', assets.skipped, SHOWN, (skip) => {
      const what =
        skip.network_offer_id === null
          ? 'Part of the package'
          : named(names, 'offer', skip.network_offer_id);
      return `${what}: ${skip.reason}`;
    }),
  ];
}

/** The network side, with the demo connection's network key (Acme Network). Returns offer names. */
async function networkSide(demo: DemoContext): Promise<Names> {
  const affiliateChoices = await demo.run<Choice[]>(App.triggers.everflow_affiliate_list, {});
  demo.done(
    `Listed ${plural(affiliateChoices.length, 'affiliate')} for the Affiliate dropdown:`,
    listWithMore(affiliateChoices, SHOWN, (affiliate) => affiliate.name),
  );
  const affiliates = namesOf(affiliateChoices);
  const newest = await demo.run<NewEverflowOffer[]>(App.triggers.new_everflow_offer, {});
  demo.done(
    `Found ${plural(newest.length, 'active Everflow offer')}, newest first ` +
      '(the New Everflow Offer trigger starts a Zap for each new one):',
    listWithMore(newest, SHOWN, (offer) => {
      const preview = offer.preview_url ? ` → ${offer.preview_url}` : '';
      return `${offer.name} (offer ${offer.network_offer_id})${preview}`;
    }),
  );
  const names = namesOf(newest);

  const link = await demo.run<EverflowLink>(App.creates.everflow_tracking_link, {
    network_offer_id: '1',
    network_affiliate_id: '7',
    network_offer_url_id: '11',
    sub1: 'deal-42',
  });
  demo.done(
    `Made an Everflow ${link.link_type} link for ${named(names, 'offer', link.network_offer_id)}, ` +
      `for ${named(affiliates, 'affiliate', link.network_affiliate_id)}, to offer URL 11, ` +
      'with sub1 "deal-42":',
    [link.url],
    1,
  );
  await demo.refused(
    `Asked for a link to ${named(names, 'offer', 4)} for ${named(affiliates, 'affiliate', 7)}, ` +
      'who is not approved for it.',
    App.creates.everflow_tracking_link,
    { network_offer_id: 4, network_affiliate_id: 7 },
  );

  const rows = Array.from({ length: 100 }, (_, i) => ({
    network_offer_id: i === 4 ? '4' : String([1, 2, 6][i % 3]),
    network_affiliate_id: '7',
    sub1: `row-${i + 1}`,
  }));
  const bulk = await demo.run<BulkSummary<EverflowBulkLink>>(
    App.creates.everflow_tracking_links_batch,
    { links: rows },
  );
  demo.done(
    `Sent ${plural(bulk.total, 'row')} to Everflow in bulk for ${named(affiliates, 'affiliate', 7)}, ` +
      `paced under Everflow's 30 requests a second: ${plural(bulk.succeeded, 'link')} made, ` +
      `${plural(bulk.failed, 'row')} refused:`,
    bulkLines(bulk.links),
    bulk.succeeded,
  );

  const assets = await demo.run<EverflowAssets>(App.creates.everflow_tracking_assets, {
    network_affiliate_id: '7',
    scope: 'all',
    include_offer_urls: true,
    include_coupon_codes: true,
    include_creatives: true,
    sub1: 'welcome',
  });
  demo.done(
    `Made the links & assets package for ${named(affiliates, 'affiliate', 7)}: every offer they ` +
      'may run, with each offer URL, coupon codes and creatives, sub1 "welcome":',
    assetLines(assets, names),
    assets.links.length,
  );

  const offers = await demo.run<EverflowOfferOutput[]>(App.searches.everflow_offer, {
    name: 'acme shoes',
  });
  demo.done(
    `Searched Everflow offers for "acme shoes": ${plural(offers.length, 'match', 'matches')}:`,
    listWithMore(
      offers,
      SHOWN,
      (offer) =>
        `${offer.name} (offer ${offer.network_offer_id})${offer.offer_status ? `, ${offer.offer_status}` : ''}`,
    ),
  );
  const coupons = await demo.run<EverflowCouponOutput[]>(App.searches.everflow_coupon_code, {
    coupon_code: 'vpn50',
  });
  demo.done(
    `Looked up coupon code "vpn50": ${plural(coupons.length, 'match', 'matches')}:`,
    listWithMore(
      coupons,
      SHOWN,
      (coupon) => `${coupon.coupon_code} for ${couponWhen(coupon, names)}`,
    ),
  );
  return names;
}

/** The partner side, with Jamie Partner's key (affiliate 7). */
async function partnerSide(demo: DemoContext, names: Names): Promise<void> {
  demo.done(`Connected with a partner key instead: ${await demo.connect()}`);
  const link = await demo.run<EverflowLink>(App.creates.everflow_tracking_link, {
    network_offer_id: 6,
    network_offer_url_id: 61,
    source_id: 'newsletter',
    sub1: 'june issue',
  });
  demo.done(
    `Made an Everflow ${link.link_type} link for ${named(names, 'offer', link.network_offer_id)}, ` +
      'to offer URL 61, with source "newsletter" and sub1 "june issue":',
    [link.url],
    1,
  );
  const impression = await demo.run<EverflowLink>(App.creates.everflow_tracking_link, {
    network_offer_id: 2,
    link_type: 'impression',
  });
  demo.done(
    `Made an Everflow ${impression.link_type} link (it counts views, not clicks) for ` +
      `${named(names, 'offer', impression.network_offer_id)}:`,
    [impression.url],
    1,
  );
  await demo.refused(
    `Asked for a link to ${named(names, 'offer', 4)}, which this partner may not run.`,
    App.creates.everflow_tracking_link,
    { network_offer_id: 4 },
  );
  const rows = Array.from({ length: 30 }, (_, i) => ({
    network_offer_id: String([1, 2, 3][i % 3]),
    sub1: `row-${i + 1}`,
  }));
  const bulk = await demo.run<BulkSummary<EverflowBulkLink>>(
    App.creates.everflow_tracking_links_batch,
    { links: rows },
  );
  demo.done(
    `Sent ${plural(bulk.total, 'row')} to Everflow in bulk, one Everflow call per offer: ` +
      `${plural(bulk.succeeded, 'link')} made, ${plural(bulk.failed, 'row')} refused:`,
    bulkLines(bulk.links),
    bulk.succeeded,
  );
  const assets = await demo.run<EverflowAssets>(App.creates.everflow_tracking_assets, {
    scope: 'all',
    link_types: ['click', 'impression'],
    include_offer_urls: true,
    include_coupon_codes: true,
    include_creatives: true,
    source_id: 'newsletter',
  });
  demo.done(
    'Made the links & assets package for every offer this partner may run: click and ' +
      'impression links for each offer URL, coupon codes and creatives, source "newsletter":',
    assetLines(assets, names),
    assets.links.length,
  );
  const coupons = await demo.run<EverflowCouponOutput[]>(App.searches.everflow_coupon_code, {
    network_offer_id: 1,
  });
  demo.done(
    `Looked up the coupon codes of ${named(names, 'offer', 1)}: ${plural(coupons.length, 'code')}:`,
    listWithMore(
      coupons,
      SHOWN,
      (coupon) =>
        `${coupon.coupon_code}, ${dateRange(coupon.start_date, coupon.end_date)}` +
        (coupon.tracking_link ? ` → ${coupon.tracking_link}` : ''),
    ),
  );
}

/**
 * Every Everflow action against the sandbox: `demo` carries the demo connection (a network key);
 * the partner side runs with its own connection, holding the demo partner key.
 */
export async function demoEverflow(demo: DemoContext): Promise<void> {
  const names = await networkSide(demo);
  await partnerSide(
    createDemoContext({
      ...DEMO_AUTH_DATA,
      everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
      everflow_api_type: 'affiliate',
    }),
    names,
  );
}
