import nock from 'nock';
import { type OfferslookTrackingLinks } from '../../src/offerslook/outputs';

import { App, describeError, failure, run, setupNock } from '../support/app';

import {
  linkItem,
  LINKS_PATH,
  OFFERSLOOK,
  offerslook,
  OFFERSLOOK_BASIC_VALUE,
  OFFERSLOOK_KEY,
  offerslookAuth,
  pixelUrl,
  success,
  trackingUrl,
  unmatchedRequests,
} from './helpers';

const action = App.creates.offerslook_tracking_links;
setupNock();
const unmatched = unmatchedRequests();

const getLinks = (offerIds: unknown) =>
  run<OfferslookTrackingLinks>(action, { offer_ids: offerIds }, offerslookAuth);

/** Answers every tracking-link call like Offerslook: links for `runnable` ids only, in id order. */
function answerLinks(runnable: (id: number) => boolean, calls: number[][]) {
  return offerslook()
    .persist()
    .get(new RegExp(`^${LINKS_PATH}/[0-9,]+$`))
    .reply(200, (uri) => {
      const ids = uri.split('/').at(-1)!.split(',').map(Number);
      calls.push(ids);
      return success({
        tracking_link: [...ids]
          .sort((a, b) => a - b)
          .filter(runnable)
          .map(linkItem),
      });
    });
}

describe('offerslook_tracking_links', () => {
  it('asks for the ids in the path with the Basic credential in a header, and lays out the answer', async () => {
    const scope = offerslook()
      .get(`${LINKS_PATH}/16,102`)
      .reply(200, success({ tracking_link: [linkItem(102), linkItem(16)] }));

    const result = await getLinks([16, '102']);

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      links: [
        {
          offer_id: 16,
          url: trackingUrl(16),
          impression_pixel: linkItem(16).impression_pixel,
          impression_url: pixelUrl(16),
        },
        {
          offer_id: 102,
          url: trackingUrl(102),
          impression_pixel: linkItem(102).impression_pixel,
          impression_url: pixelUrl(102),
        },
      ],
      missing_offer_ids: [],
      missing_offer_ids_hint: '',
      url: trackingUrl(16),
    });
  });

  it('250 ids make exactly 3 calls (100, 100, 50); links in input order, missing ids listed', async () => {
    const calls: number[][] = [];
    const ids = Array.from({ length: 250 }, (_, i) => 5000 - i * 7);
    const unapproved = new Set([ids[3], ids[120], ids[249]]);
    answerLinks((id) => !unapproved.has(id), calls);

    const result = await getLinks(ids.map(String));

    expect(calls.map((call) => call.length)).toEqual([100, 100, 50]);
    expect(calls.flat()).toEqual(ids);
    expect(result.links.map((link) => link.offer_id)).toEqual(
      ids.filter((id) => !unapproved.has(id)),
    );
    expect(result.missing_offer_ids).toEqual([ids[3], ids[120], ids[249]]);
    expect(result.missing_offer_ids_hint).toBe(
      `Offerslook returned no link for offers ${ids[3]}, ${ids[120]}, ${ids[249]}: an offer must be ` +
        'approved for you or public. Ask your network to approve them, or check the IDs.',
    );
    expect(result.url).toBe(trackingUrl(ids[0]));
  });

  it('1,000 distinct ids make 10 calls', async () => {
    const calls: number[][] = [];
    answerLinks(() => true, calls);
    const result = await getLinks(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(calls).toHaveLength(10);
    expect(result.links).toHaveLength(1000);
  });

  it('reads one spreadsheet cell or a list of cells, asking for repeated ids once, first-seen order', async () => {
    const scope = offerslook()
      .get(`${LINKS_PATH}/205,16,102,77`)
      .reply(200, success({ tracking_link: [linkItem(16), linkItem(102), linkItem(205)] }));

    const result = await getLinks(['205, 16;102', ' 16 205\t77 ', 102]);

    expect(scope.isDone()).toBe(true);
    expect(result.links.map((link) => link.offer_id)).toEqual([205, 16, 102]);
    expect(result.missing_offer_ids).toEqual([77]);
    expect(result.missing_offer_ids_hint).toBe(
      'Offerslook returned no link for offer 77: an offer must be approved for you or public. ' +
        'Ask your network to approve it, or check the IDs.',
    );
  });

  it('accepts a single comma-separated string', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16,102,205`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    const result = await getLinks('16,102, 205');
    expect(result.missing_offer_ids).toEqual([102, 205]);
  });

  it('returns the output, not an error, when no offer got a link', async () => {
    offerslook()
      .get(`${LINKS_PATH}/77,78`)
      .reply(200, success({ tracking_link: [] }));
    const result = await getLinks('77,78');
    expect(result).toEqual({
      links: [],
      missing_offer_ids: [77, 78],
      missing_offer_ids_hint:
        'Offerslook returned no link for offers 77, 78: an offer must be approved for you or ' +
        'public. Ask your network to approve them, or check the IDs.',
      url: null,
    });
  });

  it('reads pixels in other forms and ignores links for offers it did not ask for', async () => {
    offerslook()
      .get(`${LINKS_PATH}/1,2,3,4`)
      .reply(
        200,
        success({
          tracking_link: [
            {
              offer_id: '1',
              url: trackingUrl(1),
              impression_pixel: `<IMG width="1" SRC="https://t.example/i?o=1&amp;a=40&#38;s=x" />`,
            },
            { offer_id: 2, url: trackingUrl(2), impression_pixel: '' },
            { offer_id: 3, url: trackingUrl(3), impression_pixel: null },
            { offer_id: 4, url: trackingUrl(4) },
            { offer_id: 9, url: trackingUrl(9), impression_pixel: '' },
          ],
        }),
      );
    const result = await getLinks('1,2,3,4');
    expect(result.links.map((link) => [link.offer_id, link.impression_url])).toEqual([
      [1, 'https://t.example/i?o=1&a=40&s=x'],
      [2, null],
      [3, null],
      [4, null],
    ]);
    expect(result.links[1].impression_pixel).toBeNull();
  });

  describe('refuses bad input before any request', () => {
    it.each([
      [
        '16, abc, 102',
        'Offers must be offer IDs (positive whole numbers such as 16), but "abc" is not one. ' +
          'Choose offers from the list, or map numbers separated by commas.',
      ],
      [[16, 0], 'Offers must be offer IDs (positive whole numbers such as 16), but 0 is not one.'],
      [[16, -3], 'but -3 is not one.'],
      [[1.5], 'but 1.5 is not one.'],
      ['16|102', 'but "16|102" is not one.'],
      [[{ id: 16 }], 'but a list or an object is not one.'],
      ['', 'Offers is empty. Choose at least one offer, or map a field that holds offer IDs.'],
      [[], 'Offers is empty.'],
      [' , ; ', 'Offers is empty.'],
      [undefined, 'Offers is empty.'],
    ])('%j', async (offerIds, message) => {
      const error = describeError(await failure(getLinks(offerIds)));
      expect(error.name).toBe('AppError');
      expect(error.message).toContain(message);
      expect(unmatched).toEqual([]);
    });

    it('more than 1,000 distinct ids, saying how to split', async () => {
      const ids = Array.from({ length: 1001 }, (_, i) => i + 1);
      const error = describeError(await failure(getLinks(ids)));
      expect(error.message).toBe(
        'Offers holds 1001 different offers; one run takes at most 1000. Split the list into runs ' +
          'of up to 1000 (for example with Looping by Zapier).',
      );
      expect(unmatched).toEqual([]);
    });

    it('but 1,000 distinct ids with repeats are fine', async () => {
      const calls: number[][] = [];
      answerLinks(() => true, calls);
      const ids = Array.from({ length: 1000 }, (_, i) => i + 1);
      await getLinks([...ids, ...ids].join(','));
      expect(calls.flat()).toEqual(ids);
    });
  });
});

describe('Offerslook answers become errors a user can act on', () => {
  const call = () => getLinks('16,999');
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    offerslook()
      .get(`${LINKS_PATH}/16,999`)
      .reply(status, body as nock.Body, headers);

  it('a non-zero code shows Offerslook’s message and what to do', async () => {
    reply(200, { code: 1002, message: 'Invalid offer id 999', data: null });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Offerslook said: Invalid offer id 999 (code 1002). Check the offer IDs in this step: each ' +
        'must be the number of an offer in your Offerslook network.',
    );
  });

  it('a non-zero code without a message still says what happened', async () => {
    reply(200, { code: 5, data: [] });
    const error = describeError(await failure(call()));
    expect(error.message).toMatch(
      /^Offerslook refused the request \(code 5\) without saying why\./,
    );
  });

  it('a non-zero code on one call of many lists that call’s ids with the reason; the links made are kept', async () => {
    const ids = Array.from({ length: 150 }, (_, i) => i + 1);
    offerslook()
      .get(`${LINKS_PATH}/${ids.slice(0, 100).join(',')}`)
      .reply(200, success({ tracking_link: [linkItem(1)] }))
      .get(`${LINKS_PATH}/${ids.slice(100).join(',')}`)
      .reply(200, { code: 1002, message: 'Invalid offer id 120', data: null });
    const result = (await getLinks(ids)) as {
      links: { offer_id: number }[];
      missing_offer_ids: number[];
      missing_offer_ids_hint: string;
    };
    expect(result.links.map((link) => link.offer_id)).toEqual([1]);
    expect(result.missing_offer_ids).toHaveLength(149);
    expect(result.missing_offer_ids_hint).toContain('Offers 101');
    expect(result.missing_offer_ids_hint).toContain(
      'Offerslook said: Invalid offer id 120 (code 1002).',
    );
  });

  it('HTTP 401 asks to reconnect, with Offerslook’s message', async () => {
    reply(401, { code: 401, message: 'Authentication failed', data: null });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe(
      'Offerslook did not accept your credentials (401: Authentication failed). Reconnect ' +
        'Offerslook with your current details: "Offerslook Email" is the address you sign in to the ' +
        'affiliate portal with, and "Offerslook API Key" is the key shown there (a regenerated key ' +
        'replaces the old one).',
    );
  });

  it('code 401 inside an HTTP 200 answer asks to reconnect too', async () => {
    reply(200, { code: 401, message: 'Authentication failed', data: null });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(
      /^Offerslook did not accept your credentials \(401: Authentication failed\)\. Reconnect/,
    );
  });

  it('403 explains permission', async () => {
    reply(403, { code: 403, message: 'Forbidden', data: null });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(/^Offerslook refused access \(403: Forbidden\)\./);
  });

  it('404 points at the network name', async () => {
    reply(404, { code: 404, message: 'Network not found', data: null });
    const error = describeError(await failure(call()));
    expect(error.message).toBe(
      'Offerslook could not find what was asked for (404: Network not found). Check that "acme" is ' +
        "your network's name in the connection (acme for acme.api.offerslook.com) and the offer IDs in this step.",
    );
  });

  it('429 with Retry-After throttles for that long', async () => {
    reply(429, { code: 429, message: 'Too many requests' }, { 'Retry-After': '12' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(12);
    expect(error.message).toBe(
      'Offerslook is limiting how many requests it takes (429): too many calls in a short time. Zapier will retry this step automatically in about 12 seconds.',
    );
  });

  it('429 without Retry-After waits a minute', async () => {
    reply(429, '');
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(60);
  });

  it('5xx names Offerslook, the status and its message', async () => {
    reply(503, { code: 503, message: 'Service unavailable', data: null });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Offerslook had a problem on its side (HTTP 503: Service unavailable). Try again in a few minutes.',
    );
  });

  it('an HTML error page names Offerslook and the status without dumping the page', async () => {
    reply(502, '<html><body>Bad Gateway</body></html>', { 'Content-Type': 'text/html' });
    const error = describeError(await failure(call()));
    expect(error.message).toBe(
      'Offerslook had a problem on its side (HTTP 502: an HTML page instead of JSON). Try again in a few minutes.',
    );
  });

  it('HTML with status 200 is reported as unreadable', async () => {
    reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(
      /^Offerslook sent an answer this integration cannot read \(HTTP 200, an HTML page instead of JSON\)/,
    );
  });

  it('malformed JSON is reported as unreadable', async () => {
    reply(200, '{"code": 0, "data": {', { 'Content-Type': 'application/json' });
    const error = describeError(await failure(call()));
    expect(error.message).toMatch(
      /^Offerslook sent an answer this integration cannot read \(HTTP 200, malformed JSON/,
    );
  });

  it('an answer that is not an envelope fails through the schema', async () => {
    reply(200, { tracking_link: [] });
    const error = describeError(await failure(call()));
    expect(error.message).toMatch(
      /^Offerslook sent an answer this integration cannot read \(HTTP 200, .*for code\)/,
    );
  });

  it('data of the wrong shape fails through the schema, naming where', async () => {
    reply(200, success({ tracking_link: { offer_id: 16 } }));
    const error = describeError(await failure(call()));
    expect(error.message).toMatch(
      /^Offerslook sent an answer this integration cannot read \(HTTP 200, a list was expected for data → tracking_link but it was a record\)/,
    );
  });

  it('a link item without a url, or with an empty or non-web one, is never handed out: its offer is listed as missing', async () => {
    reply(
      200,
      success({
        tracking_link: [
          { offer_id: 16, url: '' },
          { offer_id: 999, url: 'javascript:alert(1)' },
        ],
      }),
    );
    const result = await call();
    expect(result.links).toEqual([]);
    expect(result.missing_offer_ids).toEqual([16, 999]);
    expect(result.url).toBeNull();
  });

  it('never puts the credential in the URL, and hides it when Offerslook echoes it', async () => {
    const paths: string[] = [];
    nock(OFFERSLOOK)
      .get(/.*/)
      .reply(function (uri) {
        paths.push(uri);
        return [
          200,
          {
            code: 1009,
            message: `key ${OFFERSLOOK_KEY} (Basic ${OFFERSLOOK_BASIC_VALUE}) is disabled`,
            data: null,
          },
        ];
      });
    const error = await failure(call());
    expect(paths).toEqual([`${LINKS_PATH}/16,999`]);
    expect(error.message).not.toContain(OFFERSLOOK_KEY);
    expect(error.message).not.toContain(OFFERSLOOK_BASIC_VALUE);
    expect(describeError(error).message).toBe(
      'Offerslook said: key [hidden] (Basic [hidden]) is disabled (code 1009). Check the offer IDs ' +
        'in this step: each must be the number of an offer in your Offerslook network.',
    );
  });

  it('a 401 that echoes the key keeps it out of the message', async () => {
    reply(401, { code: 401, message: `api key ${OFFERSLOOK_KEY} is wrong` });
    const error = await failure(call());
    expect(error.message).not.toContain(OFFERSLOOK_KEY);
    expect(describeError(error).message).toContain('api key [hidden] is wrong');
  });
});
