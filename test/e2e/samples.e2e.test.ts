import { compileApp, serializeApp } from 'zapier-platform-core/src/tools/schema';
import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../../sandbox/credentials';
import { WEB_CASES } from '../../sandbox/web';
import { visibleActions, type Definition } from '../definition/rules';
import { App, run } from '../support/app';
import { sampleMismatches } from '../support/sampleShape';

import { useSandbox } from '../support/sandbox';

/**
 * Samples that are true: every visible action runs against the sandbox, and its real output must
 * carry every key of its static sample, with the same JSON type. A sample that drifts from what the
 * action returns fails here.
 */
useSandbox({ awinCallsPerMinute: 1000 });

const network = { ...DEMO_AUTH_DATA };
const partner = {
  ...DEMO_AUTH_DATA,
  everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
  everflow_api_type: 'affiliate',
};
const impact = { ...DEMO_IMPACT_AUTH_DATA };
type Auth = Record<string, string>;

/** Inputs that make each action return its fullest output (e.g. a short link, a coupon's link). */
const CASES: Record<string, { input: Record<string, unknown>; auth?: Auth }> = {
  'triggers.new_awin_advertiser': { input: {} },
  'triggers.new_awin_promotion': { input: { type: 'voucher', clickref: 'newsletter' } },
  'triggers.awin_programme_unavailable': { input: {} },
  'triggers.new_everflow_offer': { input: {}, auth: partner },
  'triggers.new_offerslook_offer': { input: {} },
  'searches.awin_short_link_quota': { input: {} },
  'searches.awin_advertiser': { input: { name: 'acme shoes' } },
  'searches.awin_promotion': { input: { query: 'boots', clickref: 'newsletter' } },
  'searches.everflow_offer': { input: { name: 'acme shoes' } },
  'searches.everflow_coupon_code': { input: { coupon_code: 'SUMMER20' }, auth: partner },
  'searches.offerslook_offer': { input: { name: 'acme shoes' } },
  'creates.awin_tracking_link': {
    input: {
      advertiserId: 1001,
      destinationUrl: 'https://www.acmeshoes.example/sale',
      shorten: true,
    },
  },
  'creates.awin_tracking_links_batch': {
    input: {
      links: [
        { advertiserId: 1001, destinationUrl: 'https://www.acmeshoes.example/a', clickref: 'r1' },
      ],
    },
  },
  'creates.everflow_tracking_link': {
    input: { network_offer_id: 1, network_affiliate_id: 7, sub1: 'r1' },
  },
  'creates.everflow_tracking_links_batch': {
    input: { links: [{ network_offer_id: 1, network_affiliate_id: 7, sub1: 'r1' }] },
  },
  // Offer 4 is not runnable by the partner, so the output also lists a skipped offer.
  'creates.everflow_tracking_assets': {
    input: {
      network_offer_ids: '1, 4',
      include_offer_urls: true,
      include_coupon_codes: true,
      include_creatives: true,
      sub1: 'spring',
    },
    auth: partner,
  },
  // 118 needs approval, so the output also lists a missing id.
  'creates.offerslook_tracking_links': {
    input: { offer_ids: '16, 205, 118', source_id: 'newsletter', aff_sub1: 'row-42' },
  },
  'triggers.new_impact_campaign': { input: {}, auth: impact },
  'creates.impact_tracking_link': {
    input: {
      campaignId: 10306,
      deepLink: 'https://www.trailheadgear.example/tents/ridge-2p',
      subId1: 'row-42',
    },
    auth: impact,
  },
  // Campaign 12011 allows no deep links, so the second row has an error.
  'creates.impact_tracking_links_batch': {
    input: {
      links: [
        { campaignId: 10306, deepLink: 'https://www.trailheadgear.example/a', subId1: 'r1' },
        { campaignId: 12011, deepLink: 'https://www.nordlys.example/jackets' },
      ],
    },
    auth: impact,
  },
  // Earnings: Awin alone gives the sample's one network; the trigger's newest validated Impact one.
  'searches.tracking_ref_earnings': {
    input: { tracking_ref: 'row-7', network: 'awin' },
  },
  'creates.tracking_ref_earnings_batch': {
    input: { refs: [{ tracking_ref: 'row-7' }], network: 'awin' },
  },
  'triggers.new_conversion': {
    input: { network: 'impact', event: 'validated', tracking_ref: 'row-7' },
    auth: impact,
  },
  'searches.advertiser_for_url': { input: { url: 'https://shop.acmeshoes.example/trainers' } },
  'creates.tracking_link_for_url': {
    input: { url: 'https://shop.acmeshoes.example/trainers/runner-2', tracking_ref: 'row-42' },
  },
  // The sandbox web (LINK_CHECK_BASE_URL): a healthy Awin deep link first, then a broken one.
  'creates.check_tracking_link': { input: { url: WEB_CASES[0].url } },
  'creates.check_tracking_links_batch': {
    input: { links: WEB_CASES.slice(0, 4).map((c) => ({ url: c.url })) },
  },
};

/** Actions whose sample is proven in another end-to-end file (they need Zapier's file service). */
const PROVEN_ELSEWHERE: Record<string, string> = {
  'creates.qr_code': 'platform.e2e.test.ts',
  // An alert needs a link seen working, then broken: two polls, with the state in Zapier's cache.
  'triggers.tracking_link_broken': 'watch.e2e.test.ts',
};

const definition = serializeApp(compileApp(App)) as Definition;
const visible = visibleActions(definition).map(
  ([kind, action]) => [`${kind}.${action.key}`, kind, action.key] as const,
);

it('has an end-to-end case for every visible action', () => {
  expect(visible.map(([name]) => name).sort()).toEqual(
    [...Object.keys(CASES), ...Object.keys(PROVEN_ELSEWHERE)].sort(),
  );
});

describe.each(visible.filter(([name]) => !(name in PROVEN_ELSEWHERE)))('%s', (name, kind, key) => {
  it('returns every key of its static sample, with the same type', async () => {
    const { input, auth = network } = CASES[name] ?? { input: {} };
    const actions = App[kind] as Record<string, { key: string; operation: object }>;
    const output = await run<unknown>(actions[key], input, auth);
    expect(Array.isArray(output) ? output.length : 1).toBeGreaterThan(0);
    const sample = (definition[kind][key].operation.sample ?? {}) as Record<string, unknown>;
    const mismatches = sampleMismatches(sample, output);
    expect(mismatches).toEqual([]);
  });
});
