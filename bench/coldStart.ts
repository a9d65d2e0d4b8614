// Start-up cost of the built app and the size of build/build.zip (README "Performance": loading the
// built app costs at most 1.05× loading zapier-platform-core alone; build.zip at most 1.3 MiB).
// `npm run bench:cold-start` (builds first), or the functions below from bench/run.ts.
//
// Each sample is a fresh Node process (the one running this, i.e. Node 22 under npm) that times, from the
// project folder, either loading zapier-platform-core alone, or loading it and then index.js (Zapier's entry
// point: dist/index.js, the app's definition, whose steps load their code when a run first calls them), as
// Zapier's wrapper does. Node's own start-up is outside the timed
// part, and the file cache is warm (one discarded round first). Core and app samples alternate, with the
// order swapped every round, so a busy moment on the machine hits both alike; each side's median is taken.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

export const LOAD_RATIO_TARGET = 1.05;
export const ZIP_BYTES_TARGET = 1.3 * 1024 * 1024;

export interface ColdStart {
  coreMs: number;
  appMs: number;
  /** appMs ÷ coreMs */
  ratio: number;
  samples: number;
}

export interface BuildZip {
  bytes: number;
  entries: number;
}

/** Milliseconds that `timed` takes in a fresh Node process in `cwd`, after `setup` (not timed). */
function freshMs(cwd: string, timed: string, setup = ''): number {
  const script =
    `${setup}; const t = process.hrtime.bigint(); ${timed};` +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));';
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // no loaders or flags from whatever runs the benchmark
  return Number(execFileSync(process.execPath, ['-e', script], { cwd, env, encoding: 'utf8' }));
}

const loadMs = (target: string, cwd: string) => freshMs(cwd, `require(${JSON.stringify(target)})`);

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Median time to load zapier-platform-core alone and the built app (core included), in fresh processes. */
export function measureColdStart(samples = 31, cwd = process.cwd()): ColdStart {
  const core = () => loadMs('zapier-platform-core', cwd);
  // Zapier's wrapper loads zapier-platform-core and then the app: both are timed (the app's definition
  // does not load core itself; its steps do, when a run first calls one).
  const app = () => freshMs(cwd, 'require("zapier-platform-core"); require("./index.js")');
  core();
  app();
  const coreTimes: number[] = [];
  const appTimes: number[] = [];
  for (let round = 0; round < samples; round++) {
    if (round % 2 === 0) {
      coreTimes.push(core());
      appTimes.push(app());
    } else {
      appTimes.push(app());
      coreTimes.push(core());
    }
  }
  const coreMs = median(coreTimes);
  const appMs = median(appTimes);
  return { coreMs, appMs, ratio: appMs / coreMs, samples };
}

/**
 * What a run's first call of a step then adds (not a target; the README reports it): the step's files
 * loaded by its stand-in in dist/index.js, after zapier-platform-core and the app, in fresh processes.
 * The step is called without a bundle, so it fails at once, once its files are loaded.
 */
export function measureStepLoad(
  section: 'creates' | 'searches' | 'triggers',
  key: string,
  samples = 9,
  cwd = process.cwd(),
): number {
  const setup = 'require("zapier-platform-core"); const app = require("./index.js")';
  const call = `try { Promise.resolve(app.${section}[${JSON.stringify(key)}].operation.perform()).catch(() => undefined); } catch {}`;
  return median(Array.from({ length: samples }, () => freshMs(cwd, call, setup)));
}

/** Size and number of entries (from the end-of-central-directory record) of a zip file. */
export function measureBuildZip(path = 'build/build.zip'): BuildZip {
  const data = readFileSync(path);
  for (let at = data.length - 22; at >= Math.max(0, data.length - 22 - 0xffff); at--) {
    if (data.readUInt32LE(at) === 0x06054b50) {
      return { bytes: statSync(path).size, entries: data.readUInt16LE(at + 10) };
    }
  }
  throw new Error(`${path} is not a zip file`);
}

/**
 * Whether loading the app sets up Intl (ICU), which a first `toLocaleString`, `Intl.*` or `localeCompare`
 * call does: 10–20 ms, a large share of the app's start-up cost when it happens at load time (in a
 * `helpText` template, say) rather than inside a perform. Told apart by timing one such call after
 * loading only zapier-platform-core and after loading the app: the second is near-free once Intl is set up.
 */
export function intlSetUpOnLoad(cwd = process.cwd()): { setUp: boolean; firstCallMs: number } {
  const call = '(1000).toLocaleString("en-US")';
  const samples = (setup: string) => median([1, 2, 3].map(() => freshMs(cwd, call, setup)));
  const firstCallMs = samples('require("zapier-platform-core")');
  const afterApp = samples('require("./index.js")');
  return { setUp: afterApp < firstCallMs / 4, firstCallMs };
}

export const describeColdStart = (c: ColdStart) =>
  `app ${c.appMs.toFixed(0)} ms vs core ${c.coreMs.toFixed(0)} ms = ${c.ratio.toFixed(2)}× (median of ${c.samples})`;

export const describeBuildZip = (z: BuildZip) =>
  `${(z.bytes / 1024).toFixed(0)} KiB (${(z.bytes / 1024 / 1024).toFixed(2)} MiB), ${z.entries} entries`;

if (require.main === module) {
  const samples = Number(process.env.BENCH_LOAD_SAMPLES ?? 31);
  const coldStart = measureColdStart(samples);
  const zip = measureBuildZip();
  const loadMet = coldStart.ratio <= LOAD_RATIO_TARGET;
  const zipMet = zip.bytes <= ZIP_BYTES_TARGET;
  console.log(
    `${loadMet ? 'met   ' : 'MISSED'}  load ≤ ${LOAD_RATIO_TARGET.toFixed(2)}× core   ${describeColdStart(coldStart)}`,
  );
  console.log(`${zipMet ? 'met   ' : 'MISSED'}  build.zip ≤ 1.3 MiB   ${describeBuildZip(zip)}`);
  const awin = measureStepLoad('creates', 'awin_tracking_link');
  const anyUrl = measureStepLoad('creates', 'tracking_link_for_url');
  console.log(
    `        a run's first call then loads its step: Awin link ${awin.toFixed(0)} ms, any-URL link (every network) ${anyUrl.toFixed(0)} ms`,
  );
  const intl = intlSetUpOnLoad();
  if (intl.setUp) {
    console.log(
      `note: loading the app sets up Intl (a toLocaleString, Intl or localeCompare call at load time), ` +
        `about ${intl.firstCallMs.toFixed(0)} ms of its cost`,
    );
  }
  if (!loadMet || !zipMet) process.exitCode = 1;
}
