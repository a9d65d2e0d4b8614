// The set of links a Zap watches (README "Watching links"): the links the user lists, or the
// default tracking link of every programme of the connection, which each connected network gives
// (its `watch.programmeLinks`, through the registry) from the lists it reads anyway.
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { DIRECTORY_TTL_SECONDS, directoryCacheKey } from '../anyUrl/directory';
import {
  connectedNetworks,
  NETWORK_LABELS,
  networkById,
  type NetworkId,
} from '../connection/registry';
import { readThrough } from '../core/cache';
import { type Deadline } from '../core/deadline';
import { reasonOf, userMessage } from '../core/errors';
import { isLacking, type Call, type Keep, type Lookups, type ProgrammeLink } from '../core/network';
import { runOf } from '../core/run';
import { LinkCheckInputError, parseLinkToCheck } from '../linkCheck/input';
import { readRunList } from '../linkCheck/programme';

/** One watched link, and whose it is when its network's programme list says so. */
export interface WatchedLink {
  url: string;
  /** The network whose programme the link is ('' for a listed link: the check says). */
  network: string;
  advertiser_id: number | null;
  advertiser_name: string;
}

/** The watched set of one poll. */
export interface WatchedSet {
  links: WatchedLink[];
  /** False when a network's list could not be read this poll: its links are missing from `links`. */
  complete: boolean;
}

/** The listed links (already read and checked), in the user's order. */
export function listedLinks(urls: readonly string[]): WatchedSet {
  return {
    links: urls.map((url) => ({ url, network: '', advertiser_id: null, advertiser_name: '' })),
    complete: true,
  };
}

/** The longest reading the programme lists may take in a poll, cache included: the checks need the rest. */
const PROGRAMME_LINKS_MS = 8_000;

/** Failures the user must act on stop the poll; anything else only leaves the network out of it. */
const STOPS_THE_POLL = new Set(['auth', 'forbidden', 'invalid_input', 'connection']);

/** The look-ups' time is up: nothing more is asked. */
class TimeUp extends Error {}

/** How long the lists may be read, and whether the poll went on without them: no call starts then. */
interface Reading {
  deadline: Deadline;
  over(): boolean;
}

/**
 * A network's lists as link checks read them (the same z.cache entries, each read at most once a
 * run), so that the checks of this poll find them already read. A failure is thrown, not hidden:
 * the watch decides what it does.
 */
function lookupsFor(z: ZObject, bundle: Bundle, network: NetworkId, until: Reading): Lookups {
  const call: Call = (request) => (until.over() ? Promise.reject(new TimeUp()) : request());
  return {
    z,
    bundle,
    list: (what, parts, schema, read) =>
      readRunList(z, bundle, network, parts, schema, () => read(call), what),
  };
}

/** A network's links for the watch: `undefined` when its lists could not be read this poll. */
async function networkLinks(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  until: Reading,
): Promise<WatchedLink[] | undefined> {
  const { watch, anyUrl } = networkById(network);
  const label = NETWORK_LABELS[network];
  const lookups = lookupsFor(z, bundle, network, until);
  // The accounts a credential reaches, as any-URL reads them (and from the same cache entry).
  const accountsKey = directoryCacheKey(network, bundle.authData);
  const keep: Keep = (what, schema, load) =>
    readThrough(z, `${accountsKey}:${what}`, DIRECTORY_TTL_SECONDS, schema, load);
  const read = async (): Promise<WatchedLink[] | undefined> => {
    const accounts = anyUrl.accounts
      ? await anyUrl.accounts.list(z, bundle, undefined, keep)
      : [null];
    const lists = await Promise.all(
      accounts.map((account) => watch.programmeLinks(lookups, account)),
    );
    const lacking = lists.find((list) => list !== undefined && isLacking(list));
    if (lacking !== undefined && isLacking(lacking)) {
      runOf(z).logOnce(`Watching links: no ${label} links are watched. ${lacking.lacking}`);
      return [];
    }
    if (lists.some((list) => list === undefined)) return undefined;
    return lists.flatMap((list) =>
      list === undefined || isLacking(list)
        ? []
        : [...list].sort((a, b) => a.id - b.id).flatMap(asWatched(network)),
    );
  };
  let links: WatchedLink[] | undefined;
  let why = 'no answer in the time a poll allows for it';
  try {
    links = await runOf(z).bounded(read(), `the ${label} programme list`, {
      capMs: until.deadline.remainingMs(),
      network: label,
      late: () => new TimeUp(),
    });
  } catch (error) {
    if (STOPS_THE_POLL.has(reasonOf(error)?.kind ?? '')) throw error;
    if (!(error instanceof TimeUp)) why = userMessage(error).split('\nWhat happened:')[0];
  }
  if (links === undefined) {
    z.console.log(
      `Watching links: could not read your ${label} programmes, so their links are not checked ` +
        `this time (${why}).`,
    );
  }
  return links;
}

/** A programme's link as a watched link; none when the network gives no link the checker takes. */
function asWatched(network: NetworkId) {
  return (programme: ProgrammeLink): WatchedLink[] => {
    if (programme.url === null) return [];
    try {
      parseLinkToCheck(programme.url);
    } catch (error) {
      if (error instanceof LinkCheckInputError) return [];
      throw error;
    }
    return [
      {
        url: programme.url.trim(),
        network,
        advertiser_id: programme.id,
        advertiser_name: programme.name,
      },
    ];
  };
}

/**
 * The default tracking link of every programme of the connection, in registry order: every joined
 * Awin programme (each publisher account), every Everflow offer the partner key can run, every
 * visible Offerslook offer (and, as networks join the registry, theirs). Each list is read at most
 * once per poll (the checks that follow find it read) and kept in z.cache for 15 minutes.
 */
export async function programmeLinks(z: ZObject, bundle: Bundle): Promise<WatchedSet> {
  const deadline = runOf(z).deadline.within(PROGRAMME_LINKS_MS);
  let done = false;
  const reading: Reading = { deadline, over: () => done || deadline.expired };
  const networks = connectedNetworks(bundle.authData);
  try {
    // Every network's read ends (each is bounded) before the poll goes on or stops.
    const settled = await Promise.allSettled(
      networks.map((network) => networkLinks(z, bundle, network, reading)),
    );
    const stopped = settled.find((outcome) => outcome.status === 'rejected');
    if (stopped) throw stopped.reason;
    const sets = settled.map((outcome) =>
      outcome.status === 'fulfilled' ? outcome.value : undefined,
    );
    return {
      links: sets.flatMap((set) => set ?? []),
      complete: sets.every((set) => set !== undefined),
    };
  } finally {
    done = true;
  }
}
