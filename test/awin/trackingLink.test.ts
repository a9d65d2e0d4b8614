import nock from 'nock';
import { reasonOf } from '../../src/core/errors';
import { App, captureZapierLogs, describeError, failure, setupNock } from '../support/app';

import { AWIN, AWIN_TOKEN, awinAuth, runAwin } from './helpers';

const action = App.creates.awin_tracking_link;
setupNock();

const generated =
  'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fsale';

describe('awin_tracking_link', () => {
  it('sends the link request with the Bearer token in a header and only the filled parameters', async () => {
    const scope = nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
      .post('/publishers/100001/linkbuilder/generate', {
        advertiserId: 1001,
        destinationUrl: 'https://www.acmeshoes.example/sale',
        parameters: { campaign: 'spring', clickref: 'row-42', clickref3: 'crm' },
        shorten: false,
      })
      .reply(200, { url: generated });

    const result = await runAwin(action, {
      advertiserId: ' 1001 ',
      destinationUrl: ' https://www.acmeshoes.example/sale ',
      campaign: 'spring',
      clickref: 'row-42',
      clickref2: '',
      clickref3: 'crm',
    });

    expect(result).toEqual({
      url: generated,
      advertiserId: 1001,
      publisherId: 100001,
      destinationUrl: 'https://www.acmeshoes.example/sale',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('returns the short link when asked to shorten', async () => {
    nock(AWIN)
      .post(
        '/publishers/100002/linkbuilder/generate',
        (body) => body.shorten === true && !('destinationUrl' in body),
      )
      .reply(200, {
        url: 'https://www.awin1.com/awclick.php?mid=1001&id=100002',
        shortUrl: 'https://tidd.ly/abc1234',
      });

    const result = await runAwin(action, {
      publisherId: '100002',
      advertiserId: 1001,
      shorten: 'true',
    });

    expect(result).toEqual({
      url: 'https://www.awin1.com/awclick.php?mid=1001&id=100002',
      shortUrl: 'https://tidd.ly/abc1234',
      advertiserId: 1001,
      publisherId: 100002,
      destinationUrl: null,
    });
  });

  it("uses the token's only publisher account when none is chosen or set as default", async () => {
    nock(AWIN)
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        userId: 5001,
        accounts: [
          {
            accountId: 100003,
            accountName: 'Sam Solo Reviews',
            accountType: 'publisher',
            userRole: 'admin',
          },
        ],
      });
    nock(AWIN).post('/publishers/100003/linkbuilder/generate').reply(200, { url: generated });

    const result = await runAwin<{ publisherId: number }>(
      action,
      { advertiserId: 1001 },
      { awin_access_token: AWIN_TOKEN },
    );

    expect(result.publisherId).toBe(100003);
  });

  it('asks the user to choose when the token reaches several publisher accounts', async () => {
    nock(AWIN)
      .get('/accounts')
      .query(true)
      .reply(200, {
        userId: 5001,
        accounts: [
          { accountId: 100001, accountName: 'Jane Doe Media', accountType: 'publisher' },
          { accountId: 100002, accountName: 'Jane Doe Coupons', accountType: 'publisher' },
        ],
      });

    const error = describeError(
      await failure(runAwin(action, { advertiserId: 1001 }, { awin_access_token: AWIN_TOKEN })),
    );

    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Your Awin token reaches 2 publisher accounts: Jane Doe Media (100001), Jane Doe Coupons (100002). ' +
        'Choose one in "Publisher Account", or set a default "Awin Publisher ID" in the connection.',
    );
  });

  describe('refuses bad input before any request', () => {
    it.each([
      [
        { advertiserId: 'abc' },
        'Advertiser must be a positive whole number such as 1234, but it was "abc".',
      ],
      [
        { advertiserId: 0 },
        'Advertiser must be a positive whole number such as 1234, but it was 0.',
      ],
      [
        { advertiserId: -5 },
        'Advertiser must be a positive whole number such as 1234, but it was -5.',
      ],
      [
        { advertiserId: 1.5 },
        'Advertiser must be a positive whole number such as 1234, but it was 1.5.',
      ],
      [{ advertiserId: '' }, 'Advertiser is required.'],
      [
        { advertiserId: 1001, publisherId: 'x1' },
        'Publisher Account must be a positive whole number',
      ],
      [
        { advertiserId: 1001, destinationUrl: 'www.acme.example' },
        'Destination URL must be a full web address starting with http:// or https://',
      ],
      [
        { advertiserId: 1001, destinationUrl: 'ftp://acme.example/file' },
        'Destination URL must be a full web address',
      ],
      [
        { advertiserId: 1001, destinationUrl: 'javascript:alert(1)' },
        'Destination URL must be a full web address',
      ],
      [
        { advertiserId: 1001, clickref: 'x'.repeat(51) },
        'Click Reference is 51 characters long; the most allowed is 50.',
      ],
      [
        { advertiserId: 1001, clickref6: 'y'.repeat(60) },
        'Click Reference 6 is 60 characters long; the most allowed is 50.',
      ],
    ])('%j', async (input, message) => {
      const error = describeError(await failure(runAwin(action, input)));
      expect(error.name).toBe('AppError');
      expect(error.message).toContain(message);
    });
  });
});

describe('Awin answers become errors a user can act on', () => {
  const call = () =>
    runAwin(action, { advertiserId: 1001, destinationUrl: 'https://www.acmeshoes.example/' });
  const reply = (status: number, body: unknown, headers: Record<string, string> = {}) =>
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(status, body as nock.Body, headers);

  it('401 asks to reconnect with a current token', async () => {
    reply(401, {
      error: 'unauthorized',
      description: 'Full authentication is required to access this resource',
    });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe(
      'Awin did not accept your credentials (401: Full authentication is required to access this resource (unauthorized)). ' +
        'Reconnect Awin with a current API token: in Awin open your user menu → API Credentials ' +
        '(https://ui.awin.com/awin-api), copy the token and paste it into the connection.',
    );
  });

  it('403 explains permission and propagation delay', async () => {
    reply(403, { error: 'forbidden', description: 'Access denied' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "Awin refused access to publisher account 100001 (403). Check that your Awin user can use this account; access granted in the last 10 minutes may not have reached Awin's API yet.",
    );
  });

  it('"Unknown error!" means the advertiser does not allow deep links', async () => {
    reply(500, { error: 'exception', description: 'Unknown error! Please try again later!' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toContain('Awin advertiser 1001 does not allow deep links');
    expect(error.message).not.toContain('Unknown error');
  });

  it('"Unknown error!" for a link without a destination: the advertiser refuses the link builder itself', async () => {
    reply(500, { error: 'exception', description: 'Unknown error! Please try again later!' });
    const error = describeError(await failure(runAwin(action, { advertiserId: 1001 })));
    expect(error.message).toBe(
      "Awin advertiser 1001 does not let publishers make links with Awin's link builder (Awin answered " +
        '"Unknown error!"). Use its default tracking link instead ("Default Tracking Link" in Find Awin ' +
        'Advertiser), or ask the advertiser to allow it.',
    );
    expect(error.message).not.toContain('Leave Destination URL empty');
  });

  it('deeplinkNotPermitted means the advertiser does not allow deep links', async () => {
    reply(400, { destinationUrl: 'deeplinkNotPermitted' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "Awin advertiser 1001 does not allow deep links, so Awin cannot build this link. Leave Destination URL empty to get the advertiser's default link, or choose another advertiser.",
    );
  });

  it('an advertiser the account has not joined: join the programme in Awin or pick one from the list', async () => {
    reply(400, {
      error: 'bad request',
      description: 'Publisher 100001 is not joined to advertiser 1001',
    });
    const error = await failure(call());
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        "Awin account 100001 has not joined advertiser 1001's programme, so Awin will not make a " +
        'link for it. Join the programme in Awin (Advertisers → Join Programmes) and wait until it ' +
        'is approved, or pick an advertiser you have joined from the Advertiser list.',
      delay: undefined,
    });
    expect(reasonOf(error)).toEqual({ network: 'Awin', kind: 'rejected', code: 'not_joined' });
  });

  it('429 with Retry-After throttles for that long', async () => {
    reply(429, { error: 'too many requests' }, { 'Retry-After': '17' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(17);
    expect(error.message).toBe(
      'Awin is limiting how many requests it takes (429): too many calls in a short time. Zapier will retry this step automatically in about 17 seconds.',
    );
  });

  it("429 without Retry-After waits for Awin's one-minute window", async () => {
    reply(429, '');
    const error = describeError(await failure(call()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(60);
  });

  it('5xx names Awin and the status', async () => {
    reply(503, { error: 'service unavailable' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Awin had a problem on its side (HTTP 503: service unavailable). Try again in a few minutes.',
    );
  });

  it('an HTML error page names Awin and the status, without dumping the page', async () => {
    reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', {
      'Content-Type': 'text/html',
    });
    const error = describeError(await failure(call()));
    expect(error.message).toBe(
      'Awin had a problem on its side (HTTP 502: an HTML page instead of JSON). Try again in a few minutes.',
    );
  });

  it('HTML with status 200 is reported as unreadable', async () => {
    reply(200, '<html>maintenance</html>', { 'Content-Type': 'text/html' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(
      /^Awin sent an answer this integration cannot read \(HTTP 200, an HTML page instead of JSON\)/,
    );
  });

  it('malformed JSON is reported as unreadable', async () => {
    reply(200, '{"url": "https://www.awin1.com/', { 'Content-Type': 'application/json' });
    const error = describeError(await failure(call()));
    expect(error.message).toMatch(
      /^Awin sent an answer this integration cannot read \(HTTP 200, malformed JSON/,
    );
  });

  it('an answer of the wrong shape fails loudly through the schema', async () => {
    reply(200, { link: 'https://www.awin1.com/x' });
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toMatch(
      /^Awin sent an answer this integration cannot read \(HTTP 200, .*for url but it was missing\)/,
    );
  });

  it('a connection failure names Awin and says it is temporary', async () => {
    nock(AWIN).post('/publishers/100001/linkbuilder/generate').replyWithError('socket hang up');
    const error = describeError(await failure(call()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Could not reach Awin (the connection failed). This is usually temporary: try again in a few minutes.',
    );
  });

  it('no error message ever contains the token', async () => {
    reply(401, { error: 'unauthorized', description: `token ${AWIN_TOKEN} is revoked` });
    const error = await failure(runAwin(action, { advertiserId: 1001 }, awinAuth));
    // Awin echoing the token back must not leak it either.
    expect(error.message).not.toContain(AWIN_TOKEN);
    expect(describeError(error).message).toContain('[hidden]');
  });
});

describe('an input key the step does not have is named in the run log', () => {
  const lines = captureZapierLogs();

  it('"clickRef" for "clickref": the link is made without it, and the log says which key was meant', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate', (body: { parameters?: unknown }) => {
        return body.parameters === undefined;
      })
      .reply(200, {
        url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001',
      });
    await runAwin(action, { advertiserId: '1001', clickRef: 'row-2' });
    const said = lines.filter((line) => line.includes('This step has no input field'));
    // Zapier's log prints each line once to stdout and once in detail: the same message.
    expect(said.length).toBeGreaterThan(0);
    for (const line of said) expect(line).toContain('"clickRef" (did you mean "clickref"?)');
  });

  it('keys the step declares are not mentioned', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(200, { url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' });
    await runAwin(action, { advertiserId: '1001', clickref: 'row-2' });
    expect(lines.filter((line) => line.includes('This step has no input field'))).toEqual([]);
  });
});
