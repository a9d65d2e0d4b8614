import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { type Bundle, type ZObject } from 'zapier-platform-core';

import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../../sandbox/credentials';
import { useSandbox } from '../support/sandbox';

/**
 * What Zapier runs is the build (`npm run build`), not the TypeScript the other tests load:
 * dist/index.js is the app's definition as data, whose functions load each step's own files on
 * their first call; the bundler stands in for zod until a run first uses it (scripts/bundle.mjs)
 * and loads the QR code and cookie packages from files of their own. Built here and run through
 * Zapier's runtime against the sandbox, one step of each kind reads its answers with zod as it
 * would in a Zap.
 */
jest.setTimeout(60_000);

const ROOT = join(__dirname, '../..');
const sandbox = useSandbox();

type Perform = (z: ZObject, bundle: Bundle) => unknown;
type Operation = { operation: { perform: Perform } };
interface BuiltApp {
  creates: Record<string, Operation>;
  searches: Record<string, Operation>;
  triggers: Record<string, Operation>;
}

type Core = typeof import('zapier-platform-core');
type Tester = ReturnType<Core['createAppTester']> & { zcacheTestObj?: unknown };

let app: BuiltApp;
let tester: Tester;

beforeAll(async () => {
  execFileSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs')], { cwd: ROOT });
  // zapier-platform-core reads ZAPIER_BASE_ENDPOINT when it loads: loaded here, once the sandbox is
  // up, so the file stash and the cache go to the sandbox.
  await jest.isolateModulesAsync(async () => {
    const core: Core = await import('zapier-platform-core');
    // The entry point Zapier loads: index.js, which requires dist/index.js.
    app = jest.requireActual<BuiltApp>(join(ROOT, 'index.js'));
    tester = core.createAppTester(app);
    tester.zcacheTestObj = undefined;
  });
});

const run = <T>(
  action: Operation,
  inputData: Record<string, unknown>,
  authData: Record<string, string> = { ...DEMO_AUTH_DATA },
) => tester(action.operation.perform, { inputData, authData }) as Promise<T>;

/** Runs `script` in a fresh Node process in the project folder and returns what it printed, as JSON. */
const inFreshNode = <T>(script: string): T =>
  JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' })) as T;

/** The files of dist/ a fresh process has loaded after `script`, and the sources they were built from. */
const loadedAfter = (script: string) =>
  inFreshNode<{ files: string[]; sources: string[] }>(`
    ${script};
    const path = require('node:path');
    const dist = path.join(process.cwd(), 'dist');
    const files = Object.keys(require.cache).filter((file) => file.startsWith(dist + path.sep));
    const sources = files.flatMap((file) =>
      require('node:fs').existsSync(file + '.map') ? JSON.parse(require('node:fs').readFileSync(file + '.map', 'utf8')).sources : [],
    );
    process.stdout.write(JSON.stringify({ files: files.map((file) => path.relative(dist, file)), sources }));
  `);

it('loading the app reads the definition only: no code runs until a step is called', () => {
  const { files } = loadedAfter(`require('./index.js')`);
  expect(files).toEqual(['index.js']);
});

it("the definition is the app's own, data for data, with a stand-in wherever the app has a function", () => {
  const shape = (value: unknown): unknown =>
    typeof value === 'function'
      ? '<function>'
      : Array.isArray(value)
        ? value.map(shape)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, shape(item)]))
          : value;
  const built = inFreshNode<unknown>(
    `process.stdout.write(JSON.stringify(require('./index.js'), (_, v) => typeof v === 'function' ? '<function>' : v));`,
  );
  // The TypeScript app, as the other tests load it.
  const source = jest.requireActual<{ default: unknown }>('../../index').default;
  expect(built).toEqual(JSON.parse(JSON.stringify(shape(source))));
  expect(JSON.stringify(built)).toContain('"perform":"<function>"');
});

it("a run loads its step's code only: an Awin link loads no Impact, earnings, watching or link checking", () => {
  const { files, sources } = loadedAfter(`
    const app = require('./index.js');
    // Called without a bundle: it fails (a rejected promise), once its files are loaded.
    app.creates.awin_tracking_link.operation.perform().catch(() => undefined);
  `);
  expect(files).toContain('creates-awinTrackingLink.js');
  expect(sources.some((source) => source.includes('src/awin/client.ts'))).toBe(true);
  const elsewhere = sources.filter((source) =>
    /src\/(impact|earnings|watch|linkCheck)\//.test(source),
  );
  expect(elsewhere).toEqual([]);
});

it("a step's file declares its input keys, so a mistyped key is named even when only that step is loaded", () => {
  const keys = inFreshNode<string[]>(`
    const step = require('./dist/creates-awinTrackingLink.js').default;
    const keys = step.operation.perform[Symbol.for('affiliate-links.input-keys')];
    process.stdout.write(JSON.stringify([...(keys ?? [])]));
  `);
  expect(keys).toContain('clickref');
  expect(keys).toContain('advertiserId');
});

it('is the app: its steps, from the built file', () => {
  expect(app.creates.awin_tracking_links_batch).toBeDefined();
  expect(app.searches.tracking_ref_earnings).toBeDefined();
  expect(app.triggers.tracking_link_broken).toBeDefined();
  expect(sandbox.current().url).toMatch(/^http:\/\/127\.0\.0\.1:/);
});

it('makes links on every network, reading each answer with zod', async () => {
  const awin = await run<{ succeeded: number; links: { url: string }[] }>(
    app.creates.awin_tracking_links_batch,
    { links: [{ advertiserId: 1001, destinationUrl: 'https://www.acmeshoes.example/sale' }] },
  );
  expect(awin.succeeded).toBe(1);
  expect(awin.links[0].url).toMatch(/^https:\/\/www\.awin1\.com\/cread\.php\?/);

  const everflow = await run<{ url: string }>(app.creates.everflow_tracking_link, {
    network_offer_id: 1,
    network_affiliate_id: 7,
  });
  expect(everflow.url).toMatch(/^https:\/\//);

  const offerslook = await run<{ links: { offer_id: number }[] }>(
    app.creates.offerslook_tracking_links,
    { offer_ids: '16' },
  );
  expect(offerslook.links.map((link) => link.offer_id)).toEqual([16]);

  const impact = await run<{ url: string }>(
    app.creates.impact_tracking_link,
    { campaignId: '10306', subId1: 'row-7' },
    { ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA },
  );
  expect(impact.url).toMatch(/^https:\/\//);
});

it('an answer zod cannot read is an error in words, never a link', async () => {
  sandbox.current().injectFault({
    network: 'everflow',
    pathIncludes: 'tracking/offers/clicks',
    status: 200,
    body: JSON.stringify({ url: 42 }),
  });
  const error = await run(app.creates.everflow_tracking_link, {
    network_offer_id: 1,
    network_affiliate_id: 7,
  }).then(
    () => undefined,
    (caught: unknown) => caught as Error,
  );
  expect(error?.message).toContain('Everflow sent an answer this integration cannot read');
});

it('checks a link, finds earnings and makes a QR code', async () => {
  const check = await run<{ status: string }>(app.creates.check_tracking_link, {
    url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001',
  });
  expect(check.status).toBe('ok');

  const [earnings] = await run<{ conversions: number; commission_text: string }[]>(
    app.searches.tracking_ref_earnings,
    { tracking_ref: 'deal-42' },
    {
      ...DEMO_AUTH_DATA,
      everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
      everflow_api_type: 'affiliate',
      ...DEMO_IMPACT_AUTH_DATA,
    },
  );
  expect(earnings.conversions).toBeGreaterThan(0);
  expect(earnings.commission_text).toContain('USD');

  const qr = await run<{ format: string; file: string }>(app.creates.qr_code, {
    url: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001',
    format: 'svg',
  });
  expect(qr.format).toBe('svg');
  expect(qr.file.startsWith(`${sandbox.current().url}/platform/files/`)).toBe(true);
});

it('matches a shop URL to its network, builds an asset package and polls watched links', async () => {
  const link = await run<{ network: string; url: string }>(app.creates.tracking_link_for_url, {
    url: 'https://www.acmeshoes.example/boots',
  });
  expect(link.network).toBe('awin');
  expect(link.url).toMatch(/^https:\/\/www\.awin1\.com\//);

  const assets = await run<{ total_offers: number; links: unknown[] }>(
    app.creates.everflow_tracking_assets,
    { network_affiliate_id: 7, network_offer_ids: '1' },
  );
  expect(assets.total_offers).toBe(1);
  expect(assets.links.length).toBeGreaterThan(0);

  const alerts = await run<unknown[]>(app.triggers.tracking_link_broken, {
    source: 'list',
    links: 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001',
  });
  expect(alerts).toEqual([]);
});
