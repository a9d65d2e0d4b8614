import {
  DEMO_AUTH_DATA,
  DEMO_OFFERSLOOK_API_KEY,
  DEMO_OFFERSLOOK_EMAIL,
  DEMO_OFFERSLOOK_NETWORK,
} from '../../sandbox/credentials';
import { App, connect, describeError, failure, run } from '../support/app';

import { useSandbox } from '../support/sandbox';

import {
  type OfferslookOfferOutput,
  type OfferslookTrackingLinks,
} from '../../src/offerslook/outputs';
import type { NewOfferslookOffer } from '../../triggers/newOfferslookOffer';

const sandbox = useSandbox();
const auth = {
  offerslook_network: DEMO_OFFERSLOOK_NETWORK,
  offerslook_email: DEMO_OFFERSLOOK_EMAIL,
  offerslook_api_key: DEMO_OFFERSLOOK_API_KEY,
};
const TRACK = 'https://track.demo-offers.example';
const BASIC = Buffer.from(`${DEMO_OFFERSLOOK_EMAIL}:${DEMO_OFFERSLOOK_API_KEY}`).toString('base64');

const getLinks = (
  offerIds: unknown,
  authData: Record<string, string> = auth,
  more: Record<string, unknown> = {},
) =>
  run<OfferslookTrackingLinks>(
    App.creates.offerslook_tracking_links,
    { offer_ids: offerIds, ...more },
    authData,
  );

/** Sandbox calls for Offerslook tracking links since the last reset, as lists of ids. */
const linkCalls = () =>
  sandbox
    .current()
    .calls.filter(
      (call) =>
        call.network === 'offerslook' && call.path.includes('/batches/offers/tracking_links/'),
    )
    .map((call) => call.path.split('/').at(-1)!.split(','));

describe('Offerslook against the sandbox, through Zapier’s runtime', () => {
  it('tests the connection and labels it with the network name', async () => {
    expect((await connect(auth)).label).toBe('Offerslook demo');
    const awinAndOfferslook = {
      awin_access_token: DEMO_AUTH_DATA.awin_access_token,
      awin_publisher_id: DEMO_AUTH_DATA.awin_publisher_id,
      ...auth,
    };
    expect((await connect(awinAndOfferslook)).label).toBe(
      'Awin Jane Doe Media (publisher 100001) · Offerslook demo',
    );
  });

  it('refuses a wrong API key in the connection test, naming Offerslook', async () => {
    const error = describeError(
      await failure(connect({ ...auth, offerslook_api_key: 'not-the-key' })),
    );
    expect(error.message).toMatch(
      /^Could not connect\. Offerslook: Offerslook did not accept your credentials \(401: Authentication failed\)\. Reconnect Offerslook/,
    );
  });

  it('gets links in input order from one spreadsheet cell, with the pixel URLs and the offers left out', async () => {
    const result = await getLinks('205, 118; 16 342, 16');
    expect(result).toEqual({
      links: [
        {
          offer_id: 205,
          url: `${TRACK}/index.php?offer_id=205&aff_id=1207`,
          impression_pixel: `<img width="1" height="1" border="0" src="${TRACK}/impr.php?offer_id=205&amp;aff_id=1207" />`,
          impression_url: `${TRACK}/impr.php?offer_id=205&aff_id=1207`,
        },
        {
          offer_id: 16,
          url: `${TRACK}/index.php?offer_id=16&aff_id=1207`,
          impression_pixel: `<img src='${TRACK}/impr.php?offer_id=16&aff_id=1207'  border='0'  width='1'  height='1' />`,
          impression_url: `${TRACK}/impr.php?offer_id=16&aff_id=1207`,
        },
        {
          offer_id: 342,
          url: `${TRACK}/index.php?offer_id=342&aff_id=1207`,
          impression_pixel: null,
          impression_url: null,
        },
      ],
      missing_offer_ids: [118],
      missing_offer_ids_hint:
        'Offerslook returned no link for offer 118: an offer must be approved for you or public. ' +
        'Ask your network to approve it, or check the IDs.',
      url: `${TRACK}/index.php?offer_id=205&aff_id=1207`,
    });
  });

  it('250 ids take exactly 3 calls (100, 100, 50), every id accounted for in order', async () => {
    sandbox.current().resetCalls();
    const ids = Array.from({ length: 250 }, (_, i) => 250 - i);
    const result = await getLinks(ids);
    expect(linkCalls().map((call) => call.length)).toEqual([100, 100, 50]);
    expect(result.links.map((link) => link.offer_id)).toEqual([231, 205, 102, 16]);
    expect(result.missing_offer_ids).toEqual(ids.filter((id) => ![16, 102, 205, 231].includes(id)));
    expect(result.missing_offer_ids_hint).toMatch(
      /^Offerslook returned no link for offers 250, 249, .* and 226 more: an offer must be approved/,
    );
  });

  it('returns the output when no offer gets a link', async () => {
    const result = await getLinks(['118', '307', '734']);
    expect(result.links).toEqual([]);
    expect(result.url).toBeNull();
    expect(result.missing_offer_ids).toEqual([118, 307, 734]);
  });

  it('shows Offerslook’s message for an id it refuses', async () => {
    const error = describeError(await failure(getLinks('16, 999')));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Offerslook said: Invalid offer id 999 (code 1002). Check the offer IDs in this step: each ' +
        'must be the number of an offer in your Offerslook network.',
    );
  });

  it('asks to reconnect when the sandbox refuses the credentials', async () => {
    const error = describeError(
      await failure(getLinks('16', { ...auth, offerslook_email: 'someone@demo.example' })),
    );
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^Offerslook did not accept your credentials \(401/);
  });

  it('points at the network name when the network does not exist', async () => {
    const error = describeError(
      await failure(getLinks('16', { ...auth, offerslook_network: 'Acme' })),
    );
    expect(error.message).toBe(
      'Offerslook could not find what was asked for (404: Network not found). Check that "acme" is ' +
        "your network's name in the connection (acme for acme.api.offerslook.com) and the offer IDs in this step.",
    );
  });

  it('refuses a network name that is not a DNS label without calling the sandbox', async () => {
    sandbox.current().resetCalls();
    for (const network of ['evil.com/x', 'a.b', 'acme@x']) {
      const error = describeError(
        await failure(getLinks('16', { ...auth, offerslook_network: network })),
      );
      expect(error.message).toMatch(/^Offerslook Network Name must be just the first part/);
    }
    expect(sandbox.current().calls).toEqual([]);
  });

  it('turns a 429 into ThrottledError with the Retry-After delay, and a 503 page into a clear error', async () => {
    sandbox.current().injectFault({
      network: 'offerslook',
      status: 429,
      body: '{"code":429,"message":"Too many requests","data":null}',
      headers: { 'Retry-After': '7' },
    });
    const throttled = describeError(await failure(getLinks('16')));
    expect(throttled.name).toBe('ThrottledError');
    expect(throttled.delay).toBe(7);

    sandbox.current().injectFault({
      network: 'offerslook',
      status: 503,
      body: '<html><body>Service Unavailable</body></html>',
      contentType: 'text/html',
    });
    const down = describeError(await failure(getLinks('16')));
    expect(down.message).toBe(
      'Offerslook had a problem on its side (HTTP 503: an HTML page instead of JSON). Try again in a few minutes.',
    );
  });

  describe('sub IDs and landing pages', () => {
    const LINK_16 = `${TRACK}/index.php?offer_id=16&aff_id=1207`;
    /** Sandbox Offerslook calls since the last reset, as paths. */
    const paths = () =>
      sandbox
        .current()
        .calls.filter((call) => call.network === 'offerslook')
        .map((call) => call.path);
    const params = (url: string | null) => [...new URL(url!).searchParams];

    it('a link for offer 16 with aff_sub1 "row 7&x" and source_id "newsletter" is Offerslook’s link with both, encoded', async () => {
      sandbox.current().resetCalls();
      const result = await run<OfferslookTrackingLinks>(
        App.creates.offerslook_tracking_links,
        { offer_ids: '16', aff_sub1: 'row 7&x', source_id: 'newsletter' },
        auth,
      );
      const url = `${LINK_16}&source_id=newsletter&aff_sub1=row+7%26x`;
      expect(result.url).toBe(url);
      expect(result.links).toEqual([
        {
          offer_id: 16,
          url,
          impression_pixel: `<img src='${TRACK}/impr.php?offer_id=16&aff_id=1207'  border='0'  width='1'  height='1' />`,
          impression_url: `${TRACK}/impr.php?offer_id=16&aff_id=1207`,
        },
      ]);
      expect(params(result.url)).toEqual([
        ['offer_id', '16'],
        ['aff_id', '1207'],
        ['source_id', 'newsletter'],
        ['aff_sub1', 'row 7&x'],
      ]);
      expect(paths()).toEqual([
        `/${DEMO_OFFERSLOOK_NETWORK}/aff/v1/batches/offers/tracking_links/16`,
      ]);
    });

    it('250 offers with the same subs take 3 calls and every link carries them', async () => {
      sandbox.current().resetCalls();
      const ids = Array.from({ length: 250 }, (_, i) => 250 - i);
      const subs = { aff_sub1: 'row 7&x', source_id: 'newsletter', aff_sub5: 'Zürich #1' };
      const result = await getLinks(ids, auth, subs);
      expect(linkCalls().map((call) => call.length)).toEqual([100, 100, 50]);
      expect(result.links.map((link) => link.offer_id)).toEqual([231, 205, 102, 16]);
      for (const link of result.links) {
        expect(link.url).toBe(
          `${TRACK}/index.php?offer_id=${link.offer_id}&aff_id=1207` +
            '&source_id=newsletter&aff_sub1=row+7%26x&aff_sub5=Z%C3%BCrich+%231',
        );
        expect(new URL(link.url).searchParams.get('aff_sub5')).toBe('Zürich #1');
      }
      expect(result.missing_offer_ids).toHaveLength(246);
    });

    it('a named landing page is the link Offerslook gives for its url_id, with the subs', async () => {
      sandbox.current().resetCalls();
      const result = await getLinks('16', auth, { url_id: '8', aff_sub1: 'deal 5' });
      expect(result.url).toBe(`${LINK_16}&url_id=8&aff_sub1=deal+5`);
      expect(result.links[0].impression_url).toBe(`${TRACK}/impr.php?offer_id=16&aff_id=1207`);
      expect(paths()).toEqual([
        `/${DEMO_OFFERSLOOK_NETWORK}/aff/v1/batches/offers/tracking_links/16`,
        `/${DEMO_OFFERSLOOK_NETWORK}/aff/v1/offers/16/tracking_links`,
      ]);
    });

    it('random asks Offerslook to pick a page, without another call', async () => {
      sandbox.current().resetCalls();
      const result = await getLinks('102', auth, { url_id: 'random', source_id: 'social' });
      expect(result.url).toBe(
        `${TRACK}/index.php?offer_id=102&aff_id=1207&random_url=1&source_id=social`,
      );
      expect(paths()).toHaveLength(1);
    });

    it('refuses a page the offer does not have, naming the ones it has', async () => {
      const error = describeError(await failure(getLinks('16', auth, { url_id: '3' })));
      expect(error.message).toBe(
        'Offer 16 has no landing page 3. Its named landing pages are Running shoes (7), Summer sale ' +
          '(8), Kids (12). Choose one from the Landing Page list, or leave it empty for the default page.',
      );
    });

    it('refuses a landing page with several offers, and a sub that is too long, before any call', async () => {
      sandbox.current().resetCalls();
      const several = describeError(await failure(getLinks('16, 102', auth, { url_id: '7' })));
      expect(several.message).toMatch(
        /^Landing Page can be chosen for one offer only, but Offers holds 2 offers\./,
      );
      const long = describeError(
        await failure(getLinks('16', auth, { aff_sub2: 'x'.repeat(201) })),
      );
      expect(long.message).toBe(
        'Sub ID 2 is 201 characters long; the most allowed is 200. Shorten it and try again.',
      );
      expect(sandbox.current().calls).toEqual([]);
    });

    it('fills the landing-page dropdown from the chosen offer', async () => {
      const pages = (offerIds: unknown) =>
        run<{ id: string; name: string }[]>(
          App.triggers.offerslook_offer_url_list,
          { offer_ids: offerIds },
          auth,
          { page: 0 },
        );
      expect(await pages(['16'])).toEqual([
        { id: 'default', name: 'Default' },
        { id: 'random', name: 'Random' },
        { id: '7', name: 'Running shoes (7)' },
        { id: '8', name: 'Summer sale (8)' },
        { id: '12', name: 'Kids (12)' },
      ]);
      expect(await pages('205')).toEqual([
        { id: 'default', name: 'Default' },
        { id: 'random', name: 'Random' },
      ]);
      expect(await pages(undefined)).toEqual([
        { id: 'default', name: 'Default' },
        { id: 'random', name: 'Random' },
      ]);
      const refused = describeError(await failure(pages('118')));
      expect(refused.message).toBe(
        'Offerslook said: Offer 118 is not approved for you (code 1005). Check the offer (118) in ' +
          'this step: it must be approved for you or public.',
      );
    });

    it('Generate Tracking Link for Any URL sends its tracking reference as aff_sub1', async () => {
      const link = await run<{ url: string; network: string }>(
        App.creates.tracking_link_for_url,
        { url: 'https://www.pixelpet.example/food/kitten-dry', tracking_ref: 'row 7&x' },
        auth,
      );
      expect(link.network).toBe('offerslook');
      expect(link.url).toBe(`${TRACK}/index.php?offer_id=342&aff_id=1207&aff_sub1=row+7%26x`);
      expect(new URL(link.url).searchParams.get('aff_sub1')).toBe('row 7&x');
    });

    it('every landing page in the dropdown makes a link that lands there', async () => {
      const choices = await run<{ id: string }[]>(
        App.triggers.offerslook_offer_url_list,
        { offer_ids: '455' },
        auth,
        { page: 0 },
      );
      const urls = [];
      for (const { id } of choices) urls.push((await getLinks('455', auth, { url_id: id })).url);
      const base = `${TRACK}/index.php?offer_id=455&aff_id=1207`;
      expect(urls).toEqual([
        base,
        `${base}&random_url=1`,
        `${base}&url_id=21`,
        `${base}&url_id=22`,
      ]);
    });
  });

  it('fills the offer dropdown page by page', async () => {
    const first = await run<{ id: string; name: string }[]>(
      App.triggers.offerslook_offer_list,
      {},
      auth,
      { page: 0 },
    );
    expect(first).toHaveLength(11);
    expect(first.slice(0, 2)).toEqual([
      { id: '16', name: 'Acme Shoes US (16)' },
      { id: '102', name: 'Acme Shoes Outlet (102)' },
    ]);
    expect(first.map((choice) => choice.id)).not.toContain('734');
    const second = await run(App.triggers.offerslook_offer_list, {}, auth, { page: 1 });
    expect(second).toEqual([]);
  });

  it('finds offers by name, exact match first', async () => {
    const found = await run<OfferslookOfferOutput[]>(
      App.searches.offerslook_offer,
      { name: 'acme shoes' },
      auth,
    );
    expect(found).toEqual([
      {
        id: 455,
        name: 'Acme Shoes',
        status: 'active',
        offer_approval: 2,
        preview_url: 'https://www.acmeshoes.example/',
      },
      {
        id: 102,
        name: 'Acme Shoes Outlet',
        status: 'active',
        offer_approval: 1,
        preview_url: 'https://outlet.acmeshoes.example/',
      },
      {
        id: 16,
        name: 'Acme Shoes US',
        status: 'active',
        offer_approval: 2,
        preview_url: 'https://www.acmeshoes.example/us',
      },
    ]);
    expect(await run(App.searches.offerslook_offer, { name: 'no such offer' }, auth)).toEqual([]);
  });

  it('lists offers newest first for the polling trigger', async () => {
    const items = await run<NewOfferslookOffer[]>(App.triggers.new_offerslook_offer, {}, auth);
    expect(items.map((item) => item.id)).toEqual([
      '870',
      '618',
      '512',
      '455',
      '342',
      '307',
      '231',
      '205',
      '118',
      '102',
      '16',
    ]);
    expect(items[0]).toMatchObject({
      offer_id: 870,
      name: 'Sunny Travel Deals',
      status: 'pending',
    });
  });

  it('never puts the key or the Basic credential in a request URL', () => {
    const offerslookCalls = sandbox.current().calls.filter((call) => call.network === 'offerslook');
    expect(offerslookCalls.length).toBeGreaterThan(3);
    for (const call of offerslookCalls) {
      expect(call.path).not.toContain(DEMO_OFFERSLOOK_API_KEY);
      expect(call.path).not.toContain(BASIC);
    }
  });
});
