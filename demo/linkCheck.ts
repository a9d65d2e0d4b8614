import App from '../index';
import { WEB_CASES } from '../sandbox/web';
import { type BulkLinkCheckOutput } from '../src/linkCheck/action';
import type { LinkCheckResult } from '../src/linkCheck/types';
import type { DemoContext } from './context';
import { listWithMore, plural, SHOWN } from './format';

/** Each verdict in a few plain words. */
const MEANING: Readonly<Record<string, string>> = {
  ok: 'works',
  warning: 'works, with a warning',
  wrong_destination: 'wrong site or page',
  inconclusive: 'bot wall, open it in a browser',
  broken: 'broken',
  not_tracking: 'not tracked by the network',
  too_many_redirects: 'too many redirects',
  redirect_loop: 'goes round in circles',
  timeout: 'too slow to answer',
  blocked: 'leads to a private address, never opened',
  invalid: 'not a link the checker takes',
  not_checked: 'not reached in time, run it again',
};

const meaning = (status: string): string => MEANING[status] ?? 'an unknown verdict';

/** "works: 4 · not tracked: 4 · …": how many links got each verdict, most common first. */
function verdictCounts(statuses: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const status of statuses) counts.set(status, (counts.get(status) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([status, count]) => `${meaning(status)}: ${count}`)
    .join(' · ');
}

/**
 * Link checks against the sandbox's imitation of the web (every case it knows: healthy links,
 * 404s, loops, bot walls, a redirect into a private network...). One link in full, then one link
 * of each case in bulk, each verdict in plain words. The demo connection is on, so Awin's and
 * Offerslook's APIs say whether a programme or offer is tracking at all.
 */
export async function demoLinkCheck(demo: DemoContext): Promise<void> {
  const healthy = WEB_CASES[0];
  const one = await demo.run<LinkCheckResult>(App.creates.check_tracking_link, {
    url: healthy.url,
  });
  const verdict = one.healthy ? 'it works' : `verdict "${meaning(one.status)}"`;
  demo.done(`Checked an Awin deep link by clicking it like a browser: ${verdict}.`, [
    one.reason,
    ...(one.final_url ? [`Lands on ${one.final_url}`] : []),
    ...(one.programme_status ? [`The network says: ${one.programme_status}`] : []),
  ]);

  const started = Date.now();
  const out = await demo.run<BulkLinkCheckOutput>(App.creates.check_tracking_links_batch, {
    links: WEB_CASES.map((c) => ({ url: c.url, expected_domain: c.expectedDomains?.join(', ') })),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  demo.done(
    `Checked ${plural(out.total, 'link')} in bulk, one for each case the sandbox imitates, in ` +
      `${seconds} s: ${out.healthy} work, ${out.unhealthy} need a look:`,
    [
      ...listWithMore(
        out.links,
        SHOWN,
        (row) => `Row ${row.index}: ${row.reason}`,
        (row) => !row.healthy,
      ),
      `All verdicts: ${verdictCounts(out.links.map((row) => row.status))}`,
    ],
  );

  await demo.refused(
    'Asked to check a link with a user name and password in it (refused before any request).',
    App.creates.check_tracking_link,
    { url: 'https://jane:secret@www.acmeshoes.example/' },
  );
}
