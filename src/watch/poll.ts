// One poll of "Tracking Link Stopped Working" (README "Watching links"): read the kept state,
// check the next links of the set in turn under the link checker's rules and the run's deadline,
// judge each verdict with the change rule, keep the new state, and give the latest alerts.
// Loaded only when a Zap polls it (with the link checker's engine), not when the app starts.
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { cacheGet, cacheSet } from '../core/cache';
import { Deadline } from '../core/deadline';
import { withReason } from '../core/errors';
import { invalidInput } from '../core/input';
import { runOf } from '../core/run';
import { plural } from '../core/text';
import { checkLinks, type LinkCheckRow } from '../linkCheck/bulk';
import { linkCheckBaseUrlFromEnv, LinkCheckSetupError } from '../linkCheck/check';
import { expectedDomainsFor, lookUpProgrammes } from '../linkCheck/programme';
import { LINK_STATUSES, type BulkLinkCheckResult, type LinkStatus } from '../linkCheck/types';
import { readWatchInput } from './fields';
import { alertId, type BrokenLinkAlert } from './outputs';
import { judge, type LinkMemory } from './rule';
import { dueLinks, nextPosition } from './schedule';
import { listedLinks, programmeLinks, type WatchedLink } from './sources';
import {
  EMPTY_STATE,
  KEPT_ALERTS,
  linkKey,
  WATCH_STATE_TTL_SECONDS,
  watchStateKey,
  watchStateSchema,
  type WatchState,
} from './state';

/** The longest the poll waits for its state in Zapier's cache, read or write; the checks stop this early. */
export const STATE_WAIT_MS = 3_000;

const CHECK_STATUSES: ReadonlySet<string> = new Set(LINK_STATUSES);

/** A verdict about the link itself; a row not checked (no time left) says nothing about it. */
function verdictOf(result: BulkLinkCheckResult): LinkStatus | undefined {
  return CHECK_STATUSES.has(result.status) ? (result.status as LinkStatus) : undefined;
}

function alertFor(
  link: WatchedLink,
  result: BulkLinkCheckResult,
  status: LinkStatus,
  previous: LinkMemory | undefined,
  memory: LinkMemory,
): BrokenLinkAlert {
  const brokenSince = new Date(memory.failingSince ?? memory.checkedAt).toISOString();
  return {
    id: alertId(result.url, brokenSince),
    ...result,
    status,
    network: link.network || result.network,
    previous_status: previous?.status ?? '',
    broken_since: brokenSince,
    advertiser_id: link.advertiser_id,
    advertiser_name: link.advertiser_name,
  };
}

/** The sandbox's web in tests; a test-mode address off this machine stops the poll before any request. */
function checkerBaseUrl(z: ZObject): string | undefined {
  try {
    return linkCheckBaseUrlFromEnv();
  } catch (error) {
    if (error instanceof LinkCheckSetupError) {
      throw withReason(invalidInput(z, error.message), error.reason);
    }
    throw error;
  }
}

/** Each link once, in the set's order (a network may list one link for two programmes). */
function distinct(links: readonly WatchedLink[]): WatchedLink[] {
  const seen = new Set<string>();
  return links.filter((link) => !seen.has(link.url) && seen.add(link.url));
}

/**
 * The state after this poll's checks: each verdict judged by the change rule, the links no longer
 * in the set forgotten (only when the whole set was read: a network that could not be asked keeps
 * what was known of its links), the position moved on, new alerts first. A link not checked (no
 * time left) keeps what was known of it.
 */
function advance(
  state: WatchState,
  set: { links: readonly WatchedLink[]; complete: boolean },
  due: readonly number[],
  results: readonly BulkLinkCheckResult[],
  now: number,
): { next: WatchState; done: number } {
  const { links } = set;
  const remembered: Record<string, LinkMemory> = set.complete ? {} : { ...state.links };
  for (const link of links) {
    const memory = state.links[linkKey(link.url)];
    if (memory) remembered[linkKey(link.url)] = memory;
  }
  const fresh: BrokenLinkAlert[] = [];
  const checked = results.map((result, i) => {
    const status = verdictOf(result);
    if (status === undefined) return false;
    const link = links[due[i]];
    const previous = state.links[linkKey(link.url)];
    const { memory, fires } = judge(previous, status, now);
    remembered[linkKey(link.url)] = memory;
    if (fires) fresh.push(alertFor(link, result, status, previous, memory));
    return true;
  });
  const next: WatchState = {
    position: nextPosition(due, checked, state.position, links.length),
    links: remembered,
    alerts: [...fresh, ...state.alerts].slice(0, KEPT_ALERTS),
  };
  return { next, done: checked.filter(Boolean).length };
}

/**
 * One poll: the latest alerts, newest first (Zapier fires each `id` once). A poll's new alerts are
 * given only once the state that records them is kept: when z.cache refuses or fails the write,
 * the next poll checks those links again instead, and nothing fires twice.
 */
export async function pollBrokenLinks(z: ZObject, bundle: Bundle): Promise<BrokenLinkAlert[]> {
  const run = runOf(z, bundle);
  const input = readWatchInput(z, bundle.inputData);
  const baseUrl = checkerBaseUrl(z);
  const set = input.source === 'list' ? listedLinks(input.links) : await programmeLinks(z, bundle);
  const links = distinct(set.links);
  if (links.length === 0) {
    if (set.complete) {
      run.logOnce('Watching links: your connected networks list no programme links to watch.');
    }
    return [];
  }

  const key = watchStateKey(bundle, input);
  const read = await cacheGet(z, key, { capMs: STATE_WAIT_MS });
  if (read.status === 'failed') {
    // Checking without knowing what was seen before could only repeat alerts or miss breaks.
    z.console.log(
      "Watching links: Zapier's cache could not be read, so no link was checked this time; the " +
        'next poll goes on where the last one stopped.',
    );
    return [];
  }
  const kept = watchStateSchema.safeParse(read.value);
  const state: WatchState = kept.success ? kept.data : EMPTY_STATE;
  const now = run.clock.now();
  const lastChecked = links.map((link) => state.links[linkKey(link.url)]?.checkedAt);
  const due = dueLinks(lastChecked, state.position, now);
  if (due.length === 0) return state.alerts;

  // The checks stop in time to keep what they found.
  const checkUntil = new Deadline(run.deadline.at - STATE_WAIT_MS, run.clock);
  const urls = due.map((at) => links[at].url);
  const facts = await lookUpProgrammes(z, bundle, urls);
  const rows: LinkCheckRow[] = urls.map((url, i) => ({
    url,
    programme: facts.links[i].programme,
    expectedDomains: expectedDomainsFor(
      url,
      input.expectedDomains,
      facts.links[i],
      facts.networkDomains,
    ),
  }));
  const results = await checkLinks(rows, {
    device: input.device,
    deadline: checkUntil,
    baseUrl,
    networkDomains: facts.networkDomains,
  });

  const { next, done } = advance(state, { links, complete: set.complete }, due, results, now);
  const write = await cacheSet(z, key, next, WATCH_STATE_TTL_SECONDS, { capMs: STATE_WAIT_MS });
  if (write.status !== 'done') {
    z.console.log(
      `Watching links: checked ${plural(done, 'link')}, but Zapier's cache ` +
        `${write.status === 'refused' ? 'refused to keep' : 'could not keep'} what they showed, so the ` +
        'next poll checks them again before any alert is given.',
    );
    return state.alerts;
  }
  if (done < due.length) {
    z.console.log(
      `Watching links: ${plural(due.length - done, 'link was', 'links were')} not reached before ` +
        'the time Zapier allows a poll ran out; the next poll checks them first.',
    );
  }
  return next.alerts;
}
