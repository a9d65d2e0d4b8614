// What the connected networks' APIs say about the links of one run (README "Checking links":
// Programme status, Expected domain). Each network says how (its `linkCheck.programmes`, through
// the registry): which lists to read and what they say about a link. Each list is read at most
// once per run and kept in z.cache, never once per link; when a network cannot be asked the status
// is `unknown` and the check goes on.
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';
import {
  connectedNetworks,
  connectionParts,
  NETWORKS,
  type NetworkId,
} from '../connection/registry';
import { hashedCacheKey, readThrough } from '../core/cache';
import { type Deadline } from '../core/deadline';
import { reasonOf, userMessage } from '../core/errors';
import {
  isLacking,
  NO_FACTS,
  type Call,
  type LinkFacts,
  type Lookups,
  type ProgrammeLookup,
} from '../core/network';
import { runOf } from '../core/run';
import { detectNetwork, inferExpectedFromLink } from './network';
import type { NetworkDomains } from './types';

export type { LinkFacts };

/** How long a network's list stays in z.cache: the next runs in that time do not read it again. */
const PROGRAMME_TTL_SECONDS = 15 * 60;
/** The longest the look-ups of one run may take, cache included; what is not known by then is `unknown`. */
const PROGRAMME_LOOKUP_MS = 6_000;

/** What the APIs say about the links of a run, one entry per link in order. */
export interface RunFacts {
  /** Tracking domains of connected networks (they count as that network's own hosts). */
  networkDomains: NetworkDomains;
  links: LinkFacts[];
}

/**
 * The z.cache key of one list for one connection: a hash of the network's connection fields, its
 * API address and what the list is of. The credentials themselves never appear in it.
 */
function programmeCacheKey(
  network: NetworkId,
  authData: Record<string, unknown>,
  ...what: (string | number)[]
): string {
  return hashedCacheKey(`linkcheck:v2:${network}`, [
    ...connectionParts(network, authData),
    ...what,
  ]);
}

/**
 * One list of one network for this connection, read at most once per run (the link checks and the
 * watch of one poll share it) and from z.cache while a recent run's copy is there; `load` reads it
 * from the network. A failed read is not kept, so a later part of the run may ask again. `what`
 * names the list in the log when it cannot be kept.
 */
export function readRunList<T>(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  parts: readonly (string | number)[],
  schema: zod.ZodType<T>,
  load: () => Promise<T>,
  what?: string,
): Promise<T> {
  const key = programmeCacheKey(network, bundle.authData, ...parts);
  return runOf(z).once(key, () => readThrough(z, key, PROGRAMME_TTL_SECONDS, schema, load, what));
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

/** The look-ups' time is up, or they were given up: nothing more is asked. */
class TimeUp extends Error {}

/**
 * The lists of one run's look-ups, for one network: each read at most once (and from z.cache when
 * a recent run read it), the whole read (cache read, calls, cache write) inside the look-ups' time.
 */
class RunLookups {
  private readonly memo = new Map<string, Promise<unknown>>();
  private givenUp = false;

  constructor(
    private readonly z: ZObject,
    private readonly bundle: Bundle,
    /** The look-ups' own deadline: the run's, or PROGRAMME_LOOKUP_MS from the start if sooner. */
    private readonly until: Deadline,
  ) {}

  /** After this, no call starts and nothing is written to the cache: the step has its answer. */
  giveUp(): void {
    this.givenUp = true;
  }

  private readonly call: Call = (request) => {
    if (this.givenUp || this.until.expired) return Promise.reject(new TimeUp());
    return request();
  };

  for(network: NetworkId): Lookups {
    return {
      z: this.z,
      bundle: this.bundle,
      list: (what, parts, schema, read) => this.list(network, what, parts, schema, read),
    };
  }

  private list<T>(
    network: NetworkId,
    what: string,
    parts: readonly (string | number)[],
    schema: zod.ZodType<T>,
    read: (call: Call) => Promise<T>,
  ): Promise<T | undefined> {
    const key = programmeCacheKey(network, this.bundle.authData, ...parts);
    let promise = this.memo.get(key) as Promise<T | undefined> | undefined;
    if (!promise) {
      promise = this.fetch(network, what, parts, schema, read);
      this.memo.set(key, promise);
    }
    return promise;
  }

  private async fetch<T>(
    network: NetworkId,
    what: string,
    parts: readonly (string | number)[],
    schema: zod.ZodType<T>,
    read: (call: Call) => Promise<T>,
  ): Promise<T | undefined> {
    const work = readRunList(this.z, this.bundle, network, parts, schema, async () => {
      const value = await read(this.call);
      // Read too late: the step went on without it, so it is not kept either.
      if (this.givenUp || this.until.expired) throw new TimeUp();
      return value;
    });
    try {
      return await runOf(this.z).bounded(work, what, {
        capMs: this.until.remainingMs(),
        late: () => new TimeUp(),
      });
    } catch (error) {
      const why =
        error instanceof TimeUp
          ? 'no answer in the time a link check allows for it'
          : reasonOf(error)?.kind === 'throttled'
            ? 'the network is limiting requests right now'
            : userMessage(error).split('\nWhat happened:')[0];
      this.z.console.log(`Link check: could not read ${what}, so its status is unknown (${why}).`);
      return undefined;
    }
  }
}

export interface ProgrammeLookupOptions {
  /** The look-ups' cap, PROGRAMME_LOOKUP_MS unless a test says otherwise. */
  capMs?: number;
}

/**
 * What the connected networks' APIs say about each link (in order): its programme or offer status
 * and where it should land, plus the networks' tracking domains. Never throws for a network that
 * cannot be asked: its links get `unknown`. Without a connected network nothing is asked. Takes at
 * most its cap (and never past the run's deadline), z.cache included; once it has returned, no
 * network call of it starts any more.
 */
export async function lookUpProgrammes(
  z: ZObject,
  bundle: Bundle,
  urls: readonly string[],
  options: ProgrammeLookupOptions = {},
): Promise<RunFacts> {
  const lookups = new RunLookups(
    z,
    bundle,
    runOf(z).deadline.within(options.capMs ?? PROGRAMME_LOOKUP_MS),
  );
  try {
    return await factsOf(lookups, bundle, urls.map(parseUrl));
  } finally {
    lookups.giveUp();
  }
}

async function factsOf(
  lookups: RunLookups,
  bundle: Bundle,
  parsed: readonly (URL | undefined)[],
): Promise<RunFacts> {
  const connected = new Set(connectedNetworks(bundle.authData));
  const asked = new Map<NetworkId, ProgrammeLookup>();
  for (const network of NETWORKS) {
    const { programmes } = network.linkCheck;
    if (connected.has(network.id) && !isLacking(programmes)) asked.set(network.id, programmes);
  }

  // A network's links can sit on domains of the account's own (vanity tracking domains): when a
  // link is not plainly another network's, those are read first, so every link is told apart.
  const networkDomains: NetworkDomains = {};
  await Promise.all(
    [...asked].map(async ([network, programmes]) => {
      if (isLacking(programmes.trackingHosts)) return;
      const mayMatter = parsed.some(
        (url) => url !== undefined && ['', network].includes(detectNetwork(url)),
      );
      if (!mayMatter) return;
      const hosts = await programmes.trackingHosts(lookups.for(network));
      if (hosts) networkDomains[network] = hosts;
    }),
  );

  const links = await Promise.all(
    parsed.map(async (url): Promise<LinkFacts> => {
      if (!url) return NO_FACTS;
      const network = detectNetwork(url, networkDomains);
      const programmes = network === '' ? undefined : asked.get(network);
      if (network === '' || !programmes) return NO_FACTS;
      return programmes.facts(lookups.for(network), url);
    }),
  );
  return { networkDomains, links };
}

/**
 * The expected landing domains of a link: those the user gave, else those the link names itself
 * (its deep-link page: left to the checker), else those its network's API gives.
 */
export function expectedDomainsFor(
  url: string,
  given: readonly string[],
  facts: LinkFacts,
  networkDomains: NetworkDomains,
): string[] | undefined {
  if (given.length > 0) return [...given];
  if (inferExpectedFromLink(url, networkDomains).length > 0) return undefined;
  return facts.domains.length > 0 ? facts.domains : undefined;
}
