import App from '../index';
import { setWebSwitch, SOLD_OUT_SWITCH, WATCH_LINKS } from '../sandbox/web';
import { type BrokenLinkAlert } from '../src/watch/outputs';
import { RECHECK_AFTER_MS } from '../src/watch/schedule';
import type { DemoContext } from './context';
import { plural } from './format';

/**
 * Runs `work` with the clock an hour on: a watch checks a link at most once an hour, and the tour
 * cannot wait that long. Everything reads the moved clock (the app, the sandbox and its cache).
 */
async function anHourLater<T>(work: () => Promise<T>): Promise<T> {
  const realNow = Date.now;
  Date.now = () => realNow() + RECHECK_AFTER_MS;
  try {
    return await work();
  } finally {
    Date.now = realNow;
  }
}

/**
 * Tracking Link Stopped Working over a list of links the sandbox's web knows: they all work on the
 * first poll (one shop page is too slow once, which is not called broken), then a product sells
 * out, and the next poll, an hour later, gives the one alert. The watch keeps what it saw between
 * polls in the sandbox's imitation of Zapier's cache.
 */
export async function demoWatch(demo: DemoContext): Promise<void> {
  const links = [...WATCH_LINKS.steady, WATCH_LINKS.breaks, WATCH_LINKS.hiccup];
  const input = { source: 'list', links: links.join('\n') };
  const trigger = App.triggers.tracking_link_broken;

  const first = await demo.run<BrokenLinkAlert[]>(trigger, input);
  demo.done(
    `Polled "Tracking Link Stopped Working" on a list of ${plural(links.length, 'link')}: ` +
      `${plural(first.length, 'alert')}.`,
    [
      'Each link was clicked once; the flash-sale page was too slow to answer this time, and one ' +
        'slow answer is not called broken (two in a row are).',
    ],
  );

  const web = process.env.LINK_CHECK_BASE_URL;
  if (!web) throw new Error('LINK_CHECK_BASE_URL is not set: the sandbox is not running');
  await setWebSwitch(web, SOLD_OUT_SWITCH, true);

  const second = await anHourLater(() => demo.run<BrokenLinkAlert[]>(trigger, input));
  const seen = new Set(first.map((alert) => alert.id));
  const fired = second.filter((alert) => !seen.has(alert.id));
  demo.done(
    'The shop sold out the Summer Sandal. An hour later (the tour moves its clock on: a link is ' +
      `checked at most once an hour), the next poll fired ${plural(fired.length, 'alert')}:`,
    fired.flatMap((alert) => [
      `${alert.status} since ${alert.broken_since} (it was ${alert.previous_status || 'not checked'} before): ${alert.reason}`,
      `Link: ${alert.url}`,
      ...(alert.programme_status ? [`The network says: ${alert.programme_status}`] : []),
    ]),
  );
}
