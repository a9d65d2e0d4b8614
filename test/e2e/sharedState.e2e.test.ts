import { DEMO_AUTH_DATA } from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';
import { type CacheCall, type CacheFault } from '../../sandbox/zapier';

type Core = typeof import('zapier-platform-core');
type AppDefinition = typeof import('../../index').default;
type Tester = ReturnType<Core['createAppTester']> & { zcacheTestObj?: unknown };
type Perform = Parameters<Tester>[0];

/**
 * The Awin budget and the Everflow pace through the app, against the sandbox's imitation of
 * Zapier's cache made slow, refusing or failing (SPEC, "Shared state that holds under faults").
 * Every assertion counts calls and outcomes; none measures time.
 */
// Slow caches and lock waits of up to fifteen seconds: longer than other tests.
jest.setTimeout(90_000);

let sandbox: Sandbox;
let app: { tester: Tester; App: AppDefinition };
const saved = { ...process.env };

/** The app as a Zap run loads it, with z.cache going to the sandbox (real ttl and set-if-absent). */
async function loadApp(): Promise<{ tester: Tester; App: AppDefinition }> {
  let loaded: { tester: Tester; App: AppDefinition } | undefined;
  await jest.isolateModulesAsync(async () => {
    const core: Core = await import('zapier-platform-core');
    const App = (await import('../../index')).default;
    const tester: Tester = core.createAppTester(App);
    tester.zcacheTestObj = undefined;
    loaded = { tester, App };
  });
  if (!loaded) throw new Error('the app did not load');
  return loaded;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  Object.assign(process.env, sandbox.env);
  app = await loadApp();
});
afterAll(async () => {
  process.env = saved;
  await sandbox.close();
});
// Each test from a fresh Awin minute, an empty cache and no faults.
beforeEach(() => sandbox.reset());

/** Zapier's run log: zapier-platform-core prints each z.console line to the console too. */
let logged: string[] = [];
beforeEach(() => {
  logged = [];
  jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    logged.push(args.map(String).join(' ').trim());
  });
});
afterEach(() => jest.restoreAllMocks());

async function setCacheFaults(faults: CacheFault[]): Promise<void> {
  const response = await fetch(`${sandbox.url}/platform/admin/cache-faults`, {
    method: 'PUT',
    body: JSON.stringify(faults),
  });
  expect(response.status).toBe(200);
}

async function cacheLog(): Promise<CacheCall[]> {
  return (await (await fetch(`${sandbox.url}/platform/admin/cache-log`)).json()) as CacheCall[];
}

function step(key: 'awin_tracking_link' | 'awin_tracking_links_batch'): Perform {
  return app.App.creates[key].operation.perform as Perform;
}

/** Three Zaps, each running 20 single-link Awin steps, all at once: 60 calls asked for. */
function threeZapsOfTwentyAwinSteps(): Promise<PromiseSettledResult<unknown>[]> {
  return Promise.allSettled(
    Array.from({ length: 60 }, (_, i) =>
      app.tester(step('awin_tracking_link'), {
        authData: { ...DEMO_AUTH_DATA },
        inputData: { advertiserId: 1001 + (i % 6) },
      }),
    ),
  );
}

function errorsOf(outcomes: PromiseSettledResult<unknown>[]): Error[] {
  return outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
}

/** Awin calls the sandbox received, and none of them refused for too many calls. */
function awinCalls() {
  const calls = sandbox.calls.filter((call) => call.network === 'awin');
  expect(calls.filter((call) => call.status === 429)).toEqual([]);
  return calls;
}

/**
 * No run's release deleted another run's lock: every delete of a lock removed the token a get had
 * just read (the holder's check), with no other run taking the lock in between.
 */
function expectHolderReleases(log: CacheCall[]): void {
  const lockCalls = log.filter((call) => /:(runs-)?lock$/.test(call.key));
  lockCalls.forEach((call, i) => {
    if (call.method !== 'delete') return;
    const previous = lockCalls
      .slice(0, i)
      .filter((c) => c.key === call.key && !(c.method === 'set' && c.answer === false))
      .at(-1);
    expect(previous).toMatchObject({ method: 'get', answer: call.before });
  });
}

/** No reservation was lost: each ledger write kept every entry the ledger held before it. */
function expectLedgerOnlyGrows(log: CacheCall[]): void {
  for (const write of log.filter((call) => call.method === 'set' && call.key.endsWith(':ledger'))) {
    const before = Array.isArray(write.before) ? write.before : [];
    expect(write.value).toEqual(expect.arrayContaining(before));
  }
}

describe('the Awin budget with a slow cache', () => {
  it.each([
    ['700 ms, inside each call’s timeout', 700],
    ['1.9 s: lock, read and write answered after 5.7 s, past the lock’s 5 s', 1_900],
    ['6 s, each answer past the lock’s lifetime', 6_000],
  ])(
    'every cache answer delayed %s: three Zaps of 20 Awin steps never make more than 20 calls',
    async (_, delayMs) => {
      await setCacheFaults([{ delayMs }]);
      const outcomes = await threeZapsOfTwentyAwinSteps();

      expect(awinCalls().length).toBeLessThanOrEqual(20);
      const done = outcomes.filter((o) => o.status === 'fulfilled');
      expect(done.length).toBeLessThanOrEqual(20);
      // Every step not done was deferred for Zapier to retry, none with a platform error.
      for (const error of errorsOf(outcomes)) {
        expect(error.name).toBe('ThrottledError');
        expect(error.message).not.toMatch(/RPC/);
      }
      const log = await cacheLog();
      expectHolderReleases(log);
      expectLedgerOnlyGrows(log);
    },
  );
});

describe('the Awin budget with a cache that refuses', () => {
  it('every ledger write refused: every step is deferred before any Awin call, none allowed', async () => {
    await setCacheFaults([{ keyIncludes: ':ledger', methods: ['set'], refuse: true }]);
    const outcomes = await threeZapsOfTwentyAwinSteps();

    expect(awinCalls()).toEqual([]);
    const errors = errorsOf(outcomes);
    expect(errors).toHaveLength(60);
    // Deferred for the refused write, or while waiting for the lock behind the steps refused so.
    expect(errors.map((error) => error.name)).toEqual(Array(60).fill('ThrottledError'));
    expect(
      errors.some((error) => error.message.includes("did not keep this step's reservation")),
    ).toBe(true);
    const log = await cacheLog();
    expect(log.filter((call) => call.key.endsWith(':ledger') && call.answer === true)).toEqual([]);
    expectHolderReleases(log);
  });

  it('every write refused, locks too: three bulk runs are deferred at once, not after a lock wait', async () => {
    await setCacheFaults([{ methods: ['set'], refuse: true }]);
    const links = Array.from({ length: 1000 }, (_, i) => ({
      advertiserId: 1001,
      destinationUrl: `https://www.acmeshoes.example/p/${i}`,
    }));
    const outcomes = await Promise.allSettled(
      [1, 2, 3].map(() =>
        app.tester(step('awin_tracking_links_batch'), {
          authData: { ...DEMO_AUTH_DATA },
          inputData: { links },
        }),
      ),
    );
    expect(awinCalls()).toEqual([]);
    const errors = errorsOf(outcomes);
    expect(errors.map((error) => error.name)).toEqual(Array(3).fill('ThrottledError'));
    // A lock that reads as free but cannot be taken is a refusing cache, not a busy one.
    for (const error of errors) expect(error.message).not.toContain('Other Zaps');
  });
});

describe('the Awin budget with a cache that cannot be reached', () => {
  it('every cache call failing: each run goes on alone at Awin’s limit and says so once, no platform error', async () => {
    await setCacheFaults([{ fail: true }]);
    const links = Array.from({ length: 250 }, (_, i) => ({
      advertiserId: 1001,
      destinationUrl: `https://www.acmeshoes.example/p/${i}`,
    }));
    const bulk = (await app.tester(step('awin_tracking_links_batch'), {
      authData: { ...DEMO_AUTH_DATA },
      inputData: { links },
    })) as { succeeded: number };
    expect(bulk.succeeded).toBe(250);
    const single = await app.tester(step('awin_tracking_link'), {
      authData: { ...DEMO_AUTH_DATA },
      inputData: { advertiserId: 1002 },
    });
    expect(single).toMatchObject({ advertiserId: 1002 });

    expect(awinCalls()).toHaveLength(4); // three batches of 100 and one link
    const notShared = logged.filter((line) => line.includes('calls are not shared'));
    expect(notShared).toEqual(
      Array(2).fill(
        "Zapier's cache could not be reached, so this run's Awin calls are not shared with other " +
          "Zaps: it makes at most 20 on its own, Awin's limit.",
      ),
    );
    // Each run found the cache out of reach once and asked it nothing more.
    const attempts = sandbox.calls.filter((call) => call.path.startsWith('/rpc/'));
    expect(attempts.length).toBeLessThanOrEqual(2 * 3);
  });
});

describe('the Everflow pace under cache faults', () => {
  const links = Array.from({ length: 60 }, (_, i) => ({
    network_offer_id: 1,
    network_affiliate_id: 7,
    sub1: `row-${i + 1}`,
  }));
  const notShared =
    "Zapier's cache could not register this run with the other Zaps using this Everflow key, so " +
    "its pace is not shared with them: it keeps to Everflow's rate on its own.";

  it.each([
    ['failing', { fail: true }],
    ['refusing every write', { methods: ['set'], refuse: true }],
    ['answering after 6 s', { delayMs: 6_000 }],
  ] satisfies [string, CacheFault][])(
    'a cache %s: two bulk runs pace alone, say so once each, and deliver every link',
    async (_, fault) => {
      await setCacheFaults([fault]);
      const perform = app.App.creates.everflow_tracking_links_batch.operation.perform as Perform;
      const summaries = (await Promise.all(
        [1, 2].map(() =>
          app.tester(perform, { authData: { ...DEMO_AUTH_DATA }, inputData: { links } }),
        ),
      )) as { succeeded: number }[];
      expect(summaries.map((summary) => summary.succeeded)).toEqual([60, 60]);
      expect(logged.filter((line) => line.includes('pace is not shared'))).toEqual([
        notShared,
        notShared,
      ]);
      expect(logged.filter((line) => /RPC request failed/.test(line))).toEqual([]);
    },
  );

  it('a cache that works: two runs register, share the pace, and leave; no lock is deleted but by its holder', async () => {
    const perform = app.App.creates.everflow_tracking_links_batch.operation.perform as Perform;
    await Promise.all(
      [1, 2].map(() =>
        app.tester(perform, { authData: { ...DEMO_AUTH_DATA }, inputData: { links } }),
      ),
    );
    expect(logged.filter((line) => line.includes('pace is not shared'))).toEqual([]);
    const log = await cacheLog();
    const writes = log.filter((call) => call.method === 'set' && call.key.endsWith(':runs'));
    // Each run joined and left once; at some time both were registered; none is left behind.
    const counts = writes.map((call) => (call.value as unknown[]).length);
    expect(counts).toHaveLength(4);
    expect(Math.max(...counts)).toBe(2);
    expect(counts.at(-1)).toBe(0);
    expectHolderReleases(log);
  });
});
