import { reasonOf } from '../../src/core/errors';
import { parseLandingPage } from '../../src/offerslook/fields';
import {
  landingPageChoices,
  offerslookSubParameters,
  offerUrlId,
} from '../../src/offerslook/links';
import { type OfferslookTrackingLinks } from '../../src/offerslook/outputs';

import { App, describeError, failure, run, setupNock } from '../support/app';

import {
  linkItem,
  LINKS_PATH,
  offerslook,
  offerslookAuth,
  pixelUrl,
  success,
  trackingUrl,
  unmatchedRequests,
} from './helpers';

const action = App.creates.offerslook_tracking_links;
const dropdown = App.triggers.offerslook_offer_url_list;
setupNock();
const unmatched = unmatchedRequests();

const getLinks = (input: Record<string, unknown>) =>
  run<OfferslookTrackingLinks>(action, input, offerslookAuth);

const onePath = (id: number) => `/aff/v1/offers/${id}/tracking_links`;

/** The one-offer answer in Offerslook's documented form, with named pages 7 and 9. */
const oneOffer = (id: number) => ({
  tracking_link: {
    url: trackingUrl(id),
    impression_pixel: `<img src='${pixelUrl(id)}' />`,
    offer_url: [
      { type: 'Default', tracking_link: trackingUrl(id), preview_url: 'https://shop.example/' },
      { type: 'Random', tracking_link: `${trackingUrl(id)}&random_url=1` },
      {
        type: 'Offer URL',
        name: 'Running shoes',
        tracking_link: `${trackingUrl(id)}&url_id=7`,
        preview_url: 'https://shop.example/running',
      },
      {
        type: 'Offer URL',
        name: 'Sale',
        tracking_link: `${trackingUrl(id)}&url_id=9`,
        preview_url: 'https://shop.example/sale',
      },
    ],
  },
});

/** The query parameters of a link, in order, decoded. */
const parameters = (url: string) => [...new URL(url).searchParams];

describe('offerslook_tracking_links: sub IDs', () => {
  it('adds source_id and aff_sub1…aff_sub5 to the link, in that order, after Offerslook’s own', async () => {
    const scope = offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));

    const result = await getLinks({
      offer_ids: '16',
      aff_sub5: 'five',
      aff_sub1: 'row 7&x',
      source_id: 'newsletter',
      aff_sub3: 3,
      aff_sub2: '  ',
    });

    expect(scope.isDone()).toBe(true);
    const url = `${trackingUrl(16)}&source_id=newsletter&aff_sub1=row+7%26x&aff_sub3=3&aff_sub5=five`;
    expect(result.url).toBe(url);
    expect(result.links).toEqual([
      {
        offer_id: 16,
        url,
        impression_pixel: linkItem(16).impression_pixel,
        impression_url: pixelUrl(16),
      },
    ]);
    expect(parameters(url)).toEqual([
      ['offer_id', '16'],
      ['aff_id', '40'],
      ['source_id', 'newsletter'],
      ['aff_sub1', 'row 7&x'],
      ['aff_sub3', '3'],
      ['aff_sub5', 'five'],
    ]);
  });

  it.each([
    ['spaces', 'spring sale 2024', 'spring+sale+2024'],
    ['an ampersand and an equals sign', 'a&b=c', 'a%26b%3Dc'],
    ['a hash', 'row#7', 'row%237'],
    ['non-ASCII text', 'Zürich – 東京', 'Z%C3%BCrich+%E2%80%93+%E6%9D%B1%E4%BA%AC'],
    ['a plus and a percent sign', '5+5=10%', '5%2B5%3D10%25'],
    ['a URL', 'https://x.example/?a=1&b=2', 'https%3A%2F%2Fx.example%2F%3Fa%3D1%26b%3D2'],
  ])('encodes %s', async (_, value, encoded) => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    const { url } = await getLinks({ offer_ids: 16, aff_sub1: value });
    expect(url).toBe(`${trackingUrl(16)}&aff_sub1=${encoded}`);
    expect(new URL(url!).searchParams.get('aff_sub1')).toBe(value);
  });

  it('keeps the link’s own query and fragment, and replaces a sub it already carries instead of repeating it', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16,17,18`)
      .reply(
        200,
        success({
          tracking_link: [
            { ...linkItem(16), url: `${trackingUrl(16)}&aff_sub1=&aff_sub2=kept&x=%20y` },
            { ...linkItem(17), url: 'https://t.example/c/17#top' },
            { ...linkItem(18), url: 'https://t.example/index.php?offer_id=18&source_id=old#f' },
          ],
        }),
      );

    const result = await getLinks({ offer_ids: '16,17,18', aff_sub1: 'a b', source_id: 'new' });

    expect(result.links.map((link) => link.url)).toEqual([
      `${trackingUrl(16)}&aff_sub2=kept&x=%20y&source_id=new&aff_sub1=a+b`,
      'https://t.example/c/17?source_id=new&aff_sub1=a+b#top',
      'https://t.example/index.php?offer_id=18&source_id=new&aff_sub1=a+b#f',
    ]);
    expect(parameters(result.links[0].url).filter(([name]) => name === 'aff_sub1')).toEqual([
      ['aff_sub1', 'a b'],
    ]);
  });

  it('leaves the impression pixel as Offerslook gave it', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    const result = await getLinks({ offer_ids: 16, aff_sub1: 'x', url_id: 'random' });
    expect(result.links[0].impression_pixel).toBe(linkItem(16).impression_pixel);
    expect(result.links[0].impression_url).toBe(pixelUrl(16));
  });

  it('250 offers with the same subs make 3 calls, and every link carries them', async () => {
    const calls: number[][] = [];
    offerslook()
      .persist()
      .get(new RegExp(`^${LINKS_PATH}/[0-9,]+$`))
      .reply(200, (uri) => {
        const ids = uri.split('/').at(-1)!.split(',').map(Number);
        calls.push(ids);
        return success({ tracking_link: ids.filter((id) => id % 50 !== 0).map(linkItem) });
      });
    const ids = Array.from({ length: 250 }, (_, i) => i + 1);

    const result = await getLinks({ offer_ids: ids, aff_sub1: 'row 7&x', source_id: 'newsletter' });

    expect(calls.map((call) => call.length)).toEqual([100, 100, 50]);
    expect(result.links).toHaveLength(245);
    for (const link of result.links) {
      expect(link.url).toBe(
        `${trackingUrl(link.offer_id)}&source_id=newsletter&aff_sub1=row+7%26x`,
      );
    }
    expect(result.url).toBe(result.links[0].url);
    expect(result.missing_offer_ids).toEqual([50, 100, 150, 200, 250]);
  });

  it('refuses a sub over 200 characters before any request, naming the field', async () => {
    const error = await failure(getLinks({ offer_ids: 16, aff_sub4: 'x'.repeat(201) }));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'Sub ID 4 is 201 characters long; the most allowed is 200. Shorten it and try again.',
    });
    expect(reasonOf(error)).toEqual({ kind: 'invalid_input' });
    expect(unmatched).toEqual([]);
  });

  it('takes exactly 200 characters', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    const { url } = await getLinks({ offer_ids: 16, source_id: 'y'.repeat(200) });
    expect(url).toBe(`${trackingUrl(16)}&source_id=${'y'.repeat(200)}`);
  });

  it('refuses a sub that is a list or an object, naming the field', async () => {
    const error = describeError(await failure(getLinks({ offer_ids: 16, source_id: ['a'] })));
    expect(error.message).toBe('Source ID must be text, but it was a list or an object.');
    expect(unmatched).toEqual([]);
  });
});

describe('offerslook_tracking_links: landing page', () => {
  it.each([[undefined], [''], ['  '], ['default'], [' Default ']])(
    '%j is the default page: the link as Offerslook gives it, one call',
    async (urlId) => {
      const scope = offerslook()
        .get(`${LINKS_PATH}/16`)
        .reply(200, success({ tracking_link: [linkItem(16)] }));
      const { url } = await getLinks({ offer_ids: 16, url_id: urlId });
      expect(scope.isDone()).toBe(true);
      expect(url).toBe(trackingUrl(16));
    },
  );

  it('random adds random_url=1 before the subs, without another call', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    const { url } = await getLinks({ offer_ids: 16, url_id: 'Random', aff_sub1: 'r 1' });
    expect(url).toBe(`${trackingUrl(16)}&random_url=1&aff_sub1=r+1`);
  });

  it('a number is the named page Offerslook gives with that url_id, subs added, pixel kept', async () => {
    const scope = offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }))
      .get(onePath(16))
      .reply(200, success(oneOffer(16)));

    const result = await getLinks({ offer_ids: ' 16 ', url_id: ' 9', aff_sub2: 'deal #5' });

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      links: [
        {
          offer_id: 16,
          url: `${trackingUrl(16)}&url_id=9&aff_sub2=deal+%235`,
          impression_pixel: linkItem(16).impression_pixel,
          impression_url: pixelUrl(16),
        },
      ],
      missing_offer_ids: [],
      missing_offer_ids_hint: '',
      url: `${trackingUrl(16)}&url_id=9&aff_sub2=deal+%235`,
    });
  });

  it('takes a number mapped as a number, and one offer repeated is one offer', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }))
      .get(onePath(16))
      .reply(200, success(oneOffer(16)));
    const { url } = await getLinks({ offer_ids: '16, 16', url_id: 7 });
    expect(url).toBe(`${trackingUrl(16)}&url_id=7`);
  });

  it('a number the offer does not have is refused, naming its pages', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }))
      .get(onePath(16))
      .reply(200, success(oneOffer(16)));
    const error = await failure(getLinks({ offer_ids: 16, url_id: 8 }));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'Offer 16 has no landing page 8. Its named landing pages are Running shoes (7), Sale (9). ' +
        'Choose one from the Landing Page list, or leave it empty for the default page.',
    });
    expect(reasonOf(error)).toEqual({ kind: 'invalid_input' });
  });

  it('an offer without a link is listed as missing, and its landing pages are not asked for', async () => {
    offerslook()
      .get(`${LINKS_PATH}/118`)
      .reply(200, success({ tracking_link: [] }));
    const result = await getLinks({ offer_ids: 118, url_id: 7, aff_sub1: 'x' });
    expect(result.links).toEqual([]);
    expect(result.missing_offer_ids).toEqual([118]);
    expect(unmatched).toEqual([]);
  });

  it.each([
    ['random', 'random'],
    ['a number', '7'],
  ])('with several offers, %s is refused before any request', async (_, urlId) => {
    const error = await failure(getLinks({ offer_ids: '16, 102', url_id: urlId, aff_sub1: 'x' }));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'Landing Page can be chosen for one offer only, but Offers holds 2 offers. Leave Landing ' +
        "Page empty to get each offer's default page, or get the links one offer at a time (for " +
        'example with Looping by Zapier).',
    });
    expect(reasonOf(error)).toEqual({ kind: 'invalid_input' });
    expect(unmatched).toEqual([]);
  });

  it('with several offers, default is fine', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16,102`)
      .reply(200, success({ tracking_link: [linkItem(16), linkItem(102)] }));
    const result = await getLinks({ offer_ids: '16, 102', url_id: 'default', aff_sub1: 'x' });
    expect(result.links.map((link) => link.url)).toEqual([
      `${trackingUrl(16)}&aff_sub1=x`,
      `${trackingUrl(102)}&aff_sub1=x`,
    ]);
  });

  it.each([['abc'], ['0'], [0], [-3], ['7.5'], [1.5], ['7, 8'], ['url_id=7'], [{ id: 7 }], [[7]]])(
    'refuses %j before any request, naming the field',
    async (urlId) => {
      const error = await failure(getLinks({ offer_ids: 16, url_id: urlId }));
      expect(describeError(error).message).toMatch(
        /^Landing Page must be default, random or the number of one of the offer's landing pages \(such as 7\), but it was .+\. Choose one from the list, or leave it empty for the default page\.$/,
      );
      expect(reasonOf(error)).toEqual({ kind: 'invalid_input' });
      expect(unmatched).toEqual([]);
    },
  );
});

describe('offerslook_offer_url_list (the Landing Page dropdown)', () => {
  const choices = (input: Record<string, unknown>, page = 0) =>
    run<{ id: string; name: string }[]>(dropdown, input, offerslookAuth, { page });

  it('lists Default, Random and each named page of the chosen offer', async () => {
    const scope = offerslook()
      .get(onePath(16))
      .reply(200, success(oneOffer(16)));
    expect(await choices({ offer_ids: ['16'] })).toEqual([
      { id: 'default', name: 'Default' },
      { id: 'random', name: 'Random' },
      { id: '7', name: 'Running shoes (7)' },
      { id: '9', name: 'Sale (9)' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('gives the two choices every offer has when no offer is chosen or offers are mapped', async () => {
    for (const offerIds of [undefined, '', [], '{{123__offer_id}}']) {
      expect(await choices({ offer_ids: offerIds })).toEqual([
        { id: 'default', name: 'Default' },
        { id: 'random', name: 'Random' },
      ]);
    }
    expect(unmatched).toEqual([]);
  });

  it('says a landing page is for one offer only when several are chosen', async () => {
    const error = await failure(choices({ offer_ids: ['16', '102'] }));
    expect(describeError(error).message).toBe(
      "A Landing Page can be chosen for one offer only, and Offers holds 2. Leave Landing Page empty to get each offer's default page.",
    );
    expect(unmatched).toEqual([]);
  });

  it('has no second page', async () => {
    expect(await choices({ offer_ids: ['16'] }, 1)).toEqual([]);
    expect(unmatched).toEqual([]);
  });

  it('shows Offerslook’s message for an offer it will not give links for', async () => {
    offerslook()
      .get(onePath(118))
      .reply(200, { code: 1005, message: 'Offer 118 is not approved for you', data: null });
    const error = describeError(await failure(choices({ offer_ids: '118' })));
    expect(error.message).toBe(
      'Offerslook said: Offer 118 is not approved for you (code 1005). Check the offer (118) in this ' +
        'step: it must be approved for you or public.',
    );
  });

  it('skips odd landing pages and names a page without a name by its preview URL', async () => {
    offerslook()
      .get(onePath(16))
      .reply(
        200,
        success({
          tracking_link: {
            url: trackingUrl(16),
            offer_url: [
              { type: 'Offer URL', name: 'Broken', tracking_link: '' },
              { type: 'Offer URL', name: 'No link' },
              'not an object',
              {
                type: 'Offer URL',
                tracking_link: `${trackingUrl(16)}&url_id=4`,
                preview_url: 'https://shop.example/four',
              },
              { type: 'Offer URL', name: 'Again', tracking_link: `${trackingUrl(16)}&url_id=4` },
              { type: 'Offer URL', name: '', tracking_link: `${trackingUrl(16)}&url_id=5` },
            ],
          },
        }),
      );
    expect(await choices({ offer_ids: 16 })).toEqual([
      { id: 'default', name: 'Default' },
      { id: 'random', name: 'Random' },
      { id: '4', name: 'https://shop.example/four (4)' },
      { id: '5', name: 'Landing page 5 (5)' },
    ]);
  });
});

describe('landing page pieces', () => {
  it.each([
    ['https://t.example/index.php?offer_id=16&aff_id=40&url_id=7', 7],
    ['https://t.example/index.php?url_id=12&offer_id=16', 12],
    ['https://t.example/index.php?offer_id=16&url_id=3#x', 3],
    ['https://t.example/index.php?offer_id=16&aff_id=40', undefined],
    ['https://t.example/index.php?offer_id=16&random_url=1', undefined],
    ['https://t.example/index.php?url_id=0', undefined],
    ['https://t.example/index.php?url_id=abc', undefined],
    ['https://t.example/index.php?my_url_id=7', undefined],
    ['https://t.example/url_id=7', undefined],
  ])('offerUrlId(%s) is %j', (link, id) => {
    expect(offerUrlId(link)).toBe(id);
  });

  it.each([
    [undefined, { kind: 'default' }],
    ['DEFAULT', { kind: 'default' }],
    ['random', { kind: 'random' }],
    ['12', { kind: 'url', urlId: 12 }],
    [12, { kind: 'url', urlId: 12 }],
    ['twelve', undefined],
  ])('parseLandingPage(%j)', (value, expected) => {
    expect(parseLandingPage(value)).toEqual(expected);
  });

  it('lays out dropdown choices even for an offer without named pages', () => {
    expect(landingPageChoices([])).toEqual([
      { id: 'default', name: 'Default' },
      { id: 'random', name: 'Random' },
    ]);
  });

  it('sub parameters keep Offerslook’s order and leave out empty ones', () => {
    expect(offerslookSubParameters({ aff_sub2: 'b', source_id: 's', aff_sub1: 'a' })).toEqual([
      ['source_id', 's'],
      ['aff_sub1', 'a'],
      ['aff_sub2', 'b'],
    ]);
    expect(offerslookSubParameters({})).toEqual([]);
  });
});
