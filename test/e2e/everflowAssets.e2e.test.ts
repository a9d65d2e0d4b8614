import { DEMO_EVERFLOW_NETWORK_KEY, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { EVERFLOW_OFFER_URLS } from '../../sandbox/data/everflow';
import { encodedId } from '../../sandbox/everflow';
import { PARTNER_OFFERS_PAGE_SIZE } from '../../src/everflow/assetsPartner';
import { type EverflowAssets } from '../../src/everflow/outputs';
import { App, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

/**
 * "Generate Everflow Tracking Links & Assets" through Zapier's runtime against the sandbox, with
 * Everflow's rate limits on. The sandbox has 60 extra public offers, so the partner's 64 runnable
 * offers take two pages of the runnable list.
 */
const sandbox = useSandbox({ everflowExtraOffers: 60 });
const network = { everflow_api_key: DEMO_EVERFLOW_NETWORK_KEY, everflow_api_type: 'network' };
const partner = { everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY, everflow_api_type: 'affiliate' };

const action = App.creates.everflow_tracking_assets;
const calls = () => sandbox.current().calls.filter((call) => call.network === 'everflow');
const TRK = 'https://www.acmetrk.example';
const redirect = (affiliate: number, offer: number) =>
  `${TRK}/${encodedId(affiliate)}/${encodedId(offer)}/`;
const impression = (affiliate: number, offer: number) =>
  `${TRK}/i/${encodedId(affiliate)}/${encodedId(offer)}/`;

/** The sandbox's active additional URLs of an offer, in order. */
const urlsOf = (offer: number) =>
  EVERFLOW_OFFER_URLS.filter((u) => u.offerId === offer && u.status === 'active').map((u) => u.id);

beforeEach(() => sandbox.current().resetCalls());

describe('partner key, All Offers: every runnable offer’s links and assets', () => {
  it('in the calls the README states: the list pages and one for coupon codes', async () => {
    const result = await run<EverflowAssets>(
      action,
      {
        scope: 'all',
        link_types: ['click', 'impression'],
        include_offer_urls: true,
        include_coupon_codes: true,
        include_creatives: true,
        source_id: 'sheet',
        sub1: 'monday',
      },
      partner,
    );

    // 64 runnable offers (1, 2, 3, 6 and 1001…1060): ⌈64 ÷ 50⌉ = 2 pages, + 1 for coupon codes.
    const runnable = [1, 2, 3, 6, ...Array.from({ length: 60 }, (_, i) => 1001 + i)];
    const pages = Math.ceil(runnable.length / PARTNER_OFFERS_PAGE_SIZE);
    expect(calls().map((call) => call.path)).toEqual([
      '/affiliates/offersrunnable?page=1&page_size=50',
      '/affiliates/offersrunnable?page=2&page_size=50',
      '/affiliates/couponcodes',
    ]);
    expect(calls()).toHaveLength(pages + 1);
    expect(calls().every((call) => call.status === 200)).toBe(true);

    expect(result.total_offers).toBe(64);
    const subs = 'source_id=sheet&sub1=monday';
    const expected = runnable.flatMap((offer) => {
      const urls = [0, ...urlsOf(offer)];
      const click =
        offer === 3
          ? // Direct linking: the default page's direct link; other pages through the redirect link.
            [
              `https://www.greengrocer.example/trial?oid=3&affid=7&${subs}`,
              `${redirect(7, 3)}?uid=31&${subs}`,
            ]
          : urls.map((id) => `${redirect(7, offer)}?${id ? `uid=${id}&` : ''}${subs}`);
      const views =
        offer === 3
          ? []
          : urls.map((id) => `${impression(7, offer)}?${id ? `uid=${id}&` : ''}${subs}`);
      return [...click, ...views];
    });
    expect(result.links.map((link) => link.url)).toEqual(expected);
    expect(result.url).toBe(expected[0]);
    expect(new Set(result.links.map((link) => link.network_offer_id))).toEqual(new Set(runnable));
    expect(
      result.links.filter((l) => l.network_offer_id === 3).map((l) => l.is_direct_link),
    ).toEqual([true, false]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 3,
        reason:
          'Impression link: impression tracking is not enabled on this offer, so Everflow has no ' +
          'impression link for it.',
      },
    ]);
    expect(
      result.coupon_codes.map((c) => [c.network_offer_id, c.coupon_code, c.tracking_link]),
    ).toEqual([
      // Everflow's own coupon links, with the package's Source ID and Sub 1 like every link.
      [1, 'SUMMER20', `${redirect(7, 1)}?coupon_code=SUMMER20&source_id=sheet&sub1=monday`],
      [2, 'LAMPS10', `${redirect(7, 2)}?coupon_code=LAMPS10&source_id=sheet&sub1=monday`],
      [6, 'TRAVEL5', `${redirect(7, 6)}?coupon_code=TRAVEL5&source_id=sheet&sub1=monday`],
    ]);
    expect(result.creatives.map((c) => [c.creative_id, c.creative_type])).toEqual([
      [101, 'image'],
      [102, 'email'],
      [201, 'html'],
      [202, 'video'],
      [301, 'archive'],
      [601, 'text'],
    ]);
    expect(result.creatives[0]).toEqual({
      network_offer_id: 1,
      creative_id: 101,
      name: 'Summer banner 300x250',
      creative_type: 'image',
      url: `${redirect(7, 1)}?${subs}&creative_id=101`,
      resource_url: 'https://media.acmetrk.example/creatives/101.png',
      html_code: null,
    });
    expect(result.creatives[2].html_code).toContain('<img src=');
  });

  it('Chosen Offers with redirect links: the direct-linking offer’s redirect link, the one not runnable skipped', async () => {
    const result = await run<EverflowAssets>(
      action,
      { network_offer_ids: '3, 4', is_redirect_link: true },
      partner,
    );
    // Offer 4 is on no page, so both pages are read to be sure.
    expect(calls()).toHaveLength(2);
    expect(result.links).toEqual([
      {
        network_offer_id: 3,
        offer_name: 'Green Grocer Free Trial',
        link_type: 'click',
        network_offer_url_id: 0,
        offer_url_name: 'Default offer URL',
        is_direct_link: false,
        url: redirect(7, 3),
      },
    ]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 4,
        reason:
          'You may not run this offer: it is not among your runnable offers (not approved yet, ' +
          'paused, or not visible to you). Apply for it in the partner portal, or leave it out.',
      },
    ]);
  });
});

describe('network key, one affiliate', () => {
  it('All Offers: one link per offer the affiliate can run; the others skipped with the reason', async () => {
    const result = await run<EverflowAssets>(
      action,
      { network_affiliate_id: '7', scope: 'all', sub1: 'welcome' },
      network,
    );
    // Active offers: 1, 2, 3, 4, 6 and the 60 extra ones; affiliate 7 may not run offer 4.
    const runnable = [1, 2, 3, 6, ...Array.from({ length: 60 }, (_, i) => 1001 + i)];
    expect(result.total_offers).toBe(65);
    expect(result.links.map((link) => link.network_offer_id)).toEqual(runnable);
    expect(result.links[0]).toEqual({
      network_offer_id: 1,
      offer_name: 'Acme Shoes Summer Sale',
      link_type: 'click',
      network_offer_url_id: 0,
      offer_url_name: 'Default offer URL',
      is_direct_link: false,
      url: `${redirect(7, 1)}?sub1=welcome`,
    });
    expect(result.links[2]).toMatchObject({
      network_offer_id: 3,
      is_direct_link: true,
      url: 'https://www.greengrocer.example/trial?oid=3&affid=7&sub1=welcome',
    });
    expect(result.skipped).toEqual([
      {
        network_offer_id: 4,
        reason:
          'Affiliate 7 may not run this offer (not approved for it, or it is not visible to them). ' +
          'Approve the affiliate for the offer in Everflow, or leave the offer out.',
      },
    ]);
    // The runnable ids, one page of active offers, one call per link; no 429.
    const clicks = calls().filter((call) => call.path === '/networks/tracking/offers/clicks');
    expect(clicks).toHaveLength(runnable.length);
    expect(calls()).toHaveLength(2 + runnable.length);
    expect(calls().filter((call) => call.status === 429)).toEqual([]);
    expect(calls().some((call) => call.path.includes('/networks/offers/4'))).toBe(false);
  });

  it('Chosen Offers for the affiliate approved for offer 4: links, impressions, coupon codes, creatives', async () => {
    const result = await run<EverflowAssets>(
      action,
      {
        network_affiliate_id: 8,
        network_offer_ids: [4, 1],
        link_types: ['click', 'impression'],
        include_offer_urls: true,
        include_coupon_codes: true,
        include_creatives: true,
      },
      network,
    );
    expect(result.links.map((link) => [link.network_offer_id, link.link_type, link.url])).toEqual([
      [4, 'click', redirect(8, 4)],
      [4, 'click', `${redirect(8, 4)}?uid=41`],
      [4, 'impression', impression(8, 4)],
      [4, 'impression', `${impression(8, 4)}?uid=41`],
      [1, 'click', redirect(8, 1)],
      [1, 'click', `${redirect(8, 1)}?uid=11`],
      [1, 'click', `${redirect(8, 1)}?uid=12`],
      [1, 'impression', impression(8, 1)],
      [1, 'impression', `${impression(8, 1)}?uid=11`],
      [1, 'impression', `${impression(8, 1)}?uid=12`],
    ]);
    // Affiliate 8's active code is VPN50 (offer 4); SAVE15 (offer 1) is paused.
    expect(result.coupon_codes).toEqual([
      {
        network_offer_id: 4,
        coupon_code: 'VPN50',
        tracking_link: redirect(8, 4),
        start_date: '2025-03-01T00:00:00Z',
        end_date: '2026-02-28T00:00:00Z',
      },
    ]);
    expect(result.creatives.map((c) => [c.creative_id, c.url])).toEqual([
      [101, `${redirect(8, 1)}?creative_id=101`],
      [102, `${redirect(8, 1)}?creative_id=102`],
    ]);
    expect(result.skipped).toEqual([]);
  });
});
