import fc from 'fast-check';
import nock from 'nock';
import App from '../../index';
import { retryAfterSeconds } from '../../src/core/http';
import { AWIN, AWIN_TOKEN, awinAuth, runAwin } from '../awin/helpers';
import { EVERFLOW, networkAuth, PARTNER_KEY } from '../everflow/helpers';
import { OFFERSLOOK_EMAIL } from '../offerslook/helpers';
import { captureZapierLogs, connect, describeError, failure, run, setupNock } from '../support/app';

/** Words no message a user reads may contain. */
const NOT_FOR_PEOPLE = [
  /Invalid input/i,
  /\[object Object\]/,
  /\bundefined\b/,
  /expected \w+, received/i,
];

function expectReadable(message: string): void {
  for (const pattern of NOT_FOR_PEOPLE) expect(message).not.toMatch(pattern);
  expect(message.length).toBeLessThanOrEqual(600);
}

setupNock();

describe('Retry-After', () => {
  it('reads whole and fractional seconds, at least 1', () => {
    expect(retryAfterSeconds('12')).toBe(12);
    expect(retryAfterSeconds('0')).toBe(1);
    expect(retryAfterSeconds('2.5')).toBe(3);
  });

  it('reads an HTTP date as the seconds until then', () => {
    const now = Date.parse('2026-11-22T10:00:00Z');
    expect(retryAfterSeconds('Sun, 22 Nov 2026 10:00:30 GMT', now)).toBe(30);
  });

  it('leaves negative or unreadable values to the network’s window', () => {
    for (const header of ['-1', '', 'soon', '1e9x', '-', 'NaN', undefined, null]) {
      expect(retryAfterSeconds(header)).toBeUndefined();
    }
  });

  it('a 429 with Retry-After: -1 waits the network’s window, not 0 seconds', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(429, {}, { 'Retry-After': '-1' });
    const error = describeError(
      await failure(runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 })),
    );
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(60);
  });
});

describe('answers of the wrong shape are described in words', () => {
  it('a renamed list key names what was expected and where, without the validation library’s words', async () => {
    nock(AWIN).get('/accounts').query(true).reply(200, { userId: 1, accountz: [] });
    const error = describeError(
      await failure(
        runAwin(App.triggers.awin_publisher_account_list, {}, { awin_access_token: AWIN_TOKEN }),
      ),
    );
    expect(error.message).toBe(
      "Awin sent an answer this integration cannot read (HTTP 200, a list was expected for accounts but it was missing). Awin's API may be having trouble or may have changed: try again later, and contact us if it persists.",
    );
    expectReadable(error.message);
  });
});

describe('one odd item never fails a list', () => {
  const logs = captureZapierLogs();

  it('an Awin programme without a name is skipped (and logged); the others are listed', async () => {
    nock(AWIN)
      .get('/publishers/100001/programmes')
      .query(true)
      .reply(200, [
        { id: 1001, name: 'Acme Shoes' },
        { id: 1002 },
        {
          id: 1003,
          name: 'Nordic Outdoor',
          validDomains: [{ domain: 'nordic.example' }, { x: 1 }],
        },
      ]);
    const choices = await runAwin<{ id: string; name: string }[]>(
      App.triggers.awin_advertiser_list,
      {},
    );
    expect(choices.map((choice) => choice.id)).toEqual(['1001', '1003']);
    expect(logs.join('\n')).toContain(
      'Awin sent 2 list items this integration cannot read; they were skipped and the rest kept.',
    );
  });

  it('an Everflow offer whose URL entry lacks a name still reaches the offer dropdown', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/offerstable')
      .query(true)
      .reply(200, {
        offers: [
          {
            network_offer_id: 1,
            name: 'Acme Shoes',
            relationship: { urls: [{ network_offer_url_id: 3, url: 'https://x.example' }] },
          },
          { network_offer_id: 2, name: 'Nordic Outdoor' },
        ],
      });
    const choices = await run<{ id: string; name: string }[]>(
      App.triggers.everflow_offer_list,
      {},
      networkAuth,
    );
    expect(choices.map((choice) => choice.id)).toEqual(['1', '2']);
  });
});

describe('links are links', () => {
  it('an empty url from Awin is an error naming Awin, never a success', async () => {
    nock(AWIN).post('/publishers/100001/linkbuilder/generate').reply(200, { url: '' });
    const error = describeError(
      await failure(runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 })),
    );
    expect(error.message).toMatch(
      /^Awin sent an answer this integration cannot read \(HTTP 200, not a web address \(http or https\) for url\)/,
    );
  });

  it('a javascript: url from Awin is never handed out', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(200, { url: 'javascript:alert(document.cookie)' });
    const error = await failure(runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 }));
    expect(describeError(error).message).toContain('not a web address');
  });
});

describe('causes in plain words, before any request', () => {
  it('text with Zapier’s {{ }} is refused naming the field', async () => {
    const error = describeError(
      await failure(
        runAwin(App.creates.awin_tracking_link, { advertiserId: 1001, clickref: 'row {{7}}' }),
      ),
    );
    expect(error.message).toBe(
      'Click Reference contains "{{" or "}}", which Zapier keeps for its own field mapping and will not send. Remove the double braces (single { and } are fine) and try again.',
    );
  });

  it.each([
    ['a zero-width space', `${AWIN_TOKEN}\u200b`],
    ['an emoji', `${AWIN_TOKEN}🔑`],
    ['a line break inside', `${AWIN_TOKEN.slice(0, 5)}\n${AWIN_TOKEN.slice(5)}`],
  ])('an Awin token with %s is refused with "re-paste your key"', async (_what, token) => {
    const error = describeError(
      await failure(
        runAwin(
          App.creates.awin_tracking_link,
          { advertiserId: 1001 },
          {
            ...awinAuth,
            awin_access_token: token,
          },
        ),
      ),
    );
    expect(error.message).toMatch(
      /^Awin API Token contains a character no key has .* Re-paste your key/,
    );
    expect(error.message).not.toContain(AWIN_TOKEN);
  });

  it('an Everflow or Offerslook key with an invisible character is refused the same way', async () => {
    const everflow = describeError(
      await failure(
        run(
          App.triggers.everflow_offer_list,
          {},
          {
            everflow_api_key: `\u200b${PARTNER_KEY}`,
            everflow_api_type: 'affiliate',
          },
        ),
      ),
    );
    expect(everflow.message).toMatch(/^Everflow API Key contains a character no key has/);
    const offerslook = describeError(
      await failure(
        run(
          App.triggers.offerslook_offer_list,
          {},
          {
            offerslook_network: 'acme',
            offerslook_email: OFFERSLOOK_EMAIL,
            offerslook_api_key: 'key\u2060value',
          },
        ),
      ),
    );
    expect(offerslook.message).toMatch(/^Offerslook API Key contains a character no key has/);
  });

  it('an object mapped into a choice is described by its type, not [object Object]', async () => {
    const error = describeError(
      await failure(
        run(App.creates.qr_code, { url: 'https://shop.example', format: { a: 1 } }, awinAuth),
      ),
    );
    expect(error.message).toBe('Format must be one of png, svg, but it was a list or an object.');
  });

  it('a long input is quoted clipped, on one line', async () => {
    const long = `https://${'x'.repeat(10_000)}`;
    const error = describeError(
      await failure(
        runAwin(App.creates.awin_tracking_link, {
          advertiserId: 1001,
          destinationUrl: `ftp${long}`,
        }),
      ),
    );
    expectReadable(error.message);
  });

  it('property: whatever text is mapped into a field, the message stays short and readable', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 5000 }), fc.object(), fc.array(fc.anything())),
        async (value) => {
          const outcome = await runAwin(App.creates.awin_tracking_link, {
            advertiserId: value,
          }).catch((error: Error) => error);
          expect(outcome).toBeInstanceOf(Error);
          expectReadable(describeError(outcome as Error).message);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('the connection test', () => {
  it('a 429 says to test again in a minute, promising no retry', async () => {
    nock(AWIN).get('/accounts').query(true).reply(429, {});
    const error = describeError(await failure(connect({ awin_access_token: AWIN_TOKEN })));
    expect(error.message).toBe(
      'Could not connect. Awin: busy right now (too many requests in a short time); test the connection again in a minute.',
    );
  });

  it('stays short when several networks fail: one short clause each', async () => {
    nock(AWIN)
      .get('/accounts')
      .query(true)
      .reply(401, { error: 'x'.repeat(2000) });
    nock(EVERFLOW)
      .get('/v1/affiliates')
      .reply(403, { Error: 'y'.repeat(2000) });
    nock('https://acme.api.offerslook.com')
      .get('/aff/v1/batches/offers')
      .query(true)
      .reply(500, 'z'.repeat(2000));
    const error = describeError(
      await failure(
        connect({
          awin_access_token: AWIN_TOKEN,
          everflow_api_key: PARTNER_KEY,
          everflow_api_type: 'affiliate',
          offerslook_network: 'acme',
          offerslook_email: OFFERSLOOK_EMAIL,
          offerslook_api_key: 'offerslook-key-1234',
        }),
      ),
    );
    expect(error.message).toMatch(/^Could not connect\. Awin: .* Everflow: .* Offerslook: /);
    expectReadable(error.message);
  });
});

describe('an overridden API address that does not answer', () => {
  afterEach(() => {
    delete process.env.AWIN_API_URL;
  });

  it('names the address and asks whether the sandbox is running', async () => {
    nock.enableNetConnect('127.0.0.1');
    process.env.AWIN_API_URL = 'http://127.0.0.1:9/awin'; // the discard port: nothing listens
    const error = describeError(
      await failure(runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 })),
    );
    expect(error.message).toMatch(
      /^Nothing answered at http:\/\/127\.0\.0\.1:9 for Awin \(.*\)\. Is the sandbox running\? Start it with "npm run sandbox"/,
    );
    nock.disableNetConnect();
  });
});
