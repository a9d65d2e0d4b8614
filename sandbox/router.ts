// Building blocks shared by the sandbox server and every imitated network.
// A network is one module: a path prefix, the environment variables that point the app at it,
// and a list of routes. The server does the HTTP plumbing, faults, latency and the call log.
import type { IncomingHttpHeaders } from 'node:http';

import type { ConversionStore } from './conversions';

export interface SandboxRequest {
  method: string;
  /** Path after the network prefix, without the query string, e.g. `/publishers/100001/programmes`. */
  path: string;
  /** Full path as received (with the network prefix, without the query string). */
  fullPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Request body as text (empty string when there is none). */
  body: string;
  /** Request body as bytes, for uploads. */
  rawBody: Buffer;
  /** Values of the `:name` segments of the matched route pattern. */
  params: Record<string, string>;
  /** Date.now() when the request was received. */
  receivedAt: number;
}

export interface SandboxResponse {
  status: number;
  /** Serialised as JSON unless `rawBody` is given. */
  body?: unknown;
  /** Sent as is (with `contentType`), for answers that are not JSON or deliberately malformed. */
  rawBody?: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
  /** Extra wait before this answer is sent, in ms, on top of the sandbox's latency (a slow site). */
  delayMs?: number;
}

export type RouteHandler = (req: SandboxRequest) => SandboxResponse;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path pattern after the prefix; `:name` matches one path segment, e.g. `/publishers/:publisherId/programmes`. */
  pattern: string;
  handler: RouteHandler;
}

export interface NetworkModule {
  /** Name used in the call log and by `injectFault`, e.g. `awin`. */
  name: string;
  /** Path prefix the network lives under, e.g. `/awin`. */
  prefix: string;
  /** Environment variables pointing the app at this network, given the sandbox base URL. */
  env(baseUrl: string): Record<string, string>;
  routes: Route[];
  /** Runs before the matched route's handler (auth, rate limits); an answer here short-circuits. */
  guard?(req: SandboxRequest, route: Route): SandboxResponse | undefined;
  /** Answer for a path under the prefix that no route matches. */
  notFound(req: SandboxRequest): SandboxResponse;
}

/** Resolved sandbox settings handed to every network factory. */
export interface NetworkSettings {
  awinCallsPerMinute: number;
  awinWindowMs: number;
  /** Everflow token buckets per key type (requests a second, and burst). */
  everflowNetworkRatePerSecond: number;
  everflowNetworkBurst: number;
  everflowPartnerRatePerSecond: number;
  everflowPartnerBurst: number;
  /** Plain public Everflow offers added to the data set, so that lists page (default 0). */
  everflowExtraOffers: number;
  /** Impact calls accepted per account within `impactWindowMs` (default 1,000 an hour). */
  impactCallsPerHour: number;
  impactWindowMs: number;
  /** Plain active Impact campaigns added to the data set, so that lists page (default 0). */
  impactExtraCampaigns: number;
  /** The conversions the networks report, one store for all (sandbox/conversions.ts). */
  conversions: ConversionStore;
}

export type NetworkFactory = (settings: NetworkSettings) => NetworkModule;

export function json(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SandboxResponse {
  return { status, body, headers };
}

/** Returns the `:name` values when `path` matches `pattern`, else undefined. */
function matchPattern(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) {
      const value = safeDecode(got[i]);
      if (!value) return undefined;
      params[want[i].slice(1)] = value;
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchPattern(route.pattern, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** Parses a JSON body; undefined when it is not valid JSON. */
export function parseJsonBody(body: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(body) as unknown };
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
