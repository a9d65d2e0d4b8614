import {
  DEMO_AUTH_DATA,
  DEMO_EVERFLOW_PARTNER_KEY,
  DEMO_IMPACT_AUTH_DATA,
} from '../../sandbox/credentials';
import { startSandbox, type Sandbox, type SandboxCall } from '../../sandbox/server';
import { manyWorkingLinks, setWebSwitch, SOLD_OUT_SWITCH, WATCH_LINKS } from '../../sandbox/web';
import { type BrokenLinkAlert } from '../../src/watch/outputs';
import { CHECKS_PER_POLL, RECHECK_AFTER_MS } from '../../src/watch/schedule';
import { sampleMismatches } from '../support/sampleShape';

type Core = typeof import('zapier-platform-core');
type AppDefinition = typeof import('../../index').default;
type Tester = ReturnType<Core['createAppTester']> & { zcacheTestObj?: unknown };

/**
 * "Tracking Link Stopped Working" poll after poll through Zapier's runtime, against the sandbox:
 * its imitation of the web (a link that breaks and recovers at the flip of a switch, one whose
 * server is slow on every other visit) and of Zapier's cache, where the watch keeps its state
 * between polls with real expiry. zapier-platform-core reads ZAPIER_BASE_ENDPOINT when it loads,
 * so this file loads its own copy once the sandbox is up.
 */
jest.setTimeout(180_000);

let sandbox: Sandbox;
let tester: Tester;
let App: AppDefinition;
const saved = { ...process.env };

beforeAll(async () => {
  // A little latency on every answer, so that requests overlap and the per-host limit is real.
  sandbox = await startSandbox({ latencyMs: 25, platformLatencyMs: 5, awinCallsPerMinute: 1000 });
  Object.assign(process.env, sandbox.env);
  await jest.isolateModulesAsync(async () => {
    const core: Core = await import('zapier-platform-core');
    App = (await import('../../index')).default;
    tester = core.createAppTester(App);
    tester.zcacheTestObj = undefined; // z.cache goes to the sandbox, with real ttl and set-if-absent
  });
});
afterAll(async () => {
  process.env = saved;
  await sandbox.close();
});

/** The clock moves on between polls (a link is checked at most once an hour). */
let offset = 0;
const realNow = Date.now.bind(Date);
beforeEach(() => {
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
});
afterEach(() => jest.restoreAllMocks());
const anHourLater = () => {
  offset += RECHECK_AFTER_MS;
};

const poll = async (inputData: Record<string, unknown>, authData: Record<string, string>) => {
  const operation = App.triggers.tracking_link_broken.operation as { perform: unknown };
  return (await tester(operation.perform as Parameters<Tester>[0], {
    inputData,
    authData,
  })) as BrokenLinkAlert[];
};

/** Zapier's dedupe: an item fires the first time its id is seen, except on the Zap's first poll. */
function zapierDedupe() {
  const seen = new Set<string>();
  let first = true;
  return (items: readonly BrokenLinkAlert[]): BrokenLinkAlert[] => {
    const fresh = items.filter((item) => !seen.has(item.id));
    for (const item of items) seen.add(item.id);
    const fired = first ? [] : fresh;
    first = false;
    return fired;
  };
}

const webCalls = (): SandboxCall[] => sandbox.calls.filter((call) => call.network === 'web');
/** The watched links a poll clicked: the first hop of each check, on Awin's click server. */
const clicked = (): string[] =>
  webCalls()
    .filter((call) => call.path.startsWith('/https/www.awin1.com/'))
    .map((call) => `https://${call.path.slice('/https/'.length)}`);

describe('a link that breaks, recovers and breaks again', () => {
  const links = [...WATCH_LINKS.steady, WATCH_LINKS.breaks, WATCH_LINKS.hiccup];
  const input = { source: 'list', links: links.join('\n') };

  it('fires twice, once per break; a slow moment or a warning never fires', async () => {
    const fire = zapierDedupe();
    const fired: BrokenLinkAlert[][] = [];
    const programmeReads: number[] = [];
    const step = async (before?: () => Promise<void>) => {
      anHourLater();
      await before?.();
      sandbox.resetCalls();
      const items = await poll(input, { ...DEMO_AUTH_DATA });
      expect(clicked().sort()).toEqual([...links].sort());
      programmeReads.push(
        sandbox.calls.filter((call) => call.network === 'awin' && call.path.includes('programmes'))
          .length,
      );
      fired.push(fire(items));
      // The state went to (and came from) the sandbox's imitation of Zapier's cache.
      expect(sandbox.calls.filter((call) => call.network === 'zapier').length).toBeGreaterThan(1);
      return items;
    };

    await step(); // the Zap is turned on: everything works, the slow page times out once
    const broke = await step(() =>
      setWebSwitch(sandbox.env.LINK_CHECK_BASE_URL, SOLD_OUT_SWITCH, true),
    );
    await step(); // still broken
    await step(() => setWebSwitch(sandbox.env.LINK_CHECK_BASE_URL, SOLD_OUT_SWITCH, false));
    await step(() => setWebSwitch(sandbox.env.LINK_CHECK_BASE_URL, SOLD_OUT_SWITCH, true));

    expect(fired.map((alerts) => alerts.map((alert) => alert.url))).toEqual([
      [],
      [WATCH_LINKS.breaks],
      [],
      [],
      [WATCH_LINKS.breaks],
    ]);
    const [first, second] = [fired[1][0], fired[4][0]];
    expect(first.id).not.toBe(second.id);
    for (const alert of [first, second]) {
      expect(alert).toMatchObject({
        status: 'broken',
        healthy: false,
        final_status: 404,
        previous_status: 'ok',
        network: 'awin',
        programme_status: 'joined, link status Active',
        id: `${WATCH_LINKS.breaks} @ ${alert.broken_since}`,
      });
    }
    expect(broke[0]).toEqual(first);
    // The Awin programme list is read at most once a poll (the lists are kept 15 minutes, and
    // the polls here are an hour apart).
    expect(Math.max(...programmeReads)).toBeLessThanOrEqual(1);

    // The static sample has the real output's keys and types (the listed links name no
    // advertiser: that comes with the programmes source).
    const sample = App.triggers.tracking_link_broken.operation.sample as Record<string, unknown>;
    expect(sampleMismatches(sample, first)).toEqual(['advertiser_id: sample number, real null']);
  });
});

describe('your programmes', () => {
  const partner = {
    ...DEMO_AUTH_DATA,
    ...DEMO_IMPACT_AUTH_DATA,
    everflow_api_key: DEMO_EVERFLOW_PARTNER_KEY,
    everflow_api_type: 'affiliate',
  };
  /** The programme lists read from the networks' APIs, as "network path" without the query. */
  const listReads = () =>
    sandbox.calls
      .filter((call) => ['awin', 'everflow', 'offerslook', 'impact'].includes(call.network))
      .map((call) => `${call.network} ${call.path.split('?')[0]}`);

  /** The programme links a poll clicked: the first hop of each check, on a network's click host. */
  const programmeClicks = () =>
    webCalls()
      .map((call) => call.path)
      .filter((path) =>
        /^\/https\/(www\.awin1\.com\/awclick\.php|www\.acmetrk\.example\/|track\.demo-offers\.example\/index\.php|[^/]+\/c\/\d+\/\d+\/\d+)/.test(
          path,
        ),
      );

  it("watches every programme's default link, each list read once a poll and then kept", async () => {
    anHourLater();
    sandbox.resetCalls();
    const first = await poll({}, partner);
    const clickedFirst = programmeClicks();
    expect(new Set(clickedFirst).size).toBe(20);
    // One read of each list, shared by the watch and the checks' programme look-ups.
    expect(listReads().sort()).toEqual([
      'awin /publishers/100001/programmes',
      'everflow /affiliates/offersrunnable',
      'impact /Mediapartners/IRdemo5aNdB0x1/Campaigns',
      'offerslook /demo/aff/v1/batches/offers',
      expect.stringMatching(/^offerslook \/demo\/aff\/v1\/batches\/offers\/tracking_links\//),
    ]);
    expect(
      clicked().length + webCalls().filter((c) => c.path.includes('/acmetrk.')).length,
    ).toBeGreaterThan(0);
    const checkedFirst = webCalls().filter((call) => !call.path.includes('?') || true).length;
    expect(checkedFirst).toBeGreaterThan(0);

    // Every alert names its network and programme, as the list gave them.
    expect(first.length).toBeGreaterThan(0);
    for (const alert of first) {
      expect(alert.advertiser_id).toEqual(expect.any(Number));
      expect(alert.advertiser_name).not.toBe('');
      expect(['awin', 'everflow', 'offerslook', 'impact']).toContain(alert.network);
      expect(alert.previous_status).toBe('');
    }
    const awin = first.find((alert) => alert.network === 'awin');
    expect(awin).toMatchObject({
      url: `https://www.awin1.com/awclick.php?mid=${awin?.advertiser_id}&id=100001`,
    });
    const sample = App.triggers.tracking_link_broken.operation.sample as Record<string, unknown>;
    expect(sampleMismatches(sample, first[0])).toEqual([]);

    // Ten minutes later: the lists come from Zapier's cache (kept 15 minutes), the round robin
    // goes on with the links not checked yet.
    offset += 10 * 60 * 1000;
    sandbox.resetCalls();
    const second = await poll({}, partner);
    expect(listReads()).toEqual([]);
    const clickedSecond = programmeClicks();
    expect(clickedSecond.length).toBeGreaterThan(0);
    expect(clickedSecond.filter((path) => clickedFirst.includes(path))).toEqual([]);
    expect(second.slice(second.length - first.length)).toEqual(first);
  });
});

describe('500 links in a list', () => {
  const links = manyWorkingLinks(500);
  const input = { source: 'list', links: links.join('\n') };

  it('are all checked within 25 polls, 20 a poll, at most 4 requests at a time to one host', async () => {
    anHourLater();
    sandbox.resetCalls();
    const perPoll: number[] = [];
    for (let i = 0; i < Math.ceil(links.length / CHECKS_PER_POLL); i++) {
      const before = webCalls().length;
      expect(await poll(input, {})).toEqual([]);
      const calls = webCalls().slice(before);
      // Every due link of the poll was checked before its deadline (none left "not checked").
      perPoll.push(calls.filter((call) => call.path.startsWith('/https/www.awin1.com/')).length);
    }
    expect(perPoll).toEqual(new Array(25).fill(CHECKS_PER_POLL));
    expect(new Set(clicked())).toEqual(new Set(links));

    // Counted at the sandbox: requests in flight at once, per host of the web.
    const peaks = peakPerHost(webCalls());
    expect(Object.keys(peaks).sort()).toEqual(['www.acmeshoes.example', 'www.awin1.com']);
    for (const peak of Object.values(peaks)) {
      expect(peak).toBeLessThanOrEqual(4);
      expect(peak).toBeGreaterThan(1); // the checks did run side by side
    }

    // A 26th poll within the hour checks nothing again.
    sandbox.resetCalls();
    expect(await poll(input, {})).toEqual([]);
    expect(webCalls()).toEqual([]);
  });
});

/** The most requests each web host had in flight at once, from the sandbox's call log. */
function peakPerHost(calls: readonly SandboxCall[]): Record<string, number> {
  const events = new Map<string, [number, number][]>();
  for (const call of calls) {
    const host = call.path.split('/')[2];
    const list = events.get(host) ?? [];
    // An answer sent at the same moment as the next request arrives is over before it.
    list.push([call.at, 1], [call.answeredAt ?? Infinity, -1]);
    events.set(host, list);
  }
  return Object.fromEntries(
    [...events].map(([host, list]) => {
      list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      let now = 0;
      let peak = 0;
      for (const [, change] of list) {
        now += change;
        peak = Math.max(peak, now);
      }
      return [host, peak];
    }),
  );
}
