import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { DEMO_AUTH_DATA } from '../../sandbox/credentials';
import { startSandbox, type Sandbox } from '../../sandbox/server';

import { sampleMismatches } from '../support/sampleShape';

import { type QrCodeOutput } from '../../src/qr/qrCode';

type Core = typeof import('zapier-platform-core');
type AppDefinition = typeof import('../../index').default;
type Tester = ReturnType<Core['createAppTester']> & { zcacheTestObj?: unknown };

/**
 * Zapier's platform services (file stash, shared cache) imitated by the sandbox. zapier-platform-core
 * reads ZAPIER_BASE_ENDPOINT when it loads, so each "Zap run" here loads its own copy after the
 * sandbox is up, and talks to the sandbox's RPC endpoint instead of a test double.
 */
// Each run loads (and, on a fresh clone, compiles) its own copy of the app: slower than other tests.
jest.setTimeout(120_000);

let sandbox: Sandbox;
const saved = { ...process.env };

async function loadRun(): Promise<{ tester: Tester; App: AppDefinition }> {
  let loaded: { tester: Tester; App: AppDefinition } | undefined;
  await jest.isolateModulesAsync(async () => {
    const core: Core = await import('zapier-platform-core');
    const App = (await import('../../index')).default;
    const tester: Tester = core.createAppTester(App);
    tester.zcacheTestObj = undefined; // z.cache goes to the sandbox, with real ttl and set-if-absent
    loaded = { tester, App };
  });
  if (!loaded) throw new Error('the app did not load');
  return loaded;
}

beforeAll(async () => {
  sandbox = await startSandbox();
  Object.assign(process.env, sandbox.env);
});
afterAll(async () => {
  process.env = saved;
  await sandbox.close();
});

it('stashes a QR code in the file service; the stored PNG decodes to the exact link', async () => {
  const { tester, App } = await loadRun();
  const url =
    'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=https%3A%2F%2Fwww.acmeshoes.example%2F';
  const perform = App.creates.qr_code.operation.perform as Parameters<Tester>[0];
  const result = (await tester(perform, { inputData: { url, size: 400 } })) as QrCodeOutput;

  expect(result.file.startsWith(`${sandbox.url}/platform/files/stash-`)).toBe(true);
  const response = await fetch(result.file);
  expect(response.headers.get('content-type')).toBe('image/png');
  const png = PNG.sync.read(Buffer.from(await response.arrayBuffer()));
  expect(png.width).toBe(400);
  expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(url);
  // The static sample is true: same keys, same types as this real output.
  const sample = App.creates.qr_code.operation.sample as Record<string, unknown>;
  expect(sampleMismatches(sample, result)).toEqual([]);
});

it('two concurrent runs sharing one cache never exceed 20 Awin calls a minute', async () => {
  const runs = [await loadRun(), await loadRun()];
  sandbox.resetCalls();
  const attempts = runs.flatMap(({ tester, App }) => {
    const perform = App.creates.awin_tracking_link.operation.perform as Parameters<Tester>[0];
    return Array.from({ length: 15 }, (_, i) =>
      tester(perform, {
        authData: { ...DEMO_AUTH_DATA },
        inputData: { advertiserId: 1001 + (i % 6) },
      }),
    );
  });
  const outcomes = await Promise.allSettled(attempts);

  const awinCalls = sandbox.calls.filter((call) => call.network === 'awin');
  expect(awinCalls).toHaveLength(20);
  expect(awinCalls.every((call) => call.status === 200)).toBe(true);
  const windowStart = awinCalls[0].at;
  expect(awinCalls.every((call) => call.at - windowStart < 60_000)).toBe(true);

  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(20);
  const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
  expect(refused).toHaveLength(10);
  for (const error of refused) {
    expect(error.name).toBe('ThrottledError');
    expect(error.message).toContain(
      'Your Awin connection has used its 20 API calls for this minute',
    );
  }
});

it('three concurrent 1,000-link Awin runs on one token: two complete, the third is deferred before any Awin call', async () => {
  // A sandbox of its own: a fresh Awin minute and an empty cache.
  const own = await startSandbox();
  Object.assign(process.env, own.env);
  try {
    const runs = [await loadRun(), await loadRun(), await loadRun()];
    const links = Array.from({ length: 1000 }, (_, i) => ({
      advertiserId: 1001,
      destinationUrl: `https://www.acmeshoes.example/p/${i}`,
    }));
    const outcomes = await Promise.allSettled(
      runs.map(({ tester, App }) =>
        tester(App.creates.awin_tracking_links_batch.operation.perform as Parameters<Tester>[0], {
          authData: { ...DEMO_AUTH_DATA },
          inputData: { links },
        }),
      ),
    );

    const awinCalls = own.calls.filter((call) => call.network === 'awin');
    expect(awinCalls.length).toBeLessThanOrEqual(20);
    expect(awinCalls.filter((call) => call.status === 429)).toEqual([]);
    const done = outcomes.flatMap((o) =>
      o.status === 'fulfilled' ? [o.value as { succeeded: number }] : [],
    );
    expect(done.map((summary) => summary.succeeded)).toEqual([1000, 1000]);
    const deferred = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as Error] : []));
    expect(deferred).toHaveLength(1);
    expect(deferred[0].name).toBe('ThrottledError');
    expect(deferred[0].message).toContain('this step needs 10 more');
    // Every Awin call was one of the two runs' 10 batch calls: the deferred run made none.
    expect(awinCalls.filter((call) => call.path.includes('generate-batch'))).toHaveLength(20);
  } finally {
    Object.assign(process.env, sandbox.env);
    await own.close();
  }
});

it('two concurrent Everflow runs of 250 network links on one key share its pace: no 429, both inside 30 s', async () => {
  const own = await startSandbox();
  Object.assign(process.env, own.env);
  try {
    const runs = [await loadRun(), await loadRun()];
    const links = Array.from({ length: 250 }, (_, i) => ({
      network_offer_id: 1,
      network_affiliate_id: 7,
      sub1: `row-${i + 1}`,
    }));
    // Both runs deliver every link: none is "not processed" by a run's deadline.
    const summaries = (await Promise.all(
      runs.map(({ tester, App }) =>
        tester(
          App.creates.everflow_tracking_links_batch.operation.perform as Parameters<Tester>[0],
          {
            authData: { ...DEMO_AUTH_DATA },
            inputData: { links },
          },
        ),
      ),
    )) as { succeeded: number }[];
    const everflowCalls = own.calls.filter((call) => call.network === 'everflow');
    expect(everflowCalls.filter((call) => call.status === 429)).toEqual([]);
    expect(summaries.map((summary) => summary.succeeded)).toEqual([250, 250]);
  } finally {
    Object.assign(process.env, sandbox.env);
    await own.close();
  }
});
