// A loopback HTTP server that imitates the affiliate networks' APIs ("the sandbox").
// Each network is a module (see router.ts) that serves routes under its own path prefix.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { createAwinNetwork } from './awin';
import { createConversionAdmin, createConversionStore } from './conversions';
import { createEverflowNetwork } from './everflow';
import { createImpactNetwork } from './impact';
import { createOfferslookNetwork } from './offerslook';
import { createWeb } from './web';
import { createZapierPlatform } from './zapier';
import {
  findRoute,
  json,
  type NetworkFactory,
  type NetworkModule,
  type NetworkSettings,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

/** Every imitated network: adding one is one module plus one entry here. */
const NETWORK_FACTORIES: readonly NetworkFactory[] = [
  createAwinNetwork,
  createEverflowNetwork,
  createOfferslookNetwork,
  createImpactNetwork,
  createZapierPlatform,
  createWeb,
  createConversionAdmin,
];

/** The module that imitates Zapier's own services (see zapier.ts). */
const PLATFORM_NAME = 'zapier';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface SandboxOptions {
  /** Port to listen on; default 0 = any free port. */
  port?: number;
  /** Delay added to every response of the networks (and the web), in ms; default 0. */
  latencyMs?: number;
  /** Delay added to Zapier's own services (z.cache, file stash), in ms; default `latencyMs`. */
  platformLatencyMs?: number;
  /** Awin calls accepted per token within `awinWindowMs`; default 20. */
  awinCallsPerMinute?: number;
  /** Length of the Awin rate-limit window in ms; default 60000. */
  awinWindowMs?: number;
  /** Everflow network-key requests per second (token bucket refill); default 30. */
  everflowNetworkRatePerSecond?: number;
  /** Everflow network-key burst (bucket size); default 50. */
  everflowNetworkBurst?: number;
  /** Everflow partner-key requests per second; default 5. */
  everflowPartnerRatePerSecond?: number;
  /** Everflow partner-key burst; default 20. */
  everflowPartnerBurst?: number;
  /** Plain public Everflow offers (ids 1001…) added to the data set, so that lists page; default 0. */
  everflowExtraOffers?: number;
  /** Impact calls accepted per account within `impactWindowMs`; default 1000. */
  impactCallsPerHour?: number;
  /** Length of the Impact rate-limit window in ms; default 3600000 (an hour). */
  impactWindowMs?: number;
  /** Plain active Impact campaigns (ids 20001…) added to the data set, so that lists page; default 0. */
  impactExtraCampaigns?: number;
}

export interface SandboxCall {
  /** Network name, or '' when the path matched no network prefix. */
  network: 'awin' | string;
  method: string;
  /** Path after the network prefix, with query (the full path when no network matched). */
  path: string;
  status: number;
  /** Date.now() when the request was received. */
  at: number;
  /** Date.now() when the answer was sent (unset while it is still waiting, or never sent). */
  answeredAt?: number;
}

interface SandboxFault {
  network: string;
  /** Only requests whose path after the prefix (with query) contains this; default every request. */
  pathIncludes?: string;
  status: number;
  /** Sent as is. */
  body: string;
  /** Default `application/json`. */
  contentType?: string;
  headers?: Record<string, string>;
  /** How many matching requests get this answer; default 1. */
  times?: number;
}

export interface Sandbox {
  /** Base URL, always on 127.0.0.1, e.g. `http://127.0.0.1:43121`. */
  url: string;
  /** Environment variables pointing the app at the sandbox, e.g. `{ AWIN_API_URL: `${url}/awin` }`. */
  env: Record<string, string>;
  /** Every request received, in order. */
  calls: SandboxCall[];
  resetCalls(): void;
  /**
   * Forgets every call, rate-limit count and cached value, as a new sandbox on the same address
   * would: the bench runs each case from a fresh minute without a new address, which a loaded
   * zapier-platform-core (it reads ZAPIER_BASE_ENDPOINT once) could not follow.
   */
  reset(): void;
  /** The next matching request(s) get this raw answer instead of the imitated API's. */
  injectFault(fault: SandboxFault): void;
  close(): Promise<void>;
}

interface Answer {
  network: string;
  path: string;
  response: SandboxResponse;
}

function resolveSettings(options: SandboxOptions): NetworkSettings {
  return {
    awinCallsPerMinute: options.awinCallsPerMinute ?? 20,
    awinWindowMs: options.awinWindowMs ?? 60_000,
    everflowNetworkRatePerSecond: options.everflowNetworkRatePerSecond ?? 30,
    everflowNetworkBurst: options.everflowNetworkBurst ?? 50,
    everflowPartnerRatePerSecond: options.everflowPartnerRatePerSecond ?? 5,
    everflowPartnerBurst: options.everflowPartnerBurst ?? 20,
    everflowExtraOffers: options.everflowExtraOffers ?? 0,
    impactCallsPerHour: options.impactCallsPerHour ?? 1000,
    impactWindowMs: options.impactWindowMs ?? 3_600_000,
    impactExtraCampaigns: options.impactExtraCampaigns ?? 0,
    conversions: createConversionStore(),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function networkFor(networks: NetworkModule[], pathname: string): NetworkModule | undefined {
  return networks.find((n) => pathname === n.prefix || pathname.startsWith(`${n.prefix}/`));
}

function dispatch(network: NetworkModule, req: SandboxRequest): SandboxResponse {
  const found = findRoute(network.routes, req.method, req.path);
  if (!found) return network.notFound(req);
  const routed = { ...req, params: found.params };
  return network.guard?.(routed, found.route) ?? found.route.handler(routed);
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const raw =
    response.rawBody ?? (response.body === undefined ? '' : JSON.stringify(response.body));
  const headers: Record<string, string | number> = {
    // A 204 has no body and, like S3's upload answer, no content type.
    ...(response.status === 204
      ? {}
      : { 'Content-Type': response.contentType ?? 'application/json' }),
    'Content-Length': Buffer.byteLength(raw),
    ...response.headers,
  };
  res.writeHead(response.status, headers);
  res.end(raw);
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  let settings = resolveSettings(options);
  const latencyMs = options.latencyMs ?? 0;
  const platformLatencyMs = options.platformLatencyMs ?? latencyMs;
  let networks = NETWORK_FACTORIES.map((create) => create(settings));
  const calls: SandboxCall[] = [];
  const faults: SandboxFault[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();

  function takeFault(network: string, path: string): SandboxResponse | undefined {
    const index = faults.findIndex(
      (f) => f.network === network && path.includes(f.pathIncludes ?? ''),
    );
    if (index < 0) return undefined;
    const fault = faults[index];
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) faults.splice(index, 1);
    return {
      status: fault.status,
      rawBody: fault.body,
      contentType: fault.contentType ?? 'application/json',
      headers: fault.headers,
    };
  }

  function answer(req: IncomingMessage, body: Buffer | undefined, receivedAt: number): Answer {
    // Concatenated rather than resolved, so that a path like `//x` stays a path.
    const url = new URL(`http://127.0.0.1${req.url ?? '/'}`);
    const network = networkFor(networks, url.pathname);
    if (!network) {
      const description = `No sandbox network serves ${url.pathname}`;
      return {
        network: '',
        path: url.pathname + url.search,
        response: json(404, { error: 'not found', description }),
      };
    }
    const path = url.pathname.slice(network.prefix.length) || '/';
    const logged = { network: network.name, path: path + url.search };
    const fault = takeFault(network.name, logged.path);
    if (fault) return { ...logged, response: fault };
    if (body === undefined) {
      return { ...logged, response: json(413, { error: 'payload too large' }) };
    }
    const request: SandboxRequest = {
      method: req.method ?? 'GET',
      path,
      fullPath: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: body.toString('utf8'),
      rawBody: body,
      params: {},
      receivedAt,
    };
    try {
      return { ...logged, response: dispatch(network, request) };
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      return { ...logged, response: json(500, { error: 'sandbox failure', description }) };
    }
  }

  function respondLater(res: ServerResponse, response: SandboxResponse, call: SandboxCall): void {
    const base = call.network === PLATFORM_NAME ? platformLatencyMs : latencyMs;
    const delayMs = base + (response.delayMs ?? 0);
    const answer = () => {
      call.answeredAt = Date.now();
      send(res, response);
    };
    if (delayMs <= 0) return answer();
    const timer = setTimeout(() => {
      pendingTimers.delete(timer);
      // The client may have given up on a slow answer; there is nobody left to send it to.
      if (!res.destroyed) answer();
    }, delayMs);
    pendingTimers.add(timer);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const { network, path, response } = answer(req, body, receivedAt);
    const call: SandboxCall = {
      network,
      method: req.method ?? 'GET',
      path,
      status: response.status,
      at: receivedAt,
    };
    calls.push(call);
    respondLater(res, response, call);
  }

  const server = createServer((req, res) => void handle(req, res));
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    env: Object.assign({}, ...networks.map((n) => n.env(url))) as Record<string, string>,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    reset: () => {
      calls.length = 0;
      faults.length = 0;
      settings = resolveSettings(options);
      networks = NETWORK_FACTORIES.map((create) => create(settings));
    },
    injectFault: (fault) => {
      faults.push({ ...fault });
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of pendingTimers) clearTimeout(timer);
        pendingTimers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
