import { type Bundle, errors, type ZObject } from 'zapier-platform-core';

import { DEMO_AUTH_DATA, DEMO_EVERFLOW_PARTNER_KEY } from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { setWebSwitch, SOLD_OUT_SWITCH, WATCH_LINKS } from '../../sandbox/web';
import { STATE_WAIT_MS, pollBrokenLinks } from '../../src/watch/poll';
import { reasonOf } from '../../src/core/errors';
import { Run, withinRun } from '../../src/core/run';
import { type BrokenLinkAlert } from '../../src/watch/outputs';
import { RECHECK_AFTER_MS } from '../../src/watch/schedule';
import { App, appTester, describeError, failure, resetZapierCache, run } from '../support/app';

/**
 * "Tracking Link Stopped Working" with a list of links, through Zapier's runtime (its in-memory
 * z.cache) against the sandbox's imitation of the web; no network connected. The clock moves on
 * between polls, since a link is checked at most once an hour.
 */
let sandbox: Sandbox;
let web: string;
const savedBase = process.env.LINK_CHECK_BASE_URL;
beforeAll(async () => {
  sandbox = await startSandbox();
  web = sandbox.env.LINK_CHECK_BASE_URL;
  process.env.LINK_CHECK_BASE_URL = web;
});
afterAll(async () => {
  if (savedBase === undefined) delete process.env.LINK_CHECK_BASE_URL;
  else process.env.LINK_CHECK_BASE_URL = savedBase;
  await sandbox.close();
});

/** Moves the clock the app reads (Date.now) on by `ms`; each test starts at the real time. */
let offset = 0;
const realNow = Date.now.bind(Date);
beforeEach(() => {
  offset = 0;
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
  resetZapierCache();
  sandbox.reset();
});
afterEach(() => jest.restoreAllMocks());
const later = (ms: number) => {
  offset += ms;
};

const LINKS = [...WATCH_LINKS.steady, WATCH_LINKS.breaks];
const listed = (links: readonly string[] = LINKS) => ({ source: 'list', links: links.join('\n') });
const poll = (input: Record<string, unknown> = listed()) =>
  run<BrokenLinkAlert[]>(App.triggers.tracking_link_broken, input, {});

/** The links the sandbox's web was asked for since the last reset, as the real URLs. */
const checkedLinks = () =>
  sandbox.calls
    .filter((call) => call.network === 'web' && call.path.startsWith('/https/www.awin1.com/'))
    .map((call) => `https://${call.path.slice('/https/'.length)}`);

describe('a list of links, poll after poll', () => {
  it('fires once when a link breaks, not while it stays broken, and again after it recovered and broke again', async () => {
    expect(await poll()).toEqual([]);
    expect(checkedLinks().sort()).toEqual([...LINKS].sort());

    // Within the hour nothing is checked again.
    sandbox.resetCalls();
    later(30 * 60 * 1000);
    expect(await poll()).toEqual([]);
    expect(checkedLinks()).toEqual([]);

    await setWebSwitch(web, SOLD_OUT_SWITCH, true);
    later(RECHECK_AFTER_MS);
    const before = Date.now();
    const first = await poll();
    expect(first).toHaveLength(1);
    const brokeAt = Date.parse(first[0].broken_since);
    expect(brokeAt).toBeGreaterThanOrEqual(before);
    expect(brokeAt).toBeLessThanOrEqual(Date.now());
    expect(first[0]).toMatchObject({
      id: `${WATCH_LINKS.breaks} @ ${new Date(brokeAt).toISOString()}`,
      url: WATCH_LINKS.breaks,
      healthy: false,
      status: 'broken',
      final_status: 404,
      previous_status: 'ok',
      network: 'awin',
      advertiser_id: null,
      advertiser_name: '',
    });
    expect(first[0].reason).toContain('404');

    // Still broken an hour later: the same alert (Zapier fires each id once), no new one.
    later(RECHECK_AFTER_MS);
    expect((await poll()).map((alert) => alert.id)).toEqual([first[0].id]);

    await setWebSwitch(web, SOLD_OUT_SWITCH, false);
    later(RECHECK_AFTER_MS);
    expect((await poll()).map((alert) => alert.id)).toEqual([first[0].id]);

    await setWebSwitch(web, SOLD_OUT_SWITCH, true);
    later(RECHECK_AFTER_MS);
    const again = await poll();
    expect(again.map((alert) => alert.id)).toEqual([
      `${WATCH_LINKS.breaks} @ ${again[0].broken_since}`,
      first[0].id,
    ]);
    expect(Date.parse(again[0].broken_since)).toBeGreaterThan(brokeAt + 3 * RECHECK_AFTER_MS);
    expect(again[0].previous_status).toBe('ok');
  });

  it('checks at most 20 links a poll, in turn, and each of 45 links within 3 polls', async () => {
    const many = Array.from(
      { length: 45 },
      (_, i) =>
        `https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=` +
        encodeURIComponent(`https://www.acmeshoes.example/products/trail-runner?variant=${i}`),
    );
    const seen: string[][] = [];
    for (let i = 0; i < 3; i++) {
      sandbox.resetCalls();
      expect(await poll(listed(many))).toEqual([]);
      seen.push(checkedLinks());
      later(5 * 60 * 1000);
    }
    expect(seen.map((links) => links.length)).toEqual([20, 20, 5]);
    expect(seen.flat().sort()).toEqual([...many].sort());
  });

  it('keeps one state per list: another list starts afresh, the same links in another order do not', async () => {
    await poll();
    sandbox.resetCalls();
    await poll(listed([...LINKS].reverse()));
    expect(checkedLinks()).toEqual([]);
    await poll(listed(LINKS.slice(1)));
    expect(checkedLinks()).toHaveLength(LINKS.length - 1);
  });
});

describe('input the watch will not take: the step fails before any request', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['no links', { source: 'list' }, 'Links is empty'],
    [
      'a line that is no link',
      { source: 'list', links: `${LINKS[0]}\nwww.shop.example/sale` },
      'Line 2 of Links is not a link that can be watched: "www.shop.example/sale" is not a full web address',
    ],
    [
      'a link with a password',
      { source: 'list', links: 'https://jane:secret@www.shop.example/' },
      'Line 1 of Links is not a link that can be watched: The link contains a user name or password',
    ],
    [
      'more than 500 links',
      {
        source: 'list',
        links: Array.from({ length: 501 }, (_, i) => `https://www.shop.example/p/${i}`).join('\n'),
      },
      'Links has 501 different links; one Zap watches at most 500. Split them over 2 Zaps.',
    ],
    [
      'links with the programmes source',
      { source: 'programmes', links: LINKS[0] },
      'Links is filled in, but Links to Watch is set to your programmes',
    ],
    [
      'an expected domain with the programmes source',
      { expected_domain: 'shop.example' },
      'Expected Domain applies only to links you list',
    ],
    [
      'a bad expected domain',
      { ...listed(), expected_domain: 'not a domain!' },
      'Expected Domain must be a domain such as shop.example',
    ],
    ['an unknown source', { source: 'sitemap' }, 'Links to Watch must be "programmes"'],
    ['an unknown device', { ...listed(), device: 'tv' }, 'Device must be desktop or mobile'],
  ];

  it.each(cases)('%s', async (_name, input, message) => {
    const error = describeError(await failure(poll(input)));
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(message);
    expect(sandbox.calls).toEqual([]);
  });

  it('a test-mode address off this machine stops the poll before any request, naming the variable', async () => {
    process.env.LINK_CHECK_BASE_URL = 'http://web.example/web';
    try {
      const error = await failure(poll());
      expect(error.name).toBe('AppError');
      expect(reasonOf(error)).toEqual({ kind: 'invalid_input', code: 'unsafe_override' });
      expect(describeError(error).message).toContain('LINK_CHECK_BASE_URL points at web.example');
    } finally {
      process.env.LINK_CHECK_BASE_URL = web;
    }
    expect(sandbox.calls).toEqual([]);
  });

  it('blank lines and repeated links are left out, not refused', async () => {
    await poll({ source: 'list', links: `\n${LINKS[0]}\n\n  ${LINKS[0]}  \n` });
    expect(checkedLinks()).toEqual([LINKS[0]]);
  });
});

describe('your programmes, when a network cannot be read', () => {
  const partner = {
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
  };
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const name of ['AWIN_API_URL', 'EVERFLOW_API_URL', 'OFFERSLOOK_API_URL']) {
      saved[name] = process.env[name];
      process.env[name] = sandbox.env[name];
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
  const pollProgrammes = () =>
    run<BrokenLinkAlert[]>(App.triggers.tracking_link_broken, {}, partner);

  /** The programme lists are kept 15 minutes; the app tester's cache keeps them for ever. */
  const expireLists = () => {
    const kept = (appTester as unknown as { zcacheTestObj: Record<string, unknown> }).zcacheTestObj;
    for (const key of Object.keys(kept)) if (!key.startsWith('watch:v1:')) delete kept[key];
  };

  it('the others are watched, and what was known of its links is kept: nothing fires twice', async () => {
    const first = await pollProgrammes();
    const brokeFirst = new Set(
      first.filter((alert) => alert.network === 'offerslook').map((alert) => alert.url),
    );
    expect(brokeFirst.size).toBeGreaterThan(0);

    // Offerslook fails for a poll: its links are left out of it, the others are checked again.
    later(2 * RECHECK_AFTER_MS);
    expireLists();
    sandbox.injectFault({ network: 'offerslook', status: 503, body: '{}', times: 50 });
    sandbox.resetCalls();
    const second = await pollProgrammes();
    expect(checkedLinks().length).toBeGreaterThan(0);
    expect(sandbox.calls.some((call) => call.path.includes('track.demo-offers'))).toBe(false);
    expect(second.map((alert) => alert.id)).toEqual(first.map((alert) => alert.id));

    // Back again: its links were remembered, so those still broken do not fire again.
    later(2 * RECHECK_AFTER_MS);
    expireLists();
    sandbox.reset();
    const third = await pollProgrammes();
    expect(sandbox.calls.some((call) => call.path.includes('track.demo-offers'))).toBe(true);
    const fresh = third.filter((alert) => !second.some((seen) => seen.id === alert.id));
    expect(fresh.filter((alert) => brokeFirst.has(alert.url))).toEqual([]);
  });

  it('an expired connection stops the poll with the error that asks to reconnect', async () => {
    sandbox.injectFault({
      network: 'awin',
      status: 401,
      body: '{"error":"invalid token"}',
      times: 5,
    });
    const error = await failure(pollProgrammes());
    expect(error.name).toBe('ExpiredAuthError');
    expect(describeError(error).message).toContain('Awin');
    expect(sandbox.calls.some((call) => call.network === 'web')).toBe(false);
  });
});

describe("when Zapier's cache cannot keep the state", () => {
  /** A run's z whose cache reads and writes as `cache` says; the rest as in a Zap run. */
  function zWith(cache: ZObject['cache']) {
    const logs: string[] = [];
    const z = { cache, console: { log: (line: string) => logs.push(line) }, errors };
    return { z: z as unknown as ZObject, logs };
  }
  const bundle = { inputData: listed(), authData: {} } as unknown as Bundle;
  const pollWith = (z: ZObject, limitMs?: number) =>
    withinRun(new Run(z, bundle, { limitMs }), () => pollBrokenLinks(z, bundle));
  /** A cache that keeps what it is given, as Zapier's does. */
  function keeping() {
    const kept = new Map<string, unknown>();
    return zWith({
      get: (key: string) => Promise.resolve(kept.get(key) ?? null),
      set: (key: string, value: unknown) => Promise.resolve(kept.set(key, value) && true),
      delete: () => Promise.resolve(true),
    } as unknown as ZObject['cache']);
  }

  it('links not reached before the deadline are not remembered as checked: the next poll checks them first', async () => {
    const { z, logs } = keeping();
    // Only the time to keep the state is left: no check can start.
    expect(await pollWith(z, STATE_WAIT_MS + 500)).toEqual([]);
    expect(checkedLinks()).toEqual([]);
    expect(logs.join('\n')).toContain(
      `${LINKS.length} links were not reached before the time Zapier allows a poll ran out`,
    );
    expect(await pollWith(z)).toEqual([]);
    expect(checkedLinks().sort()).toEqual([...LINKS].sort());
  });

  it('a state that cannot be read: nothing is checked, nothing fires, the log says why', async () => {
    const { z, logs } = zWith({
      get: () => Promise.reject(new Error('RPC down')),
      set: () => Promise.resolve(true),
      delete: () => Promise.resolve(true),
    } as unknown as ZObject['cache']);
    expect(await pollWith(z)).toEqual([]);
    expect(sandbox.calls).toEqual([]);
    expect(logs.join('\n')).toContain("Zapier's cache could not be read, so no link was checked");
  });

  it('a refused or failed write is not counted as done: the alert waits for a poll whose state is kept', async () => {
    const kept = new Map<string, unknown>();
    let answer: 'yes' | 'no' | 'error' = 'yes';
    const { z, logs } = zWith({
      get: (key: string) => Promise.resolve(kept.get(key) ?? null),
      set: (key: string, value: unknown) => {
        if (answer === 'error') return Promise.reject(new Error('RPC down'));
        if (answer === 'yes') kept.set(key, value);
        return Promise.resolve(answer === 'yes');
      },
      delete: () => Promise.resolve(true),
    } as unknown as ZObject['cache']);

    expect(await pollWith(z)).toEqual([]);
    await setWebSwitch(web, SOLD_OUT_SWITCH, true);
    later(RECHECK_AFTER_MS);

    for (const outcome of ['no', 'error'] as const) {
      answer = outcome;
      sandbox.resetCalls();
      expect(await pollWith(z)).toEqual([]);
      // The links were checked (and will be again: nothing was kept).
      expect(checkedLinks()).toHaveLength(LINKS.length);
    }
    expect(logs.join('\n')).toContain("Zapier's cache refused to keep what they showed");
    expect(logs.join('\n')).toContain("Zapier's cache could not keep what they showed");

    answer = 'yes';
    sandbox.resetCalls();
    const alerts = await pollWith(z);
    expect(checkedLinks()).toHaveLength(LINKS.length);
    expect(alerts.map((alert) => [alert.url, alert.previous_status])).toEqual([
      [WATCH_LINKS.breaks, 'ok'],
    ]);
  });
});
