// `npm run bench`: measures the performance targets (README "Performance") against the sandbox over
// loopback, with simulated upstream latency (BENCH_LATENCY_MS, default 100) and a simulated round
// trip to Zapier's own services (BENCH_CACHE_MS, default 20). z.cache goes to the sandbox's
// imitation of Zapier's RPC (real TTLs and set-if-absent), as in production, never to the app
// tester's in-memory stand-in. Each figure is printed beside its reference, as a ratio, and each
// reference says what it is: a floor (the least possible) or a limit (the most allowed). A timing
// that misses by less than 10% is measured again before it counts (these machines are noisy).
// A benchmark, not a test: it reports, ends with a summary line, and exits non-zero only when a
// target is missed.
import '../demo/runtime-env';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../sandbox/credentials';
import { Worker } from 'node:worker_threads';
import { type SandboxCall, type SandboxOptions } from '../sandbox/server';
import { WEB_CASES } from '../sandbox/web';
import {
  describeBuildZip,
  describeColdStart,
  intlSetUpOnLoad,
  LOAD_RATIO_TARGET,
  measureBuildZip,
  measureColdStart,
  measureStepLoad,
  ZIP_BYTES_TARGET,
} from './coldStart';

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 100);
const CACHE_MS = Number(process.env.BENCH_CACHE_MS ?? 20);
// 31 fresh processes a side: with 15, the median of a 2-core machine moved by ±5% between runs,
// as much as the margin the 1.05× target leaves.
const LOAD_SAMPLES = Number(process.env.BENCH_LOAD_SAMPLES ?? 31);

/** A floor is the least possible (the ratio says how far above it); a limit is the most allowed. */
type Reference = { kind: 'floor' | 'limit'; text: string };
const floor = (text: string): Reference => ({ kind: 'floor', text });
const limit = (text: string): Reference => ({ kind: 'limit', text });

interface Row {
  target: string;
  measured: string;
  reference: Reference;
  ratio: number | undefined;
  met: boolean;
  /** A timing that missed by less than 10%: measured again before it counts. */
  nearMiss?: boolean;
}
let rows: Row[] = [];
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Core = typeof import('zapier-platform-core');
type Runner = (
  key: string,
  inputData: Record<string, unknown>,
  authData?: Record<string, string>,
) => Promise<unknown>;

/**
 * Runs actions through zapier-platform-core as Zap runs do, loaded after the sandbox is up so
 * z.cache goes to the sandbox's RPC endpoint (core reads the address once, when it loads).
 */
async function loadRunner(): Promise<Runner> {
  const core = (await import('zapier-platform-core')) as Core;
  const App = (await import('../index')).default;
  const tester = core.createAppTester(App) as ReturnType<Core['createAppTester']> & {
    zcacheTestObj?: unknown;
  };
  tester.zcacheTestObj = undefined; // z.cache goes to the sandbox, not the in-memory stand-in
  const actions = { ...App.creates } as Record<string, { operation: { perform?: unknown } }>;
  return async (key, inputData, authData = { ...DEMO_AUTH_DATA }) => {
    const perform = actions[key].operation.perform as Parameters<typeof tester>[0];
    return tester(perform, { authData, inputData });
  };
}

/** The parts of the sandbox the bench uses, answered by the sandbox's worker thread. */
interface Sandbox {
  env: Record<string, string>;
  calls: SandboxCall[];
  resetCalls(): Promise<void>;
  reset(): Promise<void>;
  refreshCalls(): Promise<SandboxCall[]>;
  close(): Promise<void>;
}

async function startSandboxWorker(options: SandboxOptions): Promise<Sandbox> {
  const worker = new Worker(new URL('./sandboxWorker.ts', `file://${__filename}`), {
    workerData: options,
    execArgv: ['--import', 'tsx'],
  });
  const waiting = new Map<number, (value: unknown) => void>();
  let next = 1;
  worker.on('message', ({ id, value }: { id: number; value: unknown }) => {
    waiting.get(id)?.(value);
    waiting.delete(id);
  });
  const ask = (op: string) =>
    new Promise<unknown>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      worker.postMessage({ id, op });
    });
  const started = (await new Promise<unknown>((resolve) => waiting.set(0, resolve))) as {
    env: Record<string, string>;
  };
  const sandbox: Sandbox = {
    env: started.env,
    calls: [],
    // Forgets the calls only: what the cache keeps (a list a warm-up run read) stays.
    resetCalls: async () => {
      await ask('resetCalls');
      sandbox.calls = [];
    },
    reset: async () => {
      await ask('reset');
      sandbox.calls = [];
    },
    refreshCalls: async () => {
      sandbox.calls = (await ask('calls')) as SandboxCall[];
      return sandbox.calls;
    },
    close: async () => {
      await ask('close');
      await worker.terminate();
    },
  };
  return sandbox;
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

const callsOf = (sandbox: Sandbox, network: string) =>
  sandbox.calls.filter((call) => call.network === network);

/** A timing against its floor: met when at most `max` times the floor. */
function timing(
  target: string,
  measured: string,
  reference: Reference,
  ratio: number,
  max: number,
) {
  rows.push({
    target,
    measured,
    reference,
    ratio,
    met: ratio <= max,
    nearMiss: ratio > max && ratio <= max * 1.1,
  });
}

const awinLinks = (run: number) =>
  Array.from({ length: 1000 }, (_, i) => ({
    advertiserId: String(1001 + (i % 6)),
    destinationUrl: `https://www.acmeshoes.example/item/${run}-${i + 1}`,
    clickref: `row-${i + 1}`,
  }));

async function awinThousand(run: Runner, sandbox: Sandbox): Promise<void> {
  // One small run first: the figures are those of a warm Zap run, not of loading modules.
  await run('awin_tracking_links_batch', { links: awinLinks(9).slice(0, 1) });
  await sandbox.resetCalls();
  const { result, ms } = await timed(() =>
    run('awin_tracking_links_batch', { links: awinLinks(0) }),
  );
  await sandbox.refreshCalls();
  const calls = callsOf(sandbox, 'awin').length;
  const cache = callsOf(sandbox, 'zapier').length;
  const succeeded = (result as { succeeded: number }).succeeded;
  const okay = calls === 10 && succeeded === 1000 && cache <= 12;
  rows.push({
    target: '1,000 Awin links in one run: 10 Awin calls, at most 12 cache round trips',
    measured: `${calls} calls, ${cache} cache round trips, ${succeeded} links`,
    reference: limit('12 round trips'),
    ratio: cache / 12,
    met: okay,
  });
  timing(
    '1,000 Awin links in one run: wall time at most 4× one upstream latency',
    seconds(ms),
    floor(`one upstream latency, ${LATENCY_MS} ms`),
    ms / LATENCY_MS,
    4,
  );
}

async function awinThreeRuns(runs: Runner[], sandbox: Sandbox): Promise<void> {
  await sandbox.resetCalls();
  const outcomes = await Promise.allSettled(
    runs.map((run, i) => run('awin_tracking_links_batch', { links: awinLinks(i + 1) })),
  );
  await sandbox.refreshCalls();
  const calls = callsOf(sandbox, 'awin');
  const refused = calls.filter((call) => call.status === 429).length;
  const complete = outcomes.filter(
    (o) => o.status === 'fulfilled' && (o.value as { succeeded: number }).succeeded === 1000,
  ).length;
  const deferred = outcomes.filter(
    (o) => o.status === 'rejected' && (o.reason as Error).name === 'ThrottledError',
  ).length;
  rows.push({
    target: 'Three concurrent 1,000-link Awin runs: ≤ 20 calls, no 429, two complete, one deferred',
    measured: `${calls.length} calls, ${refused} × 429, ${complete} complete, ${deferred} deferred`,
    reference: limit('20 calls'),
    ratio: calls.length / 20,
    met: calls.length <= 20 && refused === 0 && complete === 2 && deferred === 1,
  });
}

async function everflowNetwork(runs: Runner[], sandbox: Sandbox): Promise<void> {
  const links = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      network_offer_id: String([1, 2, 6][i % 3]),
      network_affiliate_id: '7',
      sub1: `row-${i + 1}`,
    }));
  await sandbox.resetCalls();
  const one = await timed(() => runs[0]('everflow_tracking_links_batch', { links: links(500) }));
  await sandbox.refreshCalls();
  const throttled = callsOf(sandbox, 'everflow').filter((c) => c.status === 429).length;
  const floorMs = (500 / 30) * 1000;
  const made = (one.result as { succeeded: number }).succeeded;
  rows.push({
    target: '500 Everflow network links in one run: at most 1.25× the n ÷ 30/s floor, no 429',
    measured: `${seconds(one.ms)}, ${throttled} × 429, ${made} links`,
    reference: floor(seconds(floorMs)),
    ratio: one.ms / floorMs,
    met: one.ms / floorMs <= 1.25 && throttled === 0 && made === 500,
    nearMiss: throttled === 0 && made === 500 && one.ms / floorMs <= 1.25 * 1.1,
  });

  await sandbox.resetCalls();
  const two = await timed(() =>
    Promise.all(
      runs.slice(0, 2).map((run) => run('everflow_tracking_links_batch', { links: links(250) })),
    ),
  );
  await sandbox.refreshCalls();
  const twoThrottled = callsOf(sandbox, 'everflow').filter((c) => c.status === 429).length;
  const both = (two.result as { succeeded: number }[]).map((summary) => summary.succeeded);
  rows.push({
    target: 'Two concurrent Everflow runs of 250 on one key: no 429, both inside 30 s',
    measured: `${seconds(two.ms)}, ${twoThrottled} × 429, ${both.join(' + ')} links`,
    reference: limit('30 s'),
    ratio: two.ms / 30_000,
    met: twoThrottled === 0 && two.ms < 30_000 && both.every((n) => n === 250),
  });
}

async function everflowPartner(run: Runner, sandbox: Sandbox): Promise<void> {
  await sandbox.resetCalls();
  // 1,000 items over the partner's runnable offers: one call per distinct offer and offer URL.
  const offers = [1, 2, 6];
  const links = Array.from({ length: 1000 }, (_, i) => ({
    network_offer_id: String(offers[i % offers.length]),
    sub1: `row-${i + 1}`,
  }));
  const partner = {
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
  };
  const { result, ms } = await timed(() =>
    run('everflow_tracking_links_batch', { links }, partner),
  );
  await sandbox.refreshCalls();
  const calls = callsOf(sandbox, 'everflow').length;
  const made = (result as { succeeded: number }).succeeded;
  rows.push({
    target: 'Everflow partner bulk: 1,000 items, one call per distinct offer/URL pair',
    measured: `${calls} calls for ${offers.length} pairs, ${made} links, ${seconds(ms)}`,
    reference: floor(`${offers.length} calls`),
    ratio: calls / offers.length,
    met: calls === offers.length && made === 1000,
  });
}

async function offerslookThousand(run: Runner, sandbox: Sandbox): Promise<void> {
  await sandbox.resetCalls();
  const ids = Array.from({ length: 1000 }, (_, i) => (i + 1 === 999 ? 1001 : i + 1));
  const { ms } = await timed(() => run('offerslook_tracking_links', { offer_ids: ids.join(',') }));
  await sandbox.refreshCalls();
  const calls = callsOf(sandbox, 'offerslook').length;
  rows.push({
    target: '1,000 Offerslook ids: 10 calls, side by side',
    measured: `${calls} calls, ${seconds(ms)}`,
    reference: floor(`one upstream latency, ${LATENCY_MS} ms`),
    ratio: ms / LATENCY_MS,
    met: calls === 10 && ms < 10 * LATENCY_MS,
    nearMiss: calls === 10 && ms < 11 * LATENCY_MS,
  });
}

const impactLinks = (run: number) =>
  Array.from({ length: 100 }, (_, i) => ({
    campaignId: '10306',
    deepLink: `https://www.trailheadgear.example/tents/ridge-2p?run=${run}&row=${i + 1}`,
    subId1: `row-${i + 1}`,
  }));

async function impactHundred(runs: Runner[], sandbox: Sandbox): Promise<void> {
  const auth = { ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA };
  // One small run first: the campaign list is read and kept, as it is for a sheet of rows.
  await runs[0]('impact_tracking_links_batch', { links: impactLinks(9).slice(0, 1) }, auth);
  await sandbox.resetCalls();
  const one = await timed(() =>
    runs[0]('impact_tracking_links_batch', { links: impactLinks(0) }, auth),
  );
  await sandbox.refreshCalls();
  const calls = callsOf(sandbox, 'impact').length;
  const made = (one.result as { succeeded: number }).succeeded;
  rows.push({
    target: '100 Impact links in bulk: 100 calls, a few side by side, inside 10 s',
    measured: `${calls} calls, ${made} links, ${seconds(one.ms)}`,
    reference: limit('10 s'),
    ratio: one.ms / 10_000,
    met: calls === 100 && made === 100 && one.ms < 10_000,
  });

  await sandbox.resetCalls();
  const both = await Promise.allSettled(
    runs
      .slice(0, 2)
      .map((run, i) => run('impact_tracking_links_batch', { links: impactLinks(i + 1) }, auth)),
  );
  await sandbox.refreshCalls();
  const refused = callsOf(sandbox, 'impact').filter((call) => call.status === 429).length;
  const complete = both.filter(
    (o) => o.status === 'fulfilled' && (o.value as { succeeded: number }).succeeded === 100,
  ).length;
  rows.push({
    target: 'Two concurrent Impact runs of 100 on one account share the hourly budget: no 429',
    measured: `${callsOf(sandbox, 'impact').length} calls, ${refused} × 429, ${complete} complete`,
    reference: limit('1,000 calls an hour'),
    ratio: callsOf(sandbox, 'impact').length / 1000,
    met: refused === 0 && complete === 2,
  });
}

/**
 * Earnings for 500 references over 30 days on Awin (one account), Everflow (partner key) and Impact:
 * each network's conversions read once (Awin one window, Impact one, Everflow one page per 2,000
 * conversions) plus one Everflow click report per 100 references; a second run within 10 minutes
 * reads everything from Zapier's cache.
 */
async function earningsFiveHundred(run: Runner, sandbox: Sandbox): Promise<void> {
  const auth = {
    ...DEMO_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
    ...DEMO_IMPACT_AUTH_DATA,
  };
  const refs = Array.from({ length: 500 }, (_, i) => ({
    tracking_ref: ['row-7', 'deal-42', 'row-3'][i] ?? `row-${i + 1}`,
  }));
  const input = { refs, days: '30' };
  const first = await timed(() => run('tracking_ref_earnings_batch', input, auth));
  await sandbox.refreshCalls();
  const count = (network: string, path: string) =>
    callsOf(sandbox, network).filter((call) => call.path.includes(path)).length;
  const awin = count('awin', '/transactions');
  const impact = count('impact', '/Actions');
  const pages = count('everflow', '/reporting/conversions');
  const reports = count('everflow', '/reporting/entity/table');
  const read = (first.result as { succeeded: number }).succeeded;
  // The sandbox's partner has fewer than 2,000 conversions (one page); one report per 100 references.
  const reportsAtMost = Math.ceil(refs.length / 100);
  const most = 1 + 1 + 1 + reportsAtMost;
  const calls = awin + impact + pages + reports;
  rows.push({
    target:
      'Earnings of 500 references over 30 days (Awin, Everflow, Impact): ≤1 Awin, 1 Impact, ' +
      '1 Everflow page per 2,000 + 1 report per 100 refs, inside 25 s',
    measured:
      `${awin} Awin, ${impact} Impact, ${pages} Everflow page + ${reports} reports, ` +
      `${read} rows, ${seconds(first.ms)}`,
    reference: limit(`${most} calls`),
    ratio: calls / most,
    met:
      awin <= 1 &&
      impact <= 1 &&
      pages <= 1 &&
      reports <= reportsAtMost &&
      read === refs.length &&
      first.ms < 25_000,
  });

  await sandbox.resetCalls();
  const second = await timed(() => run('tracking_ref_earnings_batch', input, auth));
  await sandbox.refreshCalls();
  const upstream = sandbox.calls.filter((call) =>
    ['awin', 'everflow', 'impact'].includes(call.network),
  ).length;
  rows.push({
    target: 'The same earnings run again within 10 minutes: no network call',
    measured: `${upstream} calls, ${seconds(second.ms)}`,
    reference: floor('0 calls'),
    ratio: undefined,
    met: upstream === 0 && (second.result as { succeeded: number }).succeeded === 500,
  });
}

async function linkChecks(run: Runner): Promise<void> {
  const cases = WEB_CASES.map((webCase) => webCase.url);
  const links = Array.from({ length: 100 }, (_, i) => ({ url: cases[i % cases.length] }));
  const { result, ms } = await timed(() => run('check_tracking_links_batch', { links }));
  const total = (result as { total: number }).total;
  rows.push({
    target: '100 links checked in bulk inside 25 s',
    measured: `${total} rows, ${seconds(ms)}`,
    reference: limit('25 s'),
    ratio: ms / 25_000,
    met: total === 100 && ms < 25_000,
  });
}

function loadCost(): void {
  const coldStart = measureColdStart(LOAD_SAMPLES);
  // A first toLocaleString/Intl call at load time costs 10–20 ms: worth naming when it happens.
  const intl = intlSetUpOnLoad();
  // Not part of the target: what a run's first call then adds, loading its step's files.
  const awinStep = measureStepLoad('creates', 'awin_tracking_link');
  const anyUrlStep = measureStepLoad('creates', 'tracking_link_for_url');
  rows.push({
    target: `Loading the built app costs at most ${LOAD_RATIO_TARGET.toFixed(2)}× loading zapier-platform-core`,
    measured:
      describeColdStart(coldStart) +
      (intl.setUp ? `; Intl set up at load (~${intl.firstCallMs.toFixed(0)} ms)` : '') +
      `; a first call then loads its step: Awin link +${awinStep.toFixed(0)} ms, any-URL +${anyUrlStep.toFixed(0)} ms`,
    reference: floor('zapier-platform-core alone'),
    ratio: coldStart.ratio,
    met: coldStart.ratio <= LOAD_RATIO_TARGET,
    nearMiss: coldStart.ratio <= LOAD_RATIO_TARGET * 1.1,
  });
}

function buildSize(): void {
  const build = spawnSync('npm', ['run', '--silent', 'zapier-build'], {
    encoding: 'utf8',
    env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1' },
  });
  const zip = 'build/build.zip';
  const target = 'build.zip at most 1.3 MiB';
  if (build.status !== 0 || !existsSync(zip)) {
    rows.push({
      target,
      measured: 'build failed',
      reference: limit('1.3 MiB'),
      ratio: undefined,
      met: false,
    });
    // What went wrong, below the table's figures: the build's last lines.
    const said = `${build.stdout ?? ''}${build.stderr ?? ''}`.trim().split('\n').slice(-15);
    process.on('beforeExit', () => console.error(`\nzapier-build failed:\n${said.join('\n')}`));
    return;
  }
  const size = measureBuildZip(zip);
  rows.push({
    target,
    measured: describeBuildZip(size),
    reference: limit('1.3 MiB'),
    ratio: size.bytes / ZIP_BYTES_TARGET,
    met: size.bytes <= ZIP_BYTES_TARGET,
  });
}

/**
 * Runs one case; when a timing of it missed by less than 10%, runs the case again and keeps the
 * second measurement (said in the row), so one noisy moment does not fail the bench.
 */
/** `npm run bench -- Impact` measures only the cases whose name holds the word (case ignored). */
const ONLY = process.argv[2]?.toLowerCase();

async function measure(name: string, body: () => Promise<void> | void): Promise<void> {
  if (ONLY !== undefined && !name.toLowerCase().includes(ONLY)) return;
  const before = rows;
  rows = [];
  try {
    await body();
    if (rows.some((r) => !r.met && r.nearMiss)) {
      rows = [];
      await body();
      for (const r of rows) r.measured += ' (measured twice)';
    }
  } catch (error) {
    rows.push({
      target: name,
      measured: `failed: ${error instanceof Error ? error.message : String(error)}`,
      reference: limit('no failure'),
      ratio: undefined,
      met: false,
    });
  } finally {
    rows = [...before, ...rows];
  }
}

function report(): void {
  const width = Math.max(0, ...rows.map((r) => r.target.length));
  const measuredWidth = Math.max(0, ...rows.map((r) => r.measured.length));
  for (const r of rows) {
    const ratio = r.ratio === undefined ? '' : ` (${r.ratio.toFixed(2)}×)`;
    console.log(
      `${r.met ? 'met   ' : 'MISSED'}  ${r.target.padEnd(width)}  ${r.measured.padEnd(measuredWidth)}  ${r.reference.kind} ${r.reference.text}${ratio}`,
    );
  }
  const missed = rows.filter((r) => !r.met).length;
  console.log(
    '\nfloor: the least possible (the ratio says how far above it the figure is); limit: the ' +
      'most allowed (a ratio at most 1.00× is within it).',
  );
  console.log(`${rows.length - missed} targets met, ${missed} missed`);
  if (missed > 0) process.exitCode = 1;
}

async function main(): Promise<void> {
  console.log(
    `Benchmark against the sandbox: ${LATENCY_MS} ms upstream latency, ${CACHE_MS} ms per round ` +
      "trip to Zapier's cache\n",
  );
  const sandbox = await startSandboxWorker({ latencyMs: LATENCY_MS, platformLatencyMs: CACHE_MS });
  Object.assign(process.env, sandbox.env);
  const run = await loadRunner();
  // Each case starts from a fresh sandbox minute and an empty cache; every run of a case is its
  // own Zap run (its own z object), as concurrent Zap runs are.
  const fresh = (
    name: string,
    body: (sandbox: Sandbox, runs: Runner[]) => Promise<void>,
    runs = 1,
  ) =>
    measure(name, async () => {
      await sandbox.reset();
      await body(
        sandbox,
        Array.from({ length: runs }, () => run),
      );
    });
  try {
    await fresh('1,000 Awin links', (sandbox, [run]) => awinThousand(run, sandbox));
    await fresh('Three Awin runs', (sandbox, runs) => awinThreeRuns(runs, sandbox), 3);
    await fresh('Everflow network links', (sandbox, runs) => everflowNetwork(runs, sandbox), 2);
    await fresh('Everflow partner bulk', (sandbox, [run]) => everflowPartner(run, sandbox));
    await fresh('1,000 Offerslook ids', (sandbox, [run]) => offerslookThousand(run, sandbox));
    await fresh('100 Impact links', (sandbox, runs) => impactHundred(runs, sandbox), 2);
    await fresh('100 link checks', (_sandbox, [run]) => linkChecks(run));
    await fresh('Earnings of 500 references', (sandbox, [run]) =>
      earningsFiveHundred(run, sandbox),
    );
    await sandbox.close();
    await measure('Cold start', loadCost);
    await measure('build.zip', buildSize);
  } finally {
    report();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
