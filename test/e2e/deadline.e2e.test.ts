import { DEMO_AUTH_DATA, DEMO_AWIN_TOKEN_SINGLE } from '../../sandbox/credentials';
import { reasonOf, userMessage } from '../../src/core/errors';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';
import { NOT_PROCESSED_IN_TIME } from '../../src/core/run';
import { type BulkItemResult, type BulkSummary } from '../../src/core/bulk';
import { type OfferslookTrackingLinks } from '../../src/offerslook/outputs';
import { App, run } from '../support/app';

/**
 * Slow networks never cost a whole bulk run: against a sandbox whose every answer takes seconds,
 * each bulk action returns inside Zapier's 30 seconds with every row accounted for (a link, or an
 * error saying the row was not processed in time).
 */
jest.setTimeout(60_000);

const ZAPIER_LIMIT_MS = 30_000;

async function withSlowSandbox<T>(options: SandboxOptions, body: (s: Sandbox) => Promise<T>) {
  const sandbox = await startSandbox(options);
  const saved = { ...process.env };
  Object.assign(process.env, sandbox.env);
  try {
    return await body(sandbox);
  } finally {
    process.env = saved;
    await sandbox.close();
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await work();
  return { result, ms: Date.now() - started };
}

it('1,000 Awin links with every answer taking 3.5 s: inside 30 s, every row with its link', async () => {
  await withSlowSandbox({ latencyMs: 3_500 }, async () => {
    const links = Array.from({ length: 1000 }, (_, i) => ({
      advertiserId: 1001,
      destinationUrl: `https://www.acmeshoes.example/p/${i}`,
    }));
    const { result, ms } = await timed(() =>
      run<BulkSummary<BulkItemResult>>(
        App.creates.awin_tracking_links_batch,
        { links },
        { ...DEMO_AUTH_DATA },
      ),
    );
    expect(ms).toBeLessThan(ZAPIER_LIMIT_MS);
    expect(result.links.map((link) => link.index)).toEqual(links.map((_, i) => i + 1));
    expect(result.succeeded).toBe(1000);
  });
});

it('1,000 Offerslook ids with every answer taking 3.5 s: inside 30 s, every id a link or listed', async () => {
  await withSlowSandbox({ latencyMs: 3_500 }, async () => {
    // 999 is the sandbox's example of an id Offerslook refuses outright.
    const ids = Array.from({ length: 1000 }, (_, i) => (i + 1 === 999 ? 1001 : i + 1));
    const { result, ms } = await timed(() =>
      run<OfferslookTrackingLinks>(
        App.creates.offerslook_tracking_links,
        { offer_ids: ids.join(',') },
        { ...DEMO_AUTH_DATA },
      ),
    );
    expect(ms).toBeLessThan(ZAPIER_LIMIT_MS);
    const accounted = [...result.links.map((link) => link.offer_id), ...result.missing_offer_ids];
    const byNumber = (a: number, b: number) => a - b;
    expect(accounted.sort(byNumber)).toEqual([...ids].sort(byNumber));
  });
});

it('100 Everflow network links with every answer taking 6 s: inside 30 s, the rows not reached say so', async () => {
  await withSlowSandbox({ latencyMs: 6_000 }, async () => {
    const links = Array.from({ length: 100 }, () => ({
      network_offer_id: 1,
      network_affiliate_id: 7,
    }));
    const { result, ms } = await timed(() =>
      run<BulkSummary<BulkItemResult>>(
        App.creates.everflow_tracking_links_batch,
        { links },
        { ...DEMO_AUTH_DATA },
      ),
    );
    expect(ms).toBeLessThan(ZAPIER_LIMIT_MS);
    expect(result.links).toHaveLength(100);
    expect(result.succeeded).toBeGreaterThan(0);
    for (const link of result.links.filter((row) => row.status === 'error')) {
      expect(link.error).toBe(NOT_PROCESSED_IN_TIME);
    }
  });
});

/**
 * Single actions that make several calls (lookups, pages) stop at the run's one deadline too: with
 * every answer taking 12 s, each ends inside Zapier's 30 s, with its result or an error that says
 * what it was waiting for, never killed by Zapier.
 */
it('single actions with 12 s answers end inside 30 s: any-URL, the Awin link with an account lookup, Find Awin Promotion, New Everflow Offer', async () => {
  await withSlowSandbox({ latencyMs: 12_000 }, async () => {
    const single = { awin_access_token: DEMO_AWIN_TOKEN_SINGLE };
    const steps: [string, () => Promise<unknown>][] = [
      [
        'any URL',
        () =>
          run(
            App.creates.tracking_link_for_url,
            { url: 'https://www.acmeshoes.example/sale' },
            { ...DEMO_AUTH_DATA },
          ),
      ],
      [
        'Awin link with an account lookup',
        () => run(App.creates.awin_tracking_link, { advertiserId: '1005' }, single),
      ],
      ['Find Awin Promotion', () => run(App.searches.awin_promotion, { query: 'shoes' }, single)],
      ['New Everflow Offer', () => run(App.triggers.new_everflow_offer, {}, { ...DEMO_AUTH_DATA })],
    ];
    const outcomes = await Promise.all(
      steps.map(async ([name, step]) => {
        const started = Date.now();
        try {
          await step();
          return { name, ms: Date.now() - started, error: undefined };
        } catch (error) {
          return { name, ms: Date.now() - started, error };
        }
      }),
    );
    for (const outcome of outcomes) {
      expect({ name: outcome.name, inTime: outcome.ms < ZAPIER_LIMIT_MS }).toEqual({
        name: outcome.name,
        inTime: true,
      });
      if (outcome.error !== undefined) {
        // Out of time: the step's error says what it was waiting for, in words (the slow sandbox
        // also answers Zapier's cache, so the wait may be for the network or for the cache).
        expect([outcome.name, reasonOf(outcome.error)?.kind]).toEqual([
          outcome.name,
          'out_of_time',
        ]);
        expect(userMessage(outcome.error)).toMatch(
          /^This step stopped while waiting for (\w+'s answer|Zapier's cache):/,
        );
      }
    }
  });
});
