import { UNPAIRED_ITEM } from '../../src/awin/pairing';
import nock from 'nock';
import { type AwinBulkLink } from '../../src/awin/bulk';
import { type BulkSummary } from '../../src/core/bulk';

import { App, describeError, failure, setupNock } from '../support/app';

import { AWIN, AWIN_TOKEN, runAwin } from './helpers';

const action = App.creates.awin_tracking_links_batch;
setupNock();

type LinkRequest = {
  advertiserId: number;
  destinationUrl?: string;
  parameters?: Record<string, string>;
};

// Like Awin's deep links, the link names its request: advertiser, destination and click reference.
const linkFor = (request: LinkRequest) =>
  `https://www.awin1.com/cread.php?awinmid=${request.advertiserId}&awinaffid=100001&ued=${encodeURIComponent(request.destinationUrl ?? '')}` +
  (request.parameters?.clickref
    ? `&clickref=${encodeURIComponent(request.parameters.clickref)}`
    : '');

/** Answers generate-batch like Awin: one response per request, refusing one advertiser's deep links. */
function awinBatch(refuse: number, calls: LinkRequest[][]) {
  return nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
    .persist()
    .post('/publishers/100001/linkbuilder/generate-batch')
    .reply(200, (_uri, body) => {
      const { requests } = body as { requests: LinkRequest[] };
      calls.push(requests);
      return {
        responses: requests.map((request) =>
          request.advertiserId === refuse
            ? { status: 400, body: { destinationUrl: 'deeplinkNotPermitted' } }
            : {
                status: 200,
                body: { url: linkFor(request), request: { publisherId: 100001, ...request } },
              },
        ),
      };
    });
}

const item = (i: number, advertiserId = 1001) => ({
  advertiserId: String(advertiserId),
  destinationUrl: `https://www.acmeshoes.example/p/${i}`,
  clickref: `row-${i}`,
});

describe('awin_tracking_links_batch', () => {
  it('250 items with one refused: 3 calls, 250 results in order, 249 links and 1 error naming the advertiser', async () => {
    const calls: LinkRequest[][] = [];
    awinBatch(1007, calls);
    const links = Array.from({ length: 250 }, (_, i) => item(i + 1, i === 137 ? 1007 : 1001));

    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, { links });

    expect(calls.map((requests) => requests.length)).toEqual([100, 100, 50]);
    expect(calls[0][0]).toEqual({
      advertiserId: 1001,
      destinationUrl: 'https://www.acmeshoes.example/p/1',
      parameters: { clickref: 'row-1' },
    });
    expect(result.total).toBe(250);
    expect(result.succeeded).toBe(249);
    expect(result.failed).toBe(1);
    expect(result.links.map((link) => link.index)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 1),
    );
    result.links.forEach((link, i) => {
      expect(link.destinationUrl).toBe(`https://www.acmeshoes.example/p/${i + 1}`);
    });
    const refused = result.links[137];
    expect(refused).toEqual({
      index: 138,
      advertiserId: 1007,
      destinationUrl: 'https://www.acmeshoes.example/p/138',
      status: 'error',
      url: null,
      error:
        "Awin advertiser 1007 does not allow deep links, so Awin cannot build this link. Leave Destination URL empty to get the advertiser's default link, or choose another advertiser.",
    });
    const others = result.links.filter((_, i) => i !== 137);
    expect(others.every((link) => link.status === 'success' && link.error === null)).toBe(true);
    expect(others[0].url).toBe(
      linkFor({
        advertiserId: 1001,
        destinationUrl: 'https://www.acmeshoes.example/p/1',
        parameters: { clickref: 'row-1' },
      }),
    );
  });

  it('1,000 items make exactly 10 calls', async () => {
    const calls: LinkRequest[][] = [];
    awinBatch(0, calls);
    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, {
      links: Array.from({ length: 1000 }, (_, i) => item(i)),
    });
    expect(calls).toHaveLength(10);
    expect(result.succeeded).toBe(1000);
  });

  it('a bad row becomes that row’s error and is never sent; the others still get links', async () => {
    const calls: LinkRequest[][] = [];
    awinBatch(0, calls);
    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, {
      links: [
        item(1),
        { advertiserId: 'abc', destinationUrl: 'https://www.acmeshoes.example/' },
        { advertiserId: 1002, destinationUrl: 'acmeshoes.example/no-scheme' },
        { advertiserId: 1003, clickref: 'z'.repeat(51) },
        item(5),
      ],
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].map((request) => request.destinationUrl)).toEqual([
      'https://www.acmeshoes.example/p/1',
      'https://www.acmeshoes.example/p/5',
    ]);
    expect(result.links.map((link) => link.status)).toEqual([
      'success',
      'error',
      'error',
      'error',
      'success',
    ]);
    expect(result.links[1].error).toBe(
      'Item 2: Advertiser must be a positive whole number such as 1234, but it was "abc". Choose one from the list or map a field that holds only the numeric ID.',
    );
    expect(result.links[2].error).toContain('Item 3: Destination URL must be a full web address');
    expect(result.links[3].error).toBe(
      'Item 4: Click Reference is 51 characters long; the most allowed is 50. Shorten it and try again.',
    );
  });

  it('matches answers by the request echo when Awin returns them out of order', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(200, {
        responses: [
          { status: 200, body: { url: 'https://link/2002', request: { advertiserId: 2002 } } },
          { status: 200, request: { advertiserId: 2001 }, body: { url: 'https://link/2001' } },
        ],
      });
    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, {
      links: [{ advertiserId: 2001 }, { advertiserId: 2002 }],
    });
    expect(result.links.map((link) => link.url)).toEqual([
      'https://link/2001',
      'https://link/2002',
    ]);
  });

  it('an item Awin leaves out of its answer is reported, not dropped', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(200, {
        responses: [
          { status: 200, body: { url: 'https://link/1', request: { advertiserId: 3001 } } },
        ],
      });
    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, {
      links: [{ advertiserId: 3001 }, { advertiserId: 3002 }],
    });
    expect(result.links.map((link) => link.status)).toEqual(['success', 'error']);
    expect(result.links[1].error).toBe(UNPAIRED_ITEM);
  });

  describe('answers are paired to rows by identity, never by advertiser alone', () => {
    const shop = 'https://www.acmeshoes.example';
    const rows = [
      { advertiserId: 1001, destinationUrl: `${shop}/boots`, clickref: 'row-1' },
      { advertiserId: 1001, destinationUrl: `${shop}/socks`, clickref: 'row-2' },
      { advertiserId: 1001, destinationUrl: `${shop}/hats`, clickref: 'row-3' },
    ];
    const echo = (row: (typeof rows)[number]) => ({
      advertiserId: row.advertiserId,
      // Awin normalises the echoed URL and may list parameters in any order.
      destinationUrl: new URL(row.destinationUrl).href,
      parameters: { clickref: row.clickref },
    });
    const answer = (row: (typeof rows)[number]) => ({
      status: 200,
      body: {
        url: `https://www.awin1.com/cread.php?ued=${row.destinationUrl}`,
        request: echo(row),
      },
    });
    const runRows = (responses: unknown[]) => {
      nock(AWIN).post('/publishers/100001/linkbuilder/generate-batch').reply(200, { responses });
      return runAwin<BulkSummary<AwinBulkLink>>(action, { links: rows });
    };

    it('one advertiser, three destinations answered in reverse order: each row gets its own link', async () => {
      const result = await runRows([answer(rows[2]), answer(rows[1]), answer(rows[0])]);
      expect(result.links.map((link) => link.url)).toEqual(
        rows.map((row) => `https://www.awin1.com/cread.php?ued=${row.destinationUrl}`),
      );
    });

    it('a duplicated item and a missing one: the missing row is an error, never a neighbour’s link', async () => {
      const result = await runRows([answer(rows[0]), answer(rows[0]), answer(rows[2])]);
      expect(result.links.map((link) => link.status)).toEqual(['success', 'error', 'success']);
      expect(result.links[0].url).toContain('/boots');
      expect(result.links[1]).toMatchObject({ url: null, error: UNPAIRED_ITEM });
      expect(result.links[2].url).toContain('/hats');
    });

    it('in another order without echoes nothing can be paired with certainty: every row says so', async () => {
      const bare = (row: (typeof rows)[number]) => ({
        status: 200,
        body: { url: `https://www.awin1.com/x?${row.clickref}` },
      });
      const result = await runRows([bare(rows[0]), bare(rows[1])]);
      expect(result.links.map((link) => link.error)).toEqual([
        UNPAIRED_ITEM,
        UNPAIRED_ITEM,
        UNPAIRED_ITEM,
      ]);
    });

    it('a malformed item fails only its own row', async () => {
      const result = await runRows([answer(rows[0]), { status: 200 }, answer(rows[2])]);
      expect(result.links.map((link) => link.status)).toEqual(['success', 'error', 'success']);
      expect(result.links[1].error).toMatch(
        /^Awin sent an answer this integration cannot read \(HTTP 200, no usable link for this row\)/,
      );
    });

    it('an empty or javascript: link is that row’s error, never a success', async () => {
      const result = await runRows([
        { status: 200, body: { url: '', request: echo(rows[0]) } },
        { status: 200, body: { url: 'javascript:alert(1)', request: echo(rows[1]) } },
        answer(rows[2]),
      ]);
      expect(result.links.map((link) => link.status)).toEqual(['error', 'error', 'success']);
      expect(result.links[0].error).toContain('Awin sent an answer this integration cannot read');
    });

    it('a per-row 429 inside a good answer asks to run that row again, promising no retry', async () => {
      const result = await runRows([answer(rows[0]), { status: 429, body: {} }, answer(rows[2])]);
      expect(result.links[1].error).toBe(
        'Awin is limiting how many requests it takes (429): too many calls in a short time. Run the step again for this row in a minute.',
      );
      expect(result.links[1].error).not.toContain('Zapier will retry');
    });
  });

  it('a failed generate-batch call fails only its own items', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(200, (_uri, body) => ({
        responses: (body as { requests: LinkRequest[] }).requests.map((request) => ({
          status: 200,
          body: { url: linkFor(request) },
        })),
      }))
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(502, '<html>Bad Gateway</html>', { 'Content-Type': 'text/html' });
    const result = await runAwin<BulkSummary<AwinBulkLink>>(action, {
      links: Array.from({ length: 150 }, (_, i) => item(i)),
    });
    expect(result.succeeded).toBe(100);
    expect(result.failed).toBe(50);
    expect(result.links[120].error).toBe(
      'Awin had a problem on its side (HTTP 502: an HTML page instead of JSON). Try again in a few minutes.',
    );
  });

  it('a rate limit stops the run with ThrottledError so Zapier retries it', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(429, {}, { 'Retry-After': '30' });
    const error = describeError(await failure(runAwin(action, { links: [item(1)] })));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(30);
  });

  it('an expired token stops the run with ExpiredAuthError', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate-batch')
      .reply(401, { error: 'unauthorized' });
    const error = describeError(await failure(runAwin(action, { links: [item(1)] })));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('Reconnect Awin with a current API token');
  });

  it.each([
    [[], 'Links is empty. Add at least one item, or map line items from an earlier step.'],
    [undefined, 'Links is empty.'],
    [['https://a.example'], 'Links must be a list of line items; map a line-item field.'],
  ])('refuses %j before any request', async (links, message) => {
    const error = describeError(await failure(runAwin(action, { links })));
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(message);
  });

  it('refuses more than 1,000 items before any request, saying how to split', async () => {
    const error = describeError(
      await failure(runAwin(action, { links: Array.from({ length: 1001 }, (_, i) => item(i)) })),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Links has 1001 items; one run takes at most 1000. Split the list into runs of up to 1000 (for example with Looping by Zapier).',
    );
  });

  describe('the Publisher Account is read before any call is reserved', () => {
    const many = (count: number) => Array.from({ length: count }, (_, i) => item(i + 1));

    it('a Publisher Account that is not an account id stops the run naming the field, even when every row is bad', async () => {
      // No nock answers here: any request would fail the test (nock refuses unmatched requests).
      const error = describeError(
        await failure(
          runAwin(action, { publisherId: 'my account', links: [{ advertiserId: 'x' }] }),
        ),
      );
      expect(error.name).toBe('AppError');
      expect(error.message).toContain('Publisher Account');
    });

    it('two runs with a bad Publisher Account spend no budget: a third run of 1,000 links still goes through', async () => {
      const calls: LinkRequest[][] = [];
      awinBatch(0, calls);
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const error = describeError(
          await failure(runAwin(action, { publisherId: 'my account', links: many(1000) })),
        );
        expect(error.message).toContain('Publisher Account');
      }
      expect(calls).toHaveLength(0);
      // 10 calls: they fit only if the two refused runs reserved nothing of the 20 a minute.
      const first = await runAwin<BulkSummary<AwinBulkLink>>(action, { links: many(1000) });
      const second = await runAwin<BulkSummary<AwinBulkLink>>(action, { links: many(1000) });
      expect([first.succeeded, second.succeeded]).toEqual([1000, 1000]);
      expect(calls).toHaveLength(20);
    });

    it('a token with several accounts and none chosen makes its one lookup call and reserves no batch call', async () => {
      const accounts = nock(AWIN)
        .get('/accounts')
        .query(true)
        .reply(200, {
          userId: 1,
          accounts: [
            {
              accountId: 100001,
              accountName: 'Jane Doe Media',
              accountType: 'publisher',
              userRole: 'admin',
            },
            {
              accountId: 100002,
              accountName: 'Jane Doe Deals',
              accountType: 'publisher',
              userRole: 'admin',
            },
          ],
        });
      const error = describeError(
        await failure(runAwin(action, { links: many(1000) }, { awin_access_token: AWIN_TOKEN })),
      );
      expect(error.message).toContain('reaches 2 publisher accounts');
      expect(accounts.isDone()).toBe(true);
      // 1 call spent of 20: a run of 10 calls and another of 9 would fit; 10 + 10 would not.
      const calls: LinkRequest[][] = [];
      awinBatch(0, calls);
      await runAwin(action, { links: many(1000) });
      const last = await failure(runAwin(action, { links: many(1000) }));
      expect(describeError(last).name).toBe('ThrottledError');
      expect(calls).toHaveLength(10);
    });
  });
});
