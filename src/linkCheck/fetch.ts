// Following a link hop by hop like a browser without JavaScript (api/link-checking.md): before
// every request the host and port are vetted, the name resolved and every address vetted, then the
// request goes to a vetted address. Redirects are followed here, never by the HTTP client.
import { type Deadline } from '../core/deadline';
import dns from 'node:dns';

import {
  type AddressVetter,
  isIpLiteral,
  type PortVetter,
  vetAddress,
  vetPort,
  vetUrlHost,
} from './address';
import { CookieJar } from './cookies';
import { type FailureKind, type HopOutcome, type HopRequest, sendHop } from './http';
import { findMetaRefresh, hasJavaScriptRedirect } from './page';
import type { Device, HostGate, ResolvedAddress, Resolver } from './types';

/** Most redirects followed in one chain; the next one is `too_many_redirects` and is not requested. */
export const MAX_REDIRECTS = 10;
/** Longest wait for one hop. */
export const HOP_TIMEOUT_MS = 5_000;
/**
 * Longest wait to connect to one address when the name has more to try: a browser moves on from an
 * address that does not answer too. The last address may take what is left of the hop.
 */
export const CONNECT_ATTEMPT_MS = 2_000;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

// Current stable browsers; sites turn away requests that do not look like one.
const USER_AGENTS: Readonly<Record<Device, string>> = {
  desktop:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/126.0.0.0 Safari/537.36',
  mobile:
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) ' +
    'Chrome/126.0.0.0 Mobile Safari/537.36',
};

/** One response of the chain. */
export interface Hop {
  url: string;
  status: number;
  /** How this response sent the browser on: by HTTP redirect, by meta refresh, or not at all. */
  via: 'redirect' | 'meta' | 'final';
}

/** Why the chain stopped. */
export type ChainEnd =
  /** The last hop is a page that answered (any status) and sent nobody further. */
  | { kind: 'answered'; javascriptRedirect: boolean }
  /** The last hop handed over to something that is not a web page (`market:`, `itms-apps:`...). */
  | { kind: 'app'; target: string }
  /** A redirect without `Location`, or with one that is no address at all. */
  | { kind: 'bad_redirect'; location: string | undefined }
  /** `rule` says what was refused: the address (or name) of the host, or its port. */
  | { kind: 'blocked'; url: string; reason: string; rule: BlockRule }
  | { kind: 'timeout'; url: string; limit: 'hop' | 'check' }
  | { kind: 'loop'; url: string }
  | { kind: 'too_many'; url: string }
  | { kind: 'failed'; url: string; failure: FailureKind; detail: string };

/** What a blocked hop was refused for. */
export type BlockRule = 'address' | 'port';

export interface Chain {
  hops: Hop[];
  /** Redirects followed: moves to a next URL that was then tried (a refused one is not followed). */
  redirectsFollowed: number;
  /** The last URL requested ('' when nothing was). */
  lastRequested: string;
  end: ChainEnd;
}

export interface FollowOptions {
  device: Device;
  /** Epoch ms the whole chain must be done by. */
  deadline: Deadline;
  /**
   * Test mode (`LINK_CHECK_BASE_URL`): every hop is requested under this base URL instead of its
   * own host, and names are not resolved.
   */
  baseUrl?: string;
  /** Resolves a name to all its addresses; default `dns.lookup(name, { all: true })`. */
  resolve?: Resolver;
  /** Vets each address. Only tests replace it (e.g. to reach a local server); default refuses non-public. */
  vetAddress?: AddressVetter;
  /** Vets each URL's port. Only tests replace it (a local server has no port 80); default `vetPort`. */
  vetPort?: PortVetter;
  /** Bulk runs pass one, to cap requests per host. */
  hostGate?: HostGate;
}

export const defaultResolver: Resolver = async (hostname) => {
  const answers = await dns.promises.lookup(hostname, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Key for "seen in this chain": the URL as a browser would request it (no fragment). */
function urlKey(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
}

/** The test-mode address of a hop: `{base}/https/host[:port]/path?q`. */
export function rewriteForTestMode(baseUrl: string, url: URL): URL {
  const base = baseUrl.replace(/\/+$/, '');
  return new URL(`${base}/${url.protocol.slice(0, -1)}/${url.host}${url.pathname}${url.search}`);
}

function headersFor(device: Device, cookie: string | undefined): Record<string, string> {
  const headers: Record<string, string> = {
    'User-Agent': USER_AGENTS[device],
    Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
    'Accept-Language': 'en-GB,en;q=0.9',
    'Accept-Encoding': 'gzip, deflate, br',
    'Upgrade-Insecure-Requests': '1',
  };
  if (cookie !== undefined) headers.Cookie = cookie;
  return headers;
}

function withTimeout<T>(promise: Promise<T>, deadline: Deadline): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadline.remainingMs());
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Prepared =
  /** `addresses`: the vetted addresses to connect to, in order (none for a literal or in test mode). */
  | { kind: 'ready'; addresses?: ResolvedAddress[] }
  | { kind: 'blocked'; reason: string; rule: BlockRule }
  | { kind: 'timeout' }
  | { kind: 'failed'; failure: 'dns'; detail: string };

/**
 * Vets the host and port of `url` and, outside test mode, resolves its name and vets every address
 * (nothing, not even a DNS question, goes out for a refused host or port).
 */
async function prepare(url: URL, options: FollowOptions, hopDeadline: Deadline): Promise<Prepared> {
  const vetter = options.vetAddress ?? vetAddress;
  const literal = isIpLiteral(url.hostname);
  // Literal addresses are judged by the (possibly injected) address vetter, names by name rules.
  const hostVetting = literal ? vetter(url.hostname) : vetUrlHost(url);
  if (!hostVetting.allowed) {
    return { kind: 'blocked', reason: hostVetting.reason, rule: 'address' };
  }
  const portVetting = (options.vetPort ?? vetPort)(url);
  if (!portVetting.allowed) return { kind: 'blocked', reason: portVetting.reason, rule: 'port' };
  if (literal || options.baseUrl !== undefined) return { kind: 'ready' };

  const resolve = options.resolve ?? defaultResolver;
  let addresses: ResolvedAddress[] | 'timeout';
  try {
    addresses = await withTimeout(resolve(url.hostname), hopDeadline);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { kind: 'failed', failure: 'dns', detail: code ?? String(error) };
  }
  if (addresses === 'timeout') return { kind: 'timeout' };
  if (addresses.length === 0) {
    return { kind: 'failed', failure: 'dns', detail: 'no address' };
  }
  // One bad address refuses the name: a resolver may hand out any of them next time, and a name
  // that mixes public and private addresses is how DNS rebinding reaches inside.
  for (const { address } of addresses) {
    const vetting = vetter(address);
    if (!vetting.allowed) {
      return {
        kind: 'blocked',
        reason: `${url.hostname} points to ${vetting.reason}`,
        rule: 'address',
      };
    }
  }
  return { kind: 'ready', addresses };
}

/**
 * Sends the hop to the vetted addresses in the order the name gave them, moving to the next only
 * when one could not be connected to (refused, unreachable, no answer in `CONNECT_ATTEMPT_MS`):
 * nothing reached it, so this is still one click. Once connected, whatever happens is the answer.
 */
async function sendToVetted(
  hop: HopRequest,
  addresses: readonly ResolvedAddress[] | undefined,
): Promise<HopOutcome> {
  if (addresses === undefined) return sendHop(hop);
  let outcome: HopOutcome = { kind: 'timeout' };
  for (const [index, pinned] of addresses.entries()) {
    const last = index === addresses.length - 1;
    if (index > 0 && hop.deadline.expired) return { kind: 'timeout' };
    outcome = await sendHop({
      ...hop,
      pinned,
      connectBy: last ? undefined : hop.deadline.within(CONNECT_ATTEMPT_MS),
    });
    if (outcome.kind !== 'failed' || outcome.connected || outcome.failure !== 'connection') break;
  }
  if (outcome.kind === 'failed' && !outcome.connected && addresses.length > 1) {
    return { ...outcome, detail: `${outcome.detail} at each of its ${addresses.length} addresses` };
  }
  return outcome;
}

/** Follows `start` to its end. Never throws for anything the web does. */
export async function followChain(start: URL, options: FollowOptions): Promise<Chain> {
  const hops: Hop[] = [];
  const seen = new Set<string>();
  // One jar per check, keyed by the links' own URLs (in test mode too), dropped with the chain.
  const jar = await CookieJar.open();
  const gate: HostGate = options.hostGate ?? ((_host, task) => task());
  let lastRequested = '';
  let redirectsFollowed = 0;
  let current = start;
  const stop = (end: ChainEnd): Chain => ({ hops, redirectsFollowed, lastRequested, end });

  for (;;) {
    seen.add(urlKey(current));
    const url = current;
    const outcome = await gate(url.hostname.toLowerCase(), async () => {
      const checkLeft = options.deadline.remainingMs();
      if (checkLeft <= 0) return { kind: 'timeout', limit: 'check' } as const;
      const hopDeadline = options.deadline.within(HOP_TIMEOUT_MS);
      const limit = checkLeft < HOP_TIMEOUT_MS ? 'check' : 'hop';
      const prepared = await prepare(url, options, hopDeadline);
      if (prepared.kind === 'timeout') return { kind: 'timeout', limit } as const;
      if (prepared.kind !== 'ready') return prepared;
      lastRequested = urlKey(url);
      const target = options.baseUrl === undefined ? url : rewriteForTestMode(options.baseUrl, url);
      const sent = await sendToVetted(
        { target, headers: headersFor(options.device, jar.header(url)), deadline: hopDeadline },
        prepared.addresses,
      );
      return sent.kind === 'timeout' ? ({ kind: 'timeout', limit } as const) : sent;
    });

    if (url !== start && outcome.kind !== 'blocked') redirectsFollowed += 1;
    switch (outcome.kind) {
      case 'blocked':
        return stop({
          kind: 'blocked',
          url: urlKey(url),
          reason: outcome.reason,
          rule: outcome.rule,
        });
      case 'timeout':
        return stop({ kind: 'timeout', url: urlKey(url), limit: outcome.limit });
      case 'failed':
        return stop({
          kind: 'failed',
          url: urlKey(url),
          failure: outcome.failure,
          detail: outcome.detail,
        });
      case 'response':
        break;
    }

    jar.store(url, outcome.headers['set-cookie']);
    const { status } = outcome;
    let next: string | undefined;
    let via: Hop['via'] = 'final';
    if (REDIRECT_STATUSES.has(status)) {
      via = 'redirect';
      next = outcome.headers.location;
      if (next === undefined || next.trim() === '') {
        hops.push({ url: urlKey(url), status, via: 'final' });
        return stop({ kind: 'bad_redirect', location: undefined });
      }
    } else if (outcome.page !== '') {
      next = findMetaRefresh(outcome.page);
      if (next !== undefined) via = 'meta';
    }
    hops.push({ url: urlKey(url), status, via });

    if (next === undefined) {
      const javascriptRedirect = outcome.page !== '' && hasJavaScriptRedirect(outcome.page);
      return stop({ kind: 'answered', javascriptRedirect });
    }

    // In test mode too, a Location names the real web; relative ones are read against the
    // hop's own URL, never the base URL the request really went to.
    let resolved: URL;
    try {
      resolved = new URL(next.trim(), url);
    } catch {
      return stop({ kind: 'bad_redirect', location: next });
    }
    if (resolved.protocol !== 'https:' && resolved.protocol !== 'http:') {
      return stop({ kind: 'app', target: next.trim() });
    }
    if (seen.has(urlKey(resolved))) return stop({ kind: 'loop', url: urlKey(resolved) });
    if (redirectsFollowed >= MAX_REDIRECTS) {
      return stop({ kind: 'too_many', url: urlKey(resolved) });
    }
    current = resolved;
  }
}
