import App from '../index';
import { WEB_CASES } from '../sandbox/web';
import { type BulkLinkCheckOutput } from '../src/linkCheck/action';
import type { DemoContext } from './context';

/** What each verdict means, in the words the README uses. */
const MEANING: Readonly<Record<string, string>> = {
  ok: 'the link works',
  warning: 'it works, but something on the way is off',
  wrong_destination: 'it lands on the wrong site or page',
  inconclusive: 'a bot wall answered: open it in a browser',
  broken: 'visitors get an error, or the network’s own page',
  not_tracking: 'the network says clicks on it are not tracked',
  too_many_redirects: 'more redirects than a browser follows',
  redirect_loop: 'it goes round in circles',
  timeout: 'a step was too slow to answer',
  blocked: 'it leads to a private address, never opened',
  invalid: 'not a link the checker takes',
  not_checked: 'not reached in this run: run it again',
};

/**
 * Link checks against the sandbox's imitation of the web (every case it knows: healthy links,
 * 404s, loops, bot walls, a redirect into a private network...). One link in full, then one link
 * of each case in bulk, each verdict in plain words. The demo connection is on, so Awin's and
 * Offerslook's APIs say whether a programme or offer is tracking at all.
 */
export async function demoLinkCheck(demo: DemoContext): Promise<void> {
  const healthy = WEB_CASES[0];
  demo.step(
    `Check Tracking Link (${healthy.description})`,
    await demo.run(App.creates.check_tracking_link, { url: healthy.url }),
  );

  const started = Date.now();
  const out = await demo.run<BulkLinkCheckOutput>(App.creates.check_tracking_links_batch, {
    links: WEB_CASES.map((c) => ({ url: c.url, expected_domain: c.expectedDomains?.join(', ') })),
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `\n  Check Tracking Links in Bulk: ${out.total} links (one per sandbox case) in ${seconds} s, ` +
      `${out.healthy} healthy, ${out.unhealthy} not`,
  );
  for (const row of out.links) {
    const c = WEB_CASES[row.index - 1];
    console.log(
      `\n    ${row.index}. ${c.name}: ${row.status} (${MEANING[row.status] ?? row.status})`,
    );
    console.log(`       ${row.reason}`);
  }

  await demo.refused(
    'Check Tracking Link with a link that has a password in it (refused before any request)',
    App.creates.check_tracking_link,
    { url: 'https://jane:secret@www.acmeshoes.example/' },
  );
}
