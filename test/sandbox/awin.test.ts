import { DEMO_AWIN_TOKEN, DEMO_AWIN_TOKEN_SINGLE } from '../../sandbox/credentials';

import { startSandbox, type Sandbox } from '../../sandbox/server';

import { call, sleep, within } from './helpers';

interface Programme {
  id: number;
  name: string;
  displayUrl: string;
  clickThroughUrl: string;
  validDomains: { domain: string }[];
}

interface LinkBody {
  url?: string;
  shortUrl?: string;
}

interface Quota {
  shorten: { publisherId: number; limit?: string; usage?: number };
}

interface BatchAnswer {
  responses: { status: number; body: Record<string, unknown> }[];
}

const P1 = '/awin/publishers/100001';
const UNAUTHORIZED = {
  error: 'unauthorized',
  description: 'Full authentication is required to access this resource',
};
const UNKNOWN_ERROR = { error: 'exception', description: 'Unknown error! Please try again later!' };

let sandbox: Sandbox;

beforeAll(async () => {
  // A high limit so that the many calls of this file are never throttled (the limit has its own tests).
  sandbox = await startSandbox({ awinCallsPerMinute: 100_000 });
});

afterAll(() => sandbox.close());

const ids = (list: Programme[]): number[] => list.map((p) => p.id);

function generate(body: unknown, publisherPath = P1) {
  return call<LinkBody>(sandbox, `${publisherPath}/linkbuilder/generate`, { body });
}

describe('sandbox basics', () => {
  it('listens on 127.0.0.1 and exposes the Awin base URL', () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sandbox.env).toMatchObject({ AWIN_API_URL: `${sandbox.url}/awin` });
  });

  it('answers 404 JSON for an unknown prefix and for an unknown Awin path', async () => {
    const other = await call(sandbox, '/nowhere/at/all');
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch(/application\/json/);
    expect(other.json).toMatchObject({ error: 'not found' });

    const awin = await call(sandbox, '/awin/publishers/100001/nothing');
    expect(awin.status).toBe(404);
    expect(awin.json).toEqual({
      error: 'exception',
      description: 'No handler found for GET /awin/publishers/100001/nothing',
    });
  });
});

describe('Awin authentication', () => {
  it('refuses a missing or unknown bearer token with 401', async () => {
    for (const token of [null, 'not-a-demo-token']) {
      const res = await call(sandbox, '/awin/accounts', { token });
      expect(res.status).toBe(401);
      expect(res.json).toEqual(UNAUTHORIZED);
    }
  });

  it('does not accept the accessToken query parameter', async () => {
    const res = await call(sandbox, `/awin/accounts?accessToken=${DEMO_AWIN_TOKEN}`, {
      token: null,
    });
    expect(res.status).toBe(401);
  });

  it('answers 403 for a publisher the token has no account for', async () => {
    const res = await call(sandbox, '/awin/publishers/999/programmes');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      error: 'forbidden',
      description: 'You do not have permission to access publisher 999',
    });
    // The advertiser-type account and another user's publisher are not reachable either.
    expect((await call(sandbox, '/awin/publishers/200001/programmes')).status).toBe(403);
    expect((await call(sandbox, '/awin/publishers/100003/linkbuilder/quota')).status).toBe(403);
    const single = await call(sandbox, `${P1}/programmes`, { token: DEMO_AWIN_TOKEN_SINGLE });
    expect(single.status).toBe(403);
  });
});

describe('GET /accounts', () => {
  it('lists the publisher accounts with type=publisher', async () => {
    const res = await call(sandbox, '/awin/accounts?type=publisher');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      userId: 5001,
      accounts: [
        {
          accountId: 100001,
          accountName: 'Jane Doe Media',
          accountType: 'publisher',
          userRole: 'admin',
        },
        {
          accountId: 100002,
          accountName: 'Jane Doe Coupons',
          accountType: 'publisher',
          userRole: 'admin',
        },
      ],
    });
  });

  it('includes the advertiser account without the filter', async () => {
    const res = await call<{ accounts: { accountType: string }[] }>(sandbox, '/awin/accounts');
    expect(res.json.accounts.map((a) => a.accountType)).toEqual([
      'publisher',
      'publisher',
      'advertiser',
    ]);
  });

  it('gives the single-account token exactly one publisher', async () => {
    const res = await call(sandbox, '/awin/accounts?type=publisher', {
      token: DEMO_AWIN_TOKEN_SINGLE,
    });
    expect(res.json).toEqual({
      userId: 5002,
      accounts: [
        {
          accountId: 100003,
          accountName: 'Sam Solo Reviews',
          accountType: 'publisher',
          userRole: 'admin',
        },
      ],
    });
  });
});

describe('GET /publishers/{id}/programmes', () => {
  it('returns the joined programmes by default, as a bare array with the documented fields', async () => {
    const res = await call<Programme[]>(sandbox, `${P1}/programmes`);
    expect(res.status).toBe(200);
    expect(ids(res.json)).toEqual([1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008, 1009]);
    expect(res.json[0]).toEqual({
      id: 1001,
      name: 'Acme Shoes',
      displayUrl: 'https://www.acmeshoes.example',
      clickThroughUrl: 'https://www.awin1.com/awclick.php?mid=1001&id=100001',
      logoUrl: 'https://ui.awin.com/images/upload/merchant/profile/1001.png',
      linkStatus: 'Active',
      primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
      primarySector: 'Fashion',
      currencyCode: 'GBP',
      status: 'Active',
      validDomains: [{ domain: 'acmeshoes.example' }, { domain: 'shop.acmeshoes.example' }],
    });
    const names = res.json.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(['Nordic Outdoor', 'Nordic Outdoor Outlet']));
  });

  it('filters by relationship and country', async () => {
    const byRelationship = async (relationship: string): Promise<number[]> =>
      ids((await call<Programme[]>(sandbox, `${P1}/programmes?relationship=${relationship}`)).json);
    expect(await byRelationship('joined')).toHaveLength(9);
    expect(await byRelationship('pending')).toEqual([1011]);
    expect(await byRelationship('notjoined')).toEqual([1010]);
    expect(await byRelationship('suspended')).toEqual([1012]);
    expect(await byRelationship('rejected')).toEqual([]);

    const swedish = await call<Programme[]>(sandbox, `${P1}/programmes?countryCode=SE`);
    expect(ids(swedish.json)).toEqual([1002, 1003]);

    const bad = await call(sandbox, `${P1}/programmes?relationship=friends`);
    expect(bad.status).toBe(400);
  });

  it('has its own lists for the other publishers', async () => {
    const coupons = await call<Programme[]>(sandbox, '/awin/publishers/100002/programmes');
    expect(ids(coupons.json)).toEqual([1001, 1004, 1009, 1013]);
    expect(coupons.json[0].clickThroughUrl).toBe(
      'https://www.awin1.com/awclick.php?mid=1001&id=100002',
    );
    const solo = await call<Programme[]>(sandbox, '/awin/publishers/100003/programmes', {
      token: DEMO_AWIN_TOKEN_SINGLE,
    });
    expect(ids(solo.json)).toEqual([1005, 1006]);
  });
});

describe('GET /publishers/{id}/programmedetails', () => {
  const deeplinkEnabled = async (advertiserId: number): Promise<unknown> => {
    const res = await call<{ programmeInfo: { id: number; deeplinkEnabled: unknown } }>(
      sandbox,
      `${P1}/programmedetails?advertiserId=${advertiserId}`,
    );
    expect(res.status).toBe(200);
    expect(res.json.programmeInfo.id).toBe(advertiserId);
    return res.json.programmeInfo.deeplinkEnabled;
  };

  it('reports deeplinkEnabled as Awin does (boolean, or the string "true")', async () => {
    expect(await deeplinkEnabled(1001)).toBe(true);
    expect(await deeplinkEnabled(1004)).toBe('true');
    expect(await deeplinkEnabled(1007)).toBe(false);
    expect(await deeplinkEnabled(1008)).toBe(false);
  });

  it('includes KPIs and answers 404 for an unknown advertiser', async () => {
    const ok = await call(sandbox, `${P1}/programmedetails?advertiserId=1001`);
    expect(ok.json).toMatchObject({
      programmeInfo: { name: 'Acme Shoes' },
      kpi: { approvalPercentage: expect.any(Number) },
    });
    const missing = await call(sandbox, `${P1}/programmedetails?advertiserId=9999`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: 'not found' });
  });
});

describe('POST /publishers/{id}/linkbuilder/generate', () => {
  it('makes the default link without a destination', async () => {
    const res = await generate({ advertiserId: 1001 });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ url: 'https://www.awin1.com/awclick.php?mid=1001&id=100001' });
  });

  it('makes a deep link with the click parameters in Awin order, URL-encoded', async () => {
    const destination = 'https://shop.acmeshoes.example/trainers?size=42&colour=red';
    const res = await generate({
      advertiserId: 1001,
      destinationUrl: destination,
      parameters: { clickref2: 'b&c', clickref: 'row 7', campaign: 'spring', clickref3: '' },
    });
    expect(res.status).toBe(200);
    expect(res.json.url).toBe(
      'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        `&ued=${encodeURIComponent(destination)}&campaign=spring&clickref=row%207&clickref2=b%26c`,
    );
    expect(res.json).not.toHaveProperty('shortUrl');
  });

  it('appends parameters to the default link too', async () => {
    const res = await generate({ advertiserId: 1002, parameters: { clickref: 'abc' } });
    expect(res.json.url).toBe('https://www.awin1.com/awclick.php?mid=1002&id=100001&clickref=abc');
  });

  it('adds a deterministic tidd.ly short link and counts it against the quota', async () => {
    const quota = async (): Promise<Quota> =>
      (await call<Quota>(sandbox, `${P1}/linkbuilder/quota`)).json;
    const before = await quota();
    expect(before.shorten).toEqual({
      publisherId: 100001,
      limit: '100',
      usage: expect.any(Number),
    });

    const body = { advertiserId: 1003, destinationUrl: 'https://www.nordicoutdooroutlet.example/' };
    const first = await generate({ ...body, shorten: true });
    const second = await generate({ ...body, shorten: true });
    await generate(body);
    expect(first.json.shortUrl).toMatch(/^https:\/\/tidd\.ly\/[0-9A-Za-z]{7}$/);
    expect(second.json).toEqual(first.json);
    expect((await quota()).shorten.usage).toBe((before.shorten.usage ?? 0) + 2);
  });

  it('answers a quota without limit and usage for publisher 100002', async () => {
    const res = await call(sandbox, '/awin/publishers/100002/linkbuilder/quota');
    expect(res.json).toEqual({ shorten: { publisherId: 100002 } });
    const link = await generate({ advertiserId: 1001, shorten: true }, '/awin/publishers/100002');
    expect(link.json.shortUrl).toMatch(/^https:\/\/tidd\.ly\//);
  });

  it('refuses to shorten once the quota is used up', async () => {
    const solo = { token: DEMO_AWIN_TOKEN_SINGLE };
    const path = '/awin/publishers/100003/linkbuilder';
    const { json } = await call<Quota>(sandbox, `${path}/quota`, solo);
    const remaining = Number(json.shorten.limit) - (json.shorten.usage ?? 0);
    for (let i = 0; i < remaining; i++) {
      const ok = await call(sandbox, `${path}/generate`, {
        ...solo,
        body: { advertiserId: 1005, shorten: true },
      });
      expect(ok.status).toBe(200);
    }
    const refused = await call(sandbox, `${path}/generate`, {
      ...solo,
      body: { advertiserId: 1005, shorten: true },
    });
    expect(refused.status).toBe(400);
    expect(refused.json).toEqual({
      error: 'bad request',
      description: 'Short link quota exceeded',
    });
    const unshortened = await call(sandbox, `${path}/generate`, {
      ...solo,
      body: { advertiserId: 1005 },
    });
    expect(unshortened.status).toBe(200);
  });

  it('validates the request like Awin', async () => {
    const cases: [unknown, unknown][] = [
      [{}, { advertiserId: 'must be a positive integer' }],
      [{ advertiserId: 'abc' }, { advertiserId: 'must be a positive integer' }],
      [{ advertiserId: -4 }, { advertiserId: 'must be a positive integer' }],
      [
        { advertiserId: 1001, destinationUrl: 'shop.acmeshoes.example' },
        { destinationUrl: 'invalid' },
      ],
      [
        { advertiserId: 1001, destinationUrl: 'ftp://acmeshoes.example/' },
        { destinationUrl: 'invalid' },
      ],
      [
        { advertiserId: 1010 },
        { error: 'bad request', description: 'Publisher 100001 is not joined to advertiser 1010' },
      ],
    ];
    for (const [body, expected] of cases) {
      const res = await generate(body);
      expect(res.status).toBe(400);
      expect(res.json).toEqual(expected);
    }
  });

  it('answers 400 for a malformed JSON body', async () => {
    const res = await call(sandbox, `${P1}/linkbuilder/generate`, {
      rawBody: '{"advertiserId": 10',
    });
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ error: 'bad request' });
  });

  it('refuses deep links for 1007 but still makes its default link', async () => {
    const deep = await generate({
      advertiserId: 1007,
      destinationUrl: 'https://sunnytravel.example/',
    });
    expect(deep.status).toBe(400);
    expect(deep.json).toEqual({ destinationUrl: 'deeplinkNotPermitted' });
    const plain = await generate({ advertiserId: 1007 });
    expect(plain.status).toBe(200);
    expect(plain.json.url).toBe('https://www.awin1.com/awclick.php?mid=1007&id=100001');
  });

  it('answers "Unknown error!" for every link of 1008', async () => {
    for (const body of [
      { advertiserId: 1008 },
      { advertiserId: 1008, destinationUrl: 'https://gourmetcrate.example/box' },
    ]) {
      const res = await generate(body);
      expect(res.status).toBe(500);
      expect(res.json).toEqual(UNKNOWN_ERROR);
    }
  });
});

describe('POST /publishers/{id}/linkbuilder/generate-batch', () => {
  const batch = (body: unknown) =>
    call<BatchAnswer>(sandbox, `${P1}/linkbuilder/generate-batch`, { body });

  it('answers each item in order, as the single call would, with the request echo', async () => {
    const res = await batch({
      requests: [
        {
          advertiserId: 1001,
          destinationUrl: 'https://acmeshoes.example',
          parameters: { clickref: 'r1' },
        },
        { advertiserId: 1007, destinationUrl: 'https://sunnytravel.example/deals' },
        { advertiserId: 1008 },
        { advertiserId: 1010 },
        { advertiserId: 'x' },
        { advertiserId: 1002, shorten: true },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.responses).toEqual([
      {
        status: 200,
        body: {
          url:
            'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
            '&ued=https%3A%2F%2Facmeshoes.example&clickref=r1',
          request: {
            publisherId: 100001,
            advertiserId: 1001,
            destinationUrl: 'https://acmeshoes.example/',
            parameters: { clickref: 'r1' },
          },
        },
      },
      { status: 400, body: { destinationUrl: 'deeplinkNotPermitted' } },
      { status: 500, body: UNKNOWN_ERROR },
      {
        status: 400,
        body: {
          error: 'bad request',
          description: 'Publisher 100001 is not joined to advertiser 1010',
        },
      },
      { status: 400, body: { advertiserId: 'must be a positive integer' } },
      {
        status: 200,
        body: {
          url: 'https://www.awin1.com/awclick.php?mid=1002&id=100001',
          request: { publisherId: 100001, advertiserId: 1002, parameters: {} },
        },
      },
    ]);
  });

  it('accepts 100 requests and refuses 101', async () => {
    const requests = (n: number) => Array.from({ length: n }, () => ({ advertiserId: 1001 }));
    const hundred = await batch({ requests: requests(100) });
    expect(hundred.status).toBe(200);
    expect(hundred.json.responses).toHaveLength(100);

    const tooMany = await batch({ requests: requests(101) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual({
      error: 'bad request',
      description: 'A batch may contain at most 100 requests',
    });
  });

  it('refuses an empty or missing request list', async () => {
    expect((await batch({ requests: [] })).status).toBe(400);
    expect((await batch({})).status).toBe(400);
  });
});

describe('Awin rate limit', () => {
  it('allows 20 calls per minute per token by default, then answers 429 without Retry-After', async () => {
    const limited = await startSandbox();
    try {
      for (let i = 0; i < 20; i++) {
        expect((await call(limited, '/awin/accounts')).status).toBe(200);
      }
      const refused = await call(limited, '/awin/accounts');
      expect(refused.status).toBe(429);
      expect(refused.json).toEqual({
        error: 'too many requests',
        description: 'Rate limit of 20 calls per minute exceeded',
      });
      expect(refused.headers.get('retry-after')).toBeNull();
      // Another token has its own budget.
      const other = await call(limited, '/awin/accounts', { token: DEMO_AWIN_TOKEN_SINGLE });
      expect(other.status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts every accepted call (batch = one), not 401s, over a sliding window', async () => {
    const windowMs = 1500;
    const limited = await startSandbox({ awinCallsPerMinute: 3, awinWindowMs: windowMs });
    try {
      expect((await call(limited, '/awin/accounts', { token: 'wrong' })).status).toBe(401);
      expect((await call(limited, '/awin/accounts', { token: null })).status).toBe(401);
      const started = Date.now();
      expect((await call(limited, '/awin/accounts')).status).toBe(200);
      expect((await call(limited, '/awin/publishers/999/programmes')).status).toBe(403);
      const requests = Array.from({ length: 50 }, () => ({ advertiserId: 1001 }));
      const batchRes = await call(limited, `${P1}/linkbuilder/generate-batch`, {
        body: { requests },
      });
      expect(batchRes.status).toBe(200);

      const refused = await call(limited, `${P1}/programmes`);
      expect(refused.status).toBe(429);
      expect(refused.json).toMatchObject({
        description: 'Rate limit of 3 calls per minute exceeded',
      });

      await sleep(started + windowMs + 100 - Date.now());
      expect((await call(limited, '/awin/accounts')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('faults, call log and latency', () => {
  it('injects a raw answer for the next matching request(s) only', async () => {
    sandbox.injectFault({
      network: 'awin',
      pathIncludes: '/programmes',
      status: 502,
      body: '<html><body>Bad Gateway</body></html>',
      contentType: 'text/html',
    });
    sandbox.injectFault({
      network: 'awin',
      pathIncludes: '/accounts',
      status: 429,
      body: '{"error":"too many requests"}',
      headers: { 'Retry-After': '7' },
      times: 2,
    });
    sandbox.injectFault({ network: 'everflow', status: 500, body: 'nope' });

    const accountsAnswers = [];
    for (let i = 0; i < 3; i++) accountsAnswers.push(await call(sandbox, '/awin/accounts'));
    expect(accountsAnswers.map((r) => r.status)).toEqual([429, 429, 200]);
    expect(accountsAnswers[0].headers.get('retry-after')).toBe('7');

    const html = await call(sandbox, `${P1}/programmes`);
    expect(html.status).toBe(502);
    expect(html.headers.get('content-type')).toBe('text/html');
    expect(html.text).toBe('<html><body>Bad Gateway</body></html>');
    expect((await call(sandbox, `${P1}/programmes`)).status).toBe(200);
  });

  it('logs every request in order and can be reset', async () => {
    sandbox.resetCalls();
    expect(sandbox.calls).toEqual([]);
    const before = Date.now();
    await call(sandbox, '/awin/accounts?type=publisher');
    await call(sandbox, `${P1}/linkbuilder/generate`, { body: { advertiserId: 1008 } });
    await call(sandbox, '/awin/accounts', { token: null });
    await call(sandbox, '/elsewhere?x=1');
    const answered = { at: expect.any(Number), answeredAt: expect.any(Number) };
    expect(sandbox.calls).toEqual([
      {
        network: 'awin',
        method: 'GET',
        path: '/accounts?type=publisher',
        status: 200,
        ...answered,
      },
      {
        network: 'awin',
        method: 'POST',
        path: '/publishers/100001/linkbuilder/generate',
        status: 500,
        ...answered,
      },
      { network: 'awin', method: 'GET', path: '/accounts', status: 401, ...answered },
      { network: '', method: 'GET', path: '/elsewhere?x=1', status: 404, ...answered },
    ]);
    expect(sandbox.calls[0].at).toBeGreaterThanOrEqual(before);
  });

  it('adds the configured latency to every response', async () => {
    const slow = await startSandbox({ latencyMs: 150 });
    try {
      const started = Date.now();
      const res = await call(slow, '/awin/accounts');
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });
});

describe('close', () => {
  it('does not hang on idle keep-alive connections', async () => {
    const short = await startSandbox();
    expect((await call(short, '/awin/accounts')).status).toBe(200);
    await within(2000, short.close());
    await expect(fetch(`${short.url}/awin/accounts`)).rejects.toThrow();
  });

  it('does not wait for a response still held back by latency', async () => {
    const slow = await startSandbox({ latencyMs: 10_000 });
    const pending = call(slow, '/awin/accounts').then(
      () => 'answered',
      () => 'aborted',
    );
    await sleep(100);
    await within(2000, slow.close());
    expect(await pending).toBe('aborted');
  });

  it('can be called twice', async () => {
    const twice = await startSandbox();
    await twice.close();
    await within(1000, twice.close());
  });
});
