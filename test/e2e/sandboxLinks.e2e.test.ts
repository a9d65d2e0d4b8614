import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../../sandbox/credentials';
import { type LinkCheckResult } from '../../src/linkCheck/types';
import { App, resetZapierCache, run } from '../support/app';
import { useSandbox } from '../support/sandbox';

/**
 * Every kind of link the sandbox hands out, made through the actions and then checked with
 * Check Tracking Link on the same connection: each lands where it says, so each checks `ok`
 * (README "The sandbox": the invoke lines' links included). The sandbox web's deliberate
 * failures are WEB_CASES, tested in linkCheck.e2e.test.ts.
 */
useSandbox({ awinCallsPerMinute: 1000 });

/** The demo connection of `npm run sandbox`, with Impact. */
const network: Record<string, string> = { ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA };
const partner: Record<string, string> = {
  ...network,
  everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
  everflow_api_type: 'affiliate',
};

type Action = Parameters<typeof run>[0];
type Output = Record<string, unknown>;

interface LinkCase {
  name: string;
  action: Action;
  input: Record<string, unknown>;
  auth: Record<string, string>;
  /** The links of the output to check (the network's name for them differs). */
  links: (out: Output) => unknown[];
}

const field =
  (...keys: string[]) =>
  (out: Output): unknown[] =>
    keys.map((key) => out[key]);
const rows =
  (list: string, key = 'url') =>
  (out: Output): unknown[] =>
    (out[list] as Output[]).map((row) => row[key]);

const CASES: LinkCase[] = [
  {
    name: 'Awin default link',
    action: App.creates.awin_tracking_link,
    input: { advertiserId: '1001' },
    auth: network,
    links: field('url'),
  },
  {
    name: 'Awin deep link to any page of the advertiser (/sale), and its short link',
    action: App.creates.awin_tracking_link,
    input: {
      advertiserId: '1001',
      destinationUrl: 'https://www.acmeshoes.example/sale',
      clickref: 'row-2',
      shorten: 'true',
    },
    auth: network,
    links: field('url', 'shortUrl'),
  },
  {
    name: 'Awin links in bulk',
    action: App.creates.awin_tracking_links_batch,
    input: {
      links: [
        { advertiserId: '1004', destinationUrl: 'https://www.bluebirdbooks.example/new-releases' },
        { advertiserId: '1003', clickref: 'row-3' },
      ],
    },
    auth: network,
    links: rows('links'),
  },
  {
    name: 'Everflow network link, to an offer URL',
    action: App.creates.everflow_tracking_link,
    input: { network_offer_id: '1', network_affiliate_id: '7', network_offer_url_id: '11' },
    auth: network,
    links: field('url'),
  },
  {
    name: 'Everflow network link of a direct-linking offer',
    action: App.creates.everflow_tracking_link,
    input: { network_offer_id: '3', network_affiliate_id: '9', sub1: 'row-4' },
    auth: network,
    links: field('url'),
  },
  {
    name: 'Everflow partner link with a source and a sub',
    action: App.creates.everflow_tracking_link,
    input: { network_offer_id: '6', network_offer_url_id: '61', source_id: 'news', sub1: 'x' },
    auth: partner,
    links: field('url'),
  },
  {
    name: 'Everflow partner links in bulk (a direct-linking offer among them)',
    action: App.creates.everflow_tracking_links_batch,
    input: { links: [{ network_offer_id: '2' }, { network_offer_id: '3', sub2: 'row-5' }] },
    auth: partner,
    links: rows('links'),
  },
  {
    name: 'Offerslook offer links',
    action: App.creates.offerslook_tracking_links,
    input: { offer_ids: '16, 102, 455', aff_sub1: 'row-6' },
    auth: network,
    links: rows('links'),
  },
  {
    name: 'Offerslook link to a named landing page',
    action: App.creates.offerslook_tracking_links,
    input: { offer_ids: '16', url_id: '8' },
    auth: network,
    links: field('url'),
  },
  {
    name: 'Impact deep link',
    action: App.creates.impact_tracking_link,
    input: {
      campaignId: '10306',
      deepLink: 'https://www.trailheadgear.example/tents/ridge-2p',
      subId1: 'row-7',
    },
    auth: network,
    links: field('url'),
  },
  {
    name: "Impact links in bulk: a deep link to a page the data set does not name, and a campaign's own link",
    action: App.creates.impact_tracking_links_batch,
    input: {
      links: [
        { campaignId: '11204', deepLink: 'https://www.lumierebeauty.example/ca/new-in' },
        { campaignId: '12011', subId1: 'row-8' },
      ],
    },
    auth: network,
    links: rows('links'),
  },
  {
    name: 'Any URL to the right link',
    action: App.creates.tracking_link_for_url,
    input: { url: 'https://shop.brightlamps.example/desk/led/aurora', tracking_ref: 'row-9' },
    auth: partner,
    links: field('url'),
  },
];

beforeEach(resetZapierCache);

describe('every kind of link the sandbox hands out lands where it says', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: checks ok', async (_name, c) => {
    const out = await run<Output>(c.action, c.input, c.auth);
    const links = c.links(out);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toMatch(/^https?:\/\//);
      const check = await run<LinkCheckResult>(
        App.creates.check_tracking_link,
        { url: link },
        c.auth,
      );
      expect({ link, status: check.status, reason: check.reason }).toEqual({
        link,
        status: 'ok',
        reason: expect.any(String) as string,
      });
      expect(check.final_status).toBe(200);
    }
  });
});
