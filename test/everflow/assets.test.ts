import nock from 'nock';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { type Clock } from '../../src/core/rateLimit';
import { generateEverflowAssets } from '../../src/everflow/assets';
import { EVERFLOW_ASSET_CAPS } from '../../src/everflow/assetsCaps';
import { packageLink } from '../../src/everflow/assetsPackage';
import { partnerClickBase } from '../../src/everflow/assetsPartner';
import { NOT_MADE_IN_TIME } from '../../src/everflow/assetsRun';
import { RUN_LIMIT_MS } from '../../src/core/deadline';
import { inRun } from '../../src/core/run';
import { type EverflowAssetRequest } from '../../src/everflow/fields';
import { type EverflowAssets } from '../../src/everflow/outputs';
import { type EverflowAssetOffer } from '../../src/everflow/schemas';

import { App, appTester, describeError, failure, run, setupNock } from '../support/app';

import {
  EVERFLOW,
  fakeZ,
  keyHeader,
  NETWORK_KEY,
  networkAuth,
  PARTNER_KEY,
  partnerAuth,
} from './helpers';

setupNock();

const action = App.creates.everflow_tracking_assets;
const TRK = 'https://trk.example';

type FieldsFunction = (z: ZObject, bundle: Bundle) => PlainInputField[];

function formFor(authData: Record<string, string>): PlainInputField[] {
  const [fields] = action.operation.inputFields as unknown as [FieldsFunction];
  return fields(fakeZ, { authData, inputData: {} } as unknown as Bundle);
}

/** A runnable offer as the partner list sends it; `over` replaces any field. */
function runnable(id: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    network_offer_id: id,
    name: `Offer ${id}`,
    offer_status: 'active',
    tracking_url: `${TRK}/AFF/O${id}/`,
    redirect_tracking_url: '',
    impression_tracking_url: `${TRK}/i/AFF/O${id}/`,
    is_use_direct_linking: false,
    relationship: { urls: [], creatives: [] },
    ...over,
  };
}

const link = (id: number, query = '') => `${TRK}/AFF/O${id}/${query}`;

/** Answers the runnable list page by page (page size 50), with or without total_count. */
function runnablePages(pages: Record<string, unknown>[][], totalCount?: number) {
  const total = totalCount ?? pages.flat().length;
  pages.forEach((offers, i) => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offersrunnable')
      .query({ page: String(i + 1), page_size: '50' })
      .reply(200, {
        offers,
        paging: totalCount === -1 ? undefined : { page: i + 1, page_size: 50, total_count: total },
      });
  });
}

async function partnerRun(input: Record<string, unknown>): Promise<EverflowAssets> {
  return run<EverflowAssets>(action, input, partnerAuth);
}

async function refusal(promise: Promise<unknown>) {
  return describeError(await failure(promise));
}

describe('everflow_tracking_assets input fields', () => {
  it('a network key picks the affiliate first, then the package', () => {
    const form = formFor(networkAuth);
    expect(form.map((field) => field.key)).toEqual([
      'network_affiliate_id',
      'scope',
      'network_offer_ids',
      'link_types',
      'include_offer_urls',
      'is_redirect_link',
      'source_id',
      'sub1',
      'sub2',
      'sub3',
      'sub4',
      'sub5',
      'include_coupon_codes',
      'include_creatives',
    ]);
    const byKey = Object.fromEntries(form.map((field) => [field.key, field]));
    expect(byKey.network_affiliate_id).toMatchObject({
      required: true,
      dynamic: 'everflow_affiliate_list.id.name',
    });
    expect(byKey.scope).toMatchObject({
      default: 'selected',
      choices: { selected: 'Chosen Offers', all: 'All Offers' },
    });
    expect(byKey.scope.helpText).toContain('the others are listed under skipped');
    expect(byKey.network_offer_ids).toMatchObject({
      list: true,
      dynamic: 'everflow_offer_list.id.name',
    });
    expect(byKey.link_types).toMatchObject({
      list: true,
      default: 'click',
      choices: { click: 'Click', impression: 'Impression' },
    });
    for (const key of ['include_offer_urls', 'is_redirect_link', 'include_coupon_codes']) {
      expect(byKey[key].type).toBe('boolean');
    }
  });

  it('a partner key has no affiliate field', () => {
    const form = formFor(partnerAuth);
    expect(form.map((field) => field.key)).not.toContain('network_affiliate_id');
    expect(form).toHaveLength(13);
    expect(form[0].helpText).toContain('All Offers: every offer you can run.');
  });
});

describe('everflow_tracking_assets checks its input before any request', () => {
  it.each([
    [
      'no offer with Chosen Offers',
      { scope: 'selected' },
      'Offers is empty. Choose at least one offer, or set Bundle Type to All Offers.',
    ],
    [
      'an offer id that is not a number',
      { network_offer_ids: '1, 2; abc' },
      'Offers must be offer IDs (positive whole numbers such as 12), but "abc" is not one. Choose ' +
        'offers from the list, or map numbers separated by commas.',
    ],
    [
      'an unknown link type',
      { network_offer_ids: [1], link_types: ['click', 'banner'] },
      'Link Types must be click or impression, but it was "banner".',
    ],
    [
      'an unknown bundle type',
      { scope: 'some', network_offer_ids: [1] },
      'Bundle Type must be "selected" (Chosen Offers) or "all" (All Offers), but it was "some".',
    ],
    [
      'a sub over 200 characters',
      { scope: 'all', sub2: 'x'.repeat(201) },
      'Sub 2 is 201 characters long; the most allowed is 200. Shorten it and try again.',
    ],
    [
      'an affiliate with a partner key',
      { scope: 'all', network_affiliate_id: 7 },
      "Affiliate needs a network key, but this connection's Everflow Key Type is Partner / " +
        'affiliate. Clear that field, or use a connection with a network key (Everflow Key Type: ' +
        'Network).',
    ],
  ])('refuses %s', async (_title, input, message) => {
    const error = await refusal(partnerRun(input));
    expect(error).toMatchObject({ name: 'AppError', message });
  });

  it('a network key needs the affiliate', async () => {
    const error = await refusal(run(action, { scope: 'all' }, networkAuth));
    expect(error.message).toBe(
      'Affiliate is required. Choose one from the list or map a numeric ID.',
    );
  });

  it(`refuses more than ${EVERFLOW_ASSET_CAPS.partnerPairs} chosen offers on a partner key`, async () => {
    const ids = Array.from({ length: 101 }, (_, i) => i + 1);
    const error = await refusal(partnerRun({ network_offer_ids: ids.join(',') }));
    expect(error.message).toBe(
      'Offers holds 101 different offers; one run takes at most 100. Split them over several ' +
        'steps of up to 100 offers (for example with Looping by Zapier).',
    );
  });

  it(`refuses more than ${EVERFLOW_ASSET_CAPS.networkLinks} network links`, async () => {
    const ids = Array.from({ length: 251 }, (_, i) => i + 1);
    const error = await refusal(
      run(
        action,
        { network_affiliate_id: 7, network_offer_ids: ids, link_types: ['click', 'impression'] },
        networkAuth,
      ),
    );
    expect(error.message).toBe(
      '251 offers × 2 link types make 502 links; one run makes at most 500. Split the offers over ' +
        'several steps (for example with Looping by Zapier).',
    );
  });
});

describe('partner key: links built from the runnable offers', () => {
  it('All Offers: pages through the list (50 a page), then one call for coupon codes', async () => {
    const offers = Array.from({ length: 60 }, (_, i) => runnable(i + 1));
    runnablePages([offers.slice(0, 50), offers.slice(50)]);
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/couponcodes')
      .reply(200, {
        coupon_codes: [
          {
            network_coupon_code_id: 1,
            network_offer_id: 2,
            coupon_code: 'TWO',
            coupon_status: 'active',
            tracking_link: 'https://trk.example/AFF/O2/?coupon_code=TWO',
            start_date: '2025-01-01T00:00:00Z',
            end_date: '',
          },
          {
            network_coupon_code_id: 2,
            network_offer_id: 3,
            coupon_code: 'THREE',
            coupon_status: 'active',
            tracking_link: '',
            start_date: '2025-02-01',
            end_date: 1_767_225_599,
          },
          {
            network_coupon_code_id: 3,
            network_offer_id: 999,
            coupon_code: 'ELSEWHERE',
            coupon_status: 'active',
            tracking_link: null,
            start_date: null,
            end_date: null,
          },
          {
            network_coupon_code_id: 4,
            network_offer_id: 4,
            coupon_code: 'PAUSED',
            coupon_status: 'paused',
            tracking_link: null,
            start_date: null,
            end_date: null,
          },
        ],
      });

    const result = await partnerRun({
      scope: 'all',
      network_offer_ids: '1',
      include_coupon_codes: 'true',
      sub1: 'mon',
    });

    expect(result.total_offers).toBe(60);
    expect(result.links).toHaveLength(60);
    expect(result.links[0]).toEqual({
      network_offer_id: 1,
      offer_name: 'Offer 1',
      link_type: 'click',
      network_offer_url_id: 0,
      offer_url_name: 'Default offer URL',
      is_direct_link: false,
      url: link(1, '?sub1=mon'),
    });
    expect(result.url).toBe(link(1, '?sub1=mon'));
    expect(result.links.map((l) => l.network_offer_id)).toEqual(offers.map((_, i) => i + 1));
    expect(result.coupon_codes).toEqual([
      {
        network_offer_id: 2,
        coupon_code: 'TWO',
        // Everflow's own link for the code, with the package's subs added like every link's.
        tracking_link: 'https://trk.example/AFF/O2/?coupon_code=TWO&sub1=mon',
        start_date: '2025-01-01T00:00:00Z',
        end_date: null,
      },
      {
        network_offer_id: 3,
        coupon_code: 'THREE',
        tracking_link: link(3, '?sub1=mon'),
        start_date: '2025-02-01T00:00:00Z',
        end_date: '2025-12-31T23:59:59.000Z',
      },
    ]);
    expect(result.creatives).toEqual([]);
    expect(result.skipped).toEqual([]);
  });

  it('without total_count, reads until a page brings nothing new', async () => {
    runnablePages([[runnable(1), runnable(2)], [runnable(3)], []], -1);
    const result = await partnerRun({ scope: 'all' });
    expect(result.links.map((l) => l.network_offer_id)).toEqual([1, 2, 3]);
  });

  it('a later page that fails keeps what was read and says so', async () => {
    const offers = Array.from({ length: 50 }, (_, i) => runnable(i + 1));
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '50' })
      .reply(200, { offers, paging: { total_count: 70 } })
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '2', page_size: '50' })
      .reply(503, { error: 'maintenance' });
    const result = await partnerRun({ scope: 'all' });
    expect(result.links).toHaveLength(50);
    expect(result.skipped).toEqual([
      {
        network_offer_id: null,
        reason:
          'Offers: not every page could be read, so some may be missing. Everflow had a problem ' +
          'on its side (HTTP 503: maintenance). Try again in a few minutes.',
      },
    ]);
  });

  it('Chosen Offers: stops paging once every chosen offer is found, in the order chosen', async () => {
    const offers = Array.from({ length: 120 }, (_, i) => runnable(i + 1));
    // Three pages exist; the chosen offers are on the first two.
    runnablePages([offers.slice(0, 50), offers.slice(50, 100)], 120);
    const result = await partnerRun({ network_offer_ids: ['75', 3] });
    expect(result.total_offers).toBe(2);
    expect(result.links.map((l) => l.url)).toEqual([link(75), link(3)]);
  });

  it('a chosen offer the partner may not run is skipped with the reason', async () => {
    runnablePages([[runnable(1), runnable(2)]]);
    const result = await partnerRun({ network_offer_ids: '4, 1' });
    expect(result.total_offers).toBe(2);
    expect(result.links.map((l) => l.network_offer_id)).toEqual([1]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 4,
        reason:
          'You may not run this offer: it is not among your runnable offers (not approved yet, ' +
          'paused, or not visible to you). Apply for it in the partner portal, or leave it out.',
      },
    ]);
  });

  it('refuses All Offers after one page when the partner can run more offers than a run takes', async () => {
    runnablePages([Array.from({ length: 50 }, (_, i) => runnable(i + 1))], 140);
    const error = await refusal(partnerRun({ scope: 'all', include_coupon_codes: true }));
    expect(error.message).toBe(
      'You can run 140 offers, but one run takes at most 100 (offer/URL pairs) so that it finishes ' +
        "inside Zapier's 30 seconds. To split the work, set Bundle Type to Chosen Offers and split " +
        'the offers over several steps (for example with Looping by Zapier).',
    );
  });

  it('refuses a package over 100 offer/URL pairs once the list is read, before anything else', async () => {
    const withUrl = (id: number) =>
      runnable(id, {
        relationship: { urls: [{ network_offer_url_id: id * 10, name: 'Extra', url: null }] },
      });
    const offers = Array.from({ length: 60 }, (_, i) => withUrl(i + 1));
    runnablePages([offers.slice(0, 50), offers.slice(50)]);
    const error = await refusal(
      partnerRun({ scope: 'all', include_offer_urls: true, include_coupon_codes: true }),
    );
    expect(error.message).toBe(
      'This package covers 60 offers with their additional offer URLs: 120 offer/URL pairs and ' +
        '120 links, but one run takes at most 100 pairs and 1000 links so that it finishes inside ' +
        "Zapier's 30 seconds. Turn off Include Additional Offer URLs, or set Bundle Type to Chosen " +
        'Offers and split the offers over several steps (for example with Looping by Zapier).',
    );
  });
});

describe('partner key: building each link', () => {
  it('adds the subs URL-encoded, keeps the link’s own query and fragment, replaces a same-name sub', async () => {
    runnablePages([[runnable(1, { tracking_url: `${TRK}/AFF/O1/?sub1=old&aff_click=x%20y#top` })]]);
    const result = await partnerRun({
      network_offer_ids: 1,
      source_id: 'news letter',
      sub1: 'a&b=c',
      sub2: 'ü/é?',
      sub5: '100%',
    });
    expect(result.url).toBe(
      `${TRK}/AFF/O1/?aff_click=x%20y&source_id=news+letter&sub1=a%26b%3Dc&sub2=%C3%BC%2F%C3%A9%3F` +
        '&sub5=100%25#top',
    );
  });

  it('one link per offer URL (uid), per link type, in order; inactive and repeated URLs left out', async () => {
    runnablePages([
      [
        runnable(1, {
          relationship: {
            // Everflow's relationship convention: {total, entries}
            urls: {
              total: 4,
              entries: [
                { network_offer_url_id: 11, name: 'Sandals', url: 'https://shop.example/s' },
                { network_offer_url_id: 12, name: 'Boots', url_status: 'active' },
                { network_offer_url_id: 13, name: 'Old', url_status: 'deleted' },
                { network_offer_url_id: 11, name: 'Sandals again' },
                { name: 'no id: skipped' },
              ],
            },
            creatives: [],
          },
        }),
      ],
    ]);
    const result = await partnerRun({
      network_offer_ids: 1,
      link_types: 'impression, click',
      include_offer_urls: 'yes',
      sub1: 's',
    });
    expect(
      result.links.map((l) => [l.link_type, l.network_offer_url_id, l.offer_url_name, l.url]),
    ).toEqual([
      ['impression', 0, 'Default offer URL', `${TRK}/i/AFF/O1/?sub1=s`],
      ['impression', 11, 'Sandals', `${TRK}/i/AFF/O1/?uid=11&sub1=s`],
      ['impression', 12, 'Boots', `${TRK}/i/AFF/O1/?uid=12&sub1=s`],
      ['click', 0, 'Default offer URL', link(1, '?sub1=s')],
      ['click', 11, 'Sandals', link(1, '?uid=11&sub1=s')],
      ['click', 12, 'Boots', link(1, '?uid=12&sub1=s')],
    ]);
    expect(result.links.map((l) => l.is_direct_link)).toEqual([
      null,
      null,
      null,
      false,
      false,
      false,
    ]);
  });

  it('creatives: the click link with creative_id, the file, the HTML; paused and private ones left out', async () => {
    runnablePages([
      [
        runnable(1, {
          relationship: {
            urls: [],
            creatives: {
              total: 5,
              entries: [
                {
                  network_offer_creative_id: 101,
                  name: 'Banner',
                  creative_type: 'image',
                  resource_url: 'https://media.example/101.png',
                },
                {
                  network_offer_creative_id: 102,
                  name: 'Newsletter',
                  creative_type: 'email',
                  resource_url: '',
                  html_code: '<p>Hi</p>',
                  relationship: { resource_asset: { url: 'https://media.example/102.html' } },
                },
                { network_offer_creative_id: 103, name: 'Old', creative_status: 'paused' },
                { network_offer_creative_id: 104, name: 'Secret', is_private: true },
                { name: 'no id: skipped' },
              ],
            },
          },
        }),
      ],
    ]);
    const result = await partnerRun({ network_offer_ids: 1, include_creatives: true, sub3: 'c' });
    expect(result.creatives).toEqual([
      {
        network_offer_id: 1,
        creative_id: 101,
        name: 'Banner',
        creative_type: 'image',
        url: link(1, '?sub3=c&creative_id=101'),
        resource_url: 'https://media.example/101.png',
        html_code: null,
      },
      {
        network_offer_id: 1,
        creative_id: 102,
        name: 'Newsletter',
        creative_type: 'email',
        url: link(1, '?sub3=c&creative_id=102'),
        resource_url: 'https://media.example/102.html',
        html_code: '<p>Hi</p>',
      },
    ]);
  });

  it('an offer without impression tracking is skipped for impressions only', async () => {
    runnablePages([[runnable(1, { impression_tracking_url: '' }), runnable(2)]]);
    const result = await partnerRun({ scope: 'all', link_types: ['click', 'impression'] });
    expect(result.links.map((l) => `${l.network_offer_id} ${l.link_type}`)).toEqual([
      '1 click',
      '2 click',
      '2 impression',
    ]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 1,
        reason:
          'Impression link: impression tracking is not enabled on this offer, so Everflow has no ' +
          'impression link for it.',
      },
    ]);
  });

  it('keeps the offers and items that parse and skips the others', async () => {
    runnablePages([[runnable(1), { network_offer_id: 'two', name: 'Bad id' }, runnable(3)]]);
    const result = await partnerRun({ scope: 'all' });
    expect(result.links.map((l) => l.network_offer_id)).toEqual([1, 3]);
  });
});

describe('partner key: one call per offer only where the list lacks something', () => {
  it('reads the details of an offer whose list entry lacks its URLs or creatives, once', async () => {
    runnablePages([
      [
        runnable(1, { relationship: { category: { name: 'Shoes' } } }),
        runnable(2, { relationship: { urls: null, creatives: null } }),
        runnable(3, { tracking_url: '', relationship: { urls: [], creatives: [] } }),
      ],
    ]);
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offers/1')
      .reply(200, {
        network_offer_id: 1,
        name: 'Offer 1',
        tracking_url: link(1),
        relationship: {
          urls: [{ network_offer_url_id: 11, name: 'Sandals', url: 'https://shop.example/s' }],
          creatives: [{ network_offer_creative_id: 101, name: 'Banner', creative_type: 'image' }],
        },
      })
      .get('/v1/affiliates/offers/3')
      .reply(404, { Error: 'Offer 3 not found' });
    const result = await partnerRun({
      scope: 'all',
      include_offer_urls: true,
      include_creatives: true,
    });
    expect(result.links.map((l) => l.url)).toEqual([link(1), link(1, '?uid=11'), link(2)]);
    expect(result.creatives.map((c) => c.url)).toEqual([link(1, '?creative_id=101')]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 3,
        reason:
          'Offer details (links, offer URLs, creatives): Everflow could not find what was asked for ' +
          "(404: Offer 3 not found). Check the IDs in this step: pick them from the step's lists " +
          'where it has them, since an ID that was removed or belongs to another account is ' +
          'unknown to Everflow.',
      },
      { network_offer_id: 3, reason: 'Click link: Everflow gave no tracking link for this offer.' },
    ]);
  });
});

describe('direct linking vs redirect (partner)', () => {
  const offer = (over: Partial<EverflowAssetOffer>): EverflowAssetOffer => ({
    network_offer_id: 3,
    name: 'Direct',
    offer_status: 'active',
    tracking_url: 'https://shop.example/?oid=3&affid=7',
    redirect_tracking_url: `${TRK}/AFF/O3/`,
    impression_tracking_url: null,
    is_use_direct_linking: true,
    relationship: { urls: [], creatives: [] },
    ...over,
  });

  it.each([
    [
      'a direct-linking offer',
      {},
      false,
      { url: 'https://shop.example/?oid=3&affid=7', isDirect: true },
    ],
    [
      'a direct-linking offer, redirect asked',
      {},
      true,
      { url: `${TRK}/AFF/O3/`, isDirect: false },
    ],
    [
      'a direct-linking offer without a redirect link, redirect asked',
      { redirect_tracking_url: '' },
      true,
      { skip: expect.stringContaining('Turn off Force Redirect Links') },
    ],
    [
      'a redirect offer, redirect asked',
      { is_use_direct_linking: false, tracking_url: `${TRK}/AFF/O3/`, redirect_tracking_url: '' },
      true,
      { url: `${TRK}/AFF/O3/`, isDirect: false },
    ],
    [
      'an offer that does not say',
      { is_use_direct_linking: undefined },
      false,
      { url: 'https://shop.example/?oid=3&affid=7', isDirect: null },
    ],
    [
      'an offer that does not say, redirect asked and given',
      { is_use_direct_linking: null },
      true,
      { url: `${TRK}/AFF/O3/`, isDirect: false },
    ],
    [
      'an offer without any usable link',
      { tracking_url: 'javascript:alert(1)', is_use_direct_linking: false },
      false,
      { skip: 'Click link: Everflow gave no tracking link for this offer.' },
    ],
  ])('%s', (_title, over, redirect, expected) => {
    expect(partnerClickBase(offer(over), redirect)).toEqual(expected);
  });

  it('a direct-linking offer’s other pages go through its redirect link (uid), or are skipped', async () => {
    const urls = [{ network_offer_url_id: 31, name: 'Veg box' }];
    runnablePages([
      [
        runnable(3, {
          tracking_url: 'https://shop.example/?oid=3&affid=7',
          redirect_tracking_url: `${TRK}/AFF/O3/`,
          is_use_direct_linking: true,
          relationship: { urls, creatives: [] },
        }),
        runnable(5, {
          tracking_url: 'https://shop5.example/?oid=5&affid=7',
          redirect_tracking_url: '',
          is_use_direct_linking: true,
          relationship: { urls: [{ network_offer_url_id: 51, name: 'Other' }], creatives: [] },
        }),
      ],
    ]);
    const result = await partnerRun({ scope: 'all', include_offer_urls: true, sub1: 'x' });
    expect(result.links.map((l) => [l.url, l.is_direct_link])).toEqual([
      ['https://shop.example/?oid=3&affid=7&sub1=x', true],
      [`${TRK}/AFF/O3/?uid=31&sub1=x`, false],
      ['https://shop5.example/?oid=5&affid=7&sub1=x', true],
    ]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 5,
        reason:
          'Additional offer URLs: this offer uses direct linking, which always lands on its ' +
          'default page, and Everflow gave no redirect link to reach the other pages.',
      },
    ]);
  });

  it('packageLink puts uid before the subs and leaves the default URL without one', () => {
    const request = { subs: { source_id: 'ig', sub4: 'd' } } as unknown as EverflowAssetRequest;
    expect(packageLink(`${TRK}/A/B/`, 0, request)).toBe(`${TRK}/A/B/?source_id=ig&sub4=d`);
    expect(packageLink(`${TRK}/A/B/?uid=1`, 12, request)).toBe(
      `${TRK}/A/B/?uid=12&source_id=ig&sub4=d`,
    );
  });
});

// --- network key ---------------------------------------------------------------------------------

type ClickBody = Record<string, unknown> & { network_offer_id: number };

/** A network offer as the offers table or the offer details send it. */
function networkOffer(id: number, over: Record<string, unknown> = {}) {
  return { network_offer_id: id, name: `Offer ${id}`, offer_status: 'active', ...over };
}

const networkLink = (body: ClickBody) =>
  `${TRK}/A7/O${body.network_offer_id}/` +
  (body.network_offer_url_id ? `?uid=${String(body.network_offer_url_id)}` : '');

/** Everflow's click endpoint: records the bodies, refuses what `refuse` says. */
function clicks(bodies: ClickBody[], refuse: (body: ClickBody) => boolean = () => false) {
  return nock(EVERFLOW, keyHeader(NETWORK_KEY))
    .persist()
    .post('/v1/networks/tracking/offers/clicks')
    .reply((_uri, body) => {
      const click = body as ClickBody;
      bodies.push(click);
      return refuse(click)
        ? [400, { error: `Offer URL ${String(click.network_offer_url_id)} does not belong to it` }]
        : [200, { url: networkLink(click) }];
    });
}

function runnableIds(ids: number[], affiliateId = 7) {
  nock(EVERFLOW, keyHeader(NETWORK_KEY))
    .get('/v1/networks/offers/runnable/affiliate/ids')
    .query({ network_affiliate_id: String(affiliateId) })
    .reply(200, { offer_ids: ids });
}

async function networkRun(input: Record<string, unknown>): Promise<EverflowAssets> {
  return run<EverflowAssets>(action, { network_affiliate_id: '7', ...input }, networkAuth);
}

describe('network key: one affiliate’s links, asked of Everflow link by link', () => {
  afterEach(() => nock.cleanAll());

  it('All Offers: the runnable ids, the active offers with their URLs, then one call per link', async () => {
    runnableIds([1, 2, 5]);
    let tableBody: unknown;
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .post('/v1/networks/offerstable', (body) => {
        tableBody = body;
        return true;
      })
      .query({ page: '1', page_size: '500', relationship: 'urls' })
      .reply(200, {
        offers: [
          networkOffer(1, {
            is_use_direct_linking: false,
            relationship: {
              urls: {
                total: 2,
                entries: [
                  { network_offer_url_id: 11, name: 'Sandals', url_status: 'active' },
                  { network_offer_url_id: 13, name: 'Old', url_status: 'deleted' },
                ],
              },
            },
          }),
          networkOffer(2, { is_use_direct_linking: true, relationship: { urls: [] } }),
          networkOffer(4),
        ],
        paging: { page: 1, page_size: 500, total_count: 3 },
      });
    const bodies: ClickBody[] = [];
    clicks(bodies);
    const impressions: unknown[] = [];
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .persist()
      .post(/^\/v1\/networks\/offers\/\d+\/impressionurl$/)
      .reply((uri, body) => {
        impressions.push([uri, body]);
        const offer = /offers\/(\d+)\//.exec(uri)?.[1];
        return [200, { impression_url: `${TRK}/i/A7/O${offer}/` }];
      });

    const result = await networkRun({
      scope: 'all',
      link_types: ['click', 'impression'],
      include_offer_urls: true,
      source_id: 'crm',
      sub1: 'new partner',
    });

    expect(tableBody).toEqual({ filters: { offer_status: 'active' } });
    expect(bodies.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      {
        network_offer_id: 1,
        network_affiliate_id: 7,
        network_offer_url_id: 11,
        source_id: 'crm',
        sub1: 'new partner',
      },
      { network_offer_id: 1, network_affiliate_id: 7, source_id: 'crm', sub1: 'new partner' },
      { network_offer_id: 2, network_affiliate_id: 7, source_id: 'crm', sub1: 'new partner' },
    ]);
    expect(impressions).toEqual([
      ['/v1/networks/offers/1/impressionurl', { network_affiliate_id: 7 }],
      ['/v1/networks/offers/2/impressionurl', { network_affiliate_id: 7 }],
    ]);
    expect(result.total_offers).toBe(3);
    expect(
      result.links.map((l) => [l.network_offer_id, l.link_type, l.url, l.is_direct_link]),
    ).toEqual([
      [1, 'click', `${TRK}/A7/O1/`, false],
      [1, 'click', `${TRK}/A7/O1/?uid=11`, false],
      [1, 'impression', `${TRK}/i/A7/O1/?source_id=crm&sub1=new+partner`, null],
      [1, 'impression', `${TRK}/i/A7/O1/?uid=11&source_id=crm&sub1=new+partner`, null],
      [2, 'click', `${TRK}/A7/O2/`, true],
      [2, 'impression', `${TRK}/i/A7/O2/?source_id=crm&sub1=new+partner`, null],
    ]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 4,
        reason:
          'Affiliate 7 may not run this offer (not approved for it, or it is not visible to them). ' +
          'Approve the affiliate for the offer in Everflow, or leave the offer out.',
      },
    ]);
  });

  it('Chosen Offers: details only for offers the affiliate can run; forced redirect links', async () => {
    runnableIds([1, 6]);
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .get('/v1/networks/offers/6')
      .query({ relationship: 'urls' })
      .reply(200, networkOffer(6, { is_use_direct_linking: true }))
      .get('/v1/networks/offers/1')
      .query({ relationship: 'urls' })
      .reply(200, networkOffer(1));
    const bodies: ClickBody[] = [];
    clicks(bodies);
    const result = await networkRun({ network_offer_ids: '6, 4, 1', is_redirect_link: true });
    expect(bodies.map((b) => [b.network_offer_id, b.is_redirect_link]).sort()).toEqual([
      [1, true],
      [6, true],
    ]);
    expect(result.total_offers).toBe(3);
    expect(result.links.map((l) => [l.network_offer_id, l.offer_name, l.is_direct_link])).toEqual([
      [6, 'Offer 6', false],
      [1, 'Offer 1', false],
    ]);
    expect(result.skipped.map((s) => s.network_offer_id)).toEqual([4]);
  });

  it('a refused link is skipped with Everflow’s reason; the other links go on', async () => {
    runnableIds([1]);
    nock(EVERFLOW)
      .get('/v1/networks/offers/1')
      .query(true)
      .reply(
        200,
        networkOffer(1, { relationship: { urls: [{ network_offer_url_id: 12, name: 'Boots' }] } }),
      );
    clicks([], (body) => body.network_offer_url_id === 12);
    const result = await networkRun({ network_offer_ids: 1, include_offer_urls: true });
    expect(result.links.map((l) => l.url)).toEqual([`${TRK}/A7/O1/`]);
    expect(result.skipped).toEqual([
      {
        network_offer_id: 1,
        reason:
          'Click link for offer URL 12 (Boots): Everflow would not make a link for offer 1 (HTTP ' +
          '400: Offer URL 12 does not belong to it). Check that the affiliate is approved to run ' +
          'this offer, and that the offer URL and creative belong to it.',
      },
    ]);
  });

  it('an answer that is not a web address is never handed out as a link', async () => {
    runnableIds([1]);
    nock(EVERFLOW).get('/v1/networks/offers/1').query(true).reply(200, networkOffer(1));
    nock(EVERFLOW).post('/v1/networks/tracking/offers/clicks').reply(200, { url: '/1/2/' });
    const result = await networkRun({ network_offer_ids: 1 });
    expect(result.links).toEqual([]);
    expect(result.url).toBeNull();
    expect(result.skipped).toEqual([
      { network_offer_id: 1, reason: expect.stringMatching(/^Click link: .*not a web address/) },
    ]);
  });

  it('creatives and coupon codes: from the network lists, with the offer’s click link', async () => {
    runnableIds([1]);
    nock(EVERFLOW).get('/v1/networks/offers/1').query(true).reply(200, networkOffer(1));
    let creativesBody: unknown;
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .post('/v1/networks/creativestable', (body) => {
        creativesBody = body;
        return true;
      })
      .query({ page: '1', page_size: '500' })
      .reply(200, {
        creatives: [
          {
            network_offer_creative_id: 101,
            network_offer_id: 1,
            name: 'Banner',
            creative_type: 'image',
            creative_status: 'active',
            is_private: false,
            resource_url: 'https://media.example/101.png',
            html_code: '',
          },
          { network_offer_creative_id: 201, network_offer_id: 2, name: 'Other offer' },
          {
            network_offer_creative_id: 102,
            network_offer_id: 1,
            name: 'Private',
            is_private: true,
          },
        ],
        paging: { total_count: 3 },
      })
      .get('/v1/networks/couponcodes')
      .query({
        page: '1',
        page_size: '500',
        'filter[network_affiliate_id]': '7',
        'filter[coupon_status]': 'active',
        relationship: 'offer',
      })
      .reply(200, {
        couponcodes: [
          {
            network_coupon_code_id: 501,
            network_offer_id: 1,
            coupon_code: 'SUMMER20',
            coupon_status: 'active',
            start_date: '2025-06-01',
            end_date: '2025-08-31',
          },
        ],
        paging: { total_count: 1 },
      });
    const bodies: ClickBody[] = [];
    clicks(bodies);
    // Only impression links asked: one click link is still made, for the creatives and coupons.
    nock(EVERFLOW)
      .post('/v1/networks/offers/1/impressionurl')
      .reply(200, { impression_url: `${TRK}/i/A7/O1/` });

    const result = await networkRun({
      network_offer_ids: 1,
      link_types: 'impression',
      include_creatives: true,
      include_coupon_codes: true,
      sub2: 'b',
    });

    expect(creativesBody).toEqual({
      search_terms: [{ search_type: 'creative_status', value: 'active' }],
    });
    expect(bodies).toEqual([{ network_offer_id: 1, network_affiliate_id: 7, sub2: 'b' }]);
    expect(result.links.map((l) => l.link_type)).toEqual(['impression']);
    expect(result.creatives).toEqual([
      {
        network_offer_id: 1,
        creative_id: 101,
        name: 'Banner',
        creative_type: 'image',
        url: `${TRK}/A7/O1/?creative_id=101`,
        resource_url: 'https://media.example/101.png',
        html_code: null,
      },
    ]);
    expect(result.coupon_codes).toEqual([
      {
        network_offer_id: 1,
        coupon_code: 'SUMMER20',
        tracking_link: `${TRK}/A7/O1/`,
        start_date: '2025-06-01T00:00:00Z',
        end_date: '2025-08-31T00:00:00Z',
      },
    ]);
  });

  it('refuses a package over 500 links once the offers are known, before any link request', async () => {
    const ids = Array.from({ length: 260 }, (_, i) => i + 1);
    runnableIds(ids);
    nock(EVERFLOW)
      .post('/v1/networks/offerstable')
      .query(true)
      .reply(200, { offers: ids.map((id) => networkOffer(id)), paging: { total_count: 260 } });
    const error = await refusal(networkRun({ scope: 'all', link_types: ['click', 'impression'] }));
    expect(error.message).toBe(
      'This package needs 520 links from Everflow for 260 offers; one run makes at most 500 so ' +
        "that it finishes inside Zapier's 30 seconds. Ask for fewer link types, or set Bundle Type " +
        'to Chosen Offers and split the offers over several steps (for example with Looping by ' +
        'Zapier).',
    );
  });

  it('a 429 stops the run for Zapier to retry; an expired key asks to reconnect', async () => {
    runnableIds([1]);
    nock(EVERFLOW).get('/v1/networks/offers/1').query(true).reply(200, networkOffer(1));
    nock(EVERFLOW).post('/v1/networks/tracking/offers/clicks').reply(429, { error: 'slow down' });
    const throttled = await refusal(networkRun({ network_offer_ids: 1 }));
    expect(throttled.name).toBe('ThrottledError');

    nock(EVERFLOW)
      .get('/v1/networks/offers/runnable/affiliate/ids')
      .query(true)
      .reply(401, { error: 'Invalid API Key' });
    const expired = await refusal(networkRun({ network_offer_ids: 1 }));
    expect(expired.name).toBe('ExpiredAuthError');
  });

  it('starts no request after the time budget; links not made say so, every offer accounted for', async () => {
    const clock: Clock & { time: number } = {
      time: 0,
      now: () => clock.time,
      sleep: async (ms: number) => {
        clock.time += ms;
      },
    };
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    runnableIds(ids);
    nock(EVERFLOW)
      .post('/v1/networks/offerstable')
      .query(true)
      .reply(200, { offers: ids.map((id) => networkOffer(id)), paging: { total_count: 40 } });
    const bodies: ClickBody[] = [];
    clicks(bodies);
    // One request a second: the two lists and 23 links fit in the 25 s.
    const pace = { ratePerSecond: 1, burst: 1, concurrency: 4 };
    const perform = inRun(
      (z: ZObject, bundle: Bundle) => generateEverflowAssets(z, bundle, { pace }),
      { clock },
    );
    const result = (await appTester(perform, {
      inputData: { network_affiliate_id: 7, scope: 'all' },
      authData: networkAuth,
    })) as EverflowAssets;

    expect(clock.time).toBeLessThanOrEqual(RUN_LIMIT_MS);
    expect(bodies).toHaveLength(RUN_LIMIT_MS / 1000 - 2);
    expect(result.total_offers).toBe(40);
    expect(result.links.length + result.skipped.length).toBe(40);
    expect(result.links.map((l) => l.network_offer_id)).toEqual(ids.slice(0, bodies.length));
    for (const skipped of result.skipped) {
      expect(skipped.reason).toBe(`Click link: ${NOT_MADE_IN_TIME}`);
    }
  });
});
