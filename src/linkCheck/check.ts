// One link check from start to verdict: validate the input, follow the chain, judge it, and shape
// the answer with the published output keys.
import { Deadline } from '../core/deadline';
import { overrideProblem } from '../core/baseUrl';
import { type AddressVetter, type PortVetter } from './address';
import { followChain, type Chain } from './fetch';
import { parseLinkToCheck } from './input';
import {
  clickIdParam,
  deepLinkDestination,
  detectNetwork,
  inferExpectedFromLink,
  networkHosts,
} from './network';
import { normalizeDomain } from '../core/url';
import { judge } from './verdict';
import type {
  Device,
  HostGate,
  LinkCheckResult,
  NetworkDomains,
  ProgrammeInfo,
  Resolver,
} from './types';

/** Longest one check may take (the smaller of 20 s and the time left in the run). */
export const CHECK_TIMEOUT_MS = 20_000;

export interface LinkCheckOptions {
  /** Where the link should land: domains (`shop.example`) or URLs (their host counts). */
  expectedDomains?: readonly string[];
  /** What the network's API says about the programme or offer (the caller asks it). */
  programme?: ProgrammeInfo;
  /** Which browser the check looks like; default desktop. */
  device?: Device;
  /** The run's one deadline (core/run); the check takes at most 20 s and never past it. */
  deadline?: Deadline;
  /**
   * Test mode: the value of `LINK_CHECK_BASE_URL` (read from the environment by the caller, see
   * `linkCheckBaseUrlFromEnv`). Every hop is requested under it and names are not resolved.
   */
  baseUrl?: string;
  /** Tracking domains of connected networks (they count as that network's own hosts). */
  networkDomains?: NetworkDomains;
  /** Replaces DNS resolution (tests). */
  resolve?: Resolver;
  /** Replaces address vetting (tests only: never allow non-public addresses in the app). */
  vetAddress?: AddressVetter;
  /** Replaces port vetting (tests only: a local server is not on port 80 or 443). */
  vetPort?: PortVetter;
  /** Caps requests per host (bulk runs). */
  hostGate?: HostGate;
}

/** The environment variable that turns test mode on. */
export const BASE_URL_VARIABLE = 'LINK_CHECK_BASE_URL';

/**
 * The test-mode override points somewhere it must not: the run stops before any check. The caller
 * turns it into the platform's own error (a Zapier `z.errors.Error`), keeping the reason.
 */
export class LinkCheckSetupError extends Error {
  readonly reason: { kind: 'invalid_input'; code: 'unsafe_override' };

  constructor(message: string) {
    super(message);
    this.name = 'LinkCheckSetupError';
    this.reason = { kind: 'invalid_input', code: 'unsafe_override' };
  }
}

/**
 * Returns `value` (an http(s) URL on this machine: 127.0.0.0/8, ::1 or localhost) without trailing
 * slashes, or throws `LinkCheckSetupError` naming the variable. In test mode every hop goes to this
 * address and names are not resolved, so pointed at another machine it would send every link there,
 * past the address vetting: it is only for tests and the sandbox.
 */
export function requireLoopbackOverride(name: string, value: string): string {
  // The one rule for every override (core/baseUrl): loopback, plain http(s), nothing else.
  const base = value.trim().replace(/\/+$/, '');
  const problem = overrideProblem(name, base, 'check links on the web itself');
  if (problem !== undefined) throw new LinkCheckSetupError(problem);
  return base;
}

/**
 * The test-mode base URL from the environment, or undefined when unset. Throws
 * `LinkCheckSetupError` (naming the variable) when it is set to anything but a loopback http(s) URL.
 */
export function linkCheckBaseUrlFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const raw = env[BASE_URL_VARIABLE]?.trim();
  if (!raw) return undefined;
  return requireLoopbackOverride(BASE_URL_VARIABLE, raw);
}

function expectedFrom(url: URL, options: LinkCheckOptions): string[] {
  const given = (options.expectedDomains ?? [])
    .map(normalizeDomain)
    .filter((d): d is string => d !== undefined);
  return given.length > 0 ? given : inferExpectedFromLink(url, options.networkDomains);
}

/** The final answer of the chain, when there is one: its URL and status. */
function finalAnswer(chain: Chain): { url: URL; status: number } | undefined {
  const last = chain.hops[chain.hops.length - 1];
  const ended =
    chain.end.kind === 'answered' || chain.end.kind === 'bad_redirect' || chain.end.kind === 'app';
  return ended && last ? { url: new URL(last.url), status: last.status } : undefined;
}

/**
 * Checks one link: one real click, followed hop by hop. Throws `LinkCheckInputError` for a link it
 * will not take (before any request); everything the web does becomes a status instead.
 */
export async function checkLink(
  rawUrl: string,
  options: LinkCheckOptions = {},
): Promise<LinkCheckResult> {
  const url = parseLinkToCheck(rawUrl);
  // However the base URL came, it may only lead to this machine.
  const baseUrl =
    options.baseUrl === undefined
      ? undefined
      : requireLoopbackOverride(BASE_URL_VARIABLE, options.baseUrl);
  const startedAt = Date.now();
  // At most 20 s for the check, never past the run's deadline: whichever comes first limits it.
  const runDeadline = options.deadline ?? new Deadline(Infinity);
  const checkDeadline = runDeadline.within(CHECK_TIMEOUT_MS);
  const limitedByRun = runDeadline.remainingMs() < CHECK_TIMEOUT_MS;
  const networkDomains = options.networkDomains ?? {};
  const network = detectNetwork(url, networkDomains);

  const chain = await followChain(url, {
    device: options.device ?? 'desktop',
    deadline: checkDeadline,
    baseUrl,
    resolve: options.resolve,
    vetAddress: options.vetAddress,
    vetPort: options.vetPort,
    hostGate: options.hostGate,
  });

  const final = finalAnswer(chain);
  const param = clickIdParam(network);
  // Only a real landing page can carry the click id; an app hand-off has none to look at.
  const clickIdFound =
    param === null || !final || chain.end.kind === 'app'
      ? null
      : (final.url.searchParams.get(param) ?? '') !== '';

  const verdict = judge({
    chain,
    network,
    networkHosts: networkHosts(network, url, networkDomains),
    expectedDomains: expectedFrom(url, options),
    deepLink: deepLinkDestination(url, networkDomains),
    programme: options.programme,
    clickIdParam: param,
    clickIdFound,
    checkLimitedBy: limitedByRun ? 'run' : 'check',
    checkSeconds: Math.round((checkDeadline.at - startedAt) / 1000),
  });

  return {
    // The link as the user gave it, so a sheet row can be matched back to its result.
    url: rawUrl.trim(),
    healthy: verdict.status === 'ok',
    status: verdict.status,
    reason: verdict.reason,
    final_url: chain.lastRequested,
    final_status: final ? final.status : null,
    landing_domain: final && chain.end.kind !== 'app' ? final.url.hostname : '',
    hops: chain.redirectsFollowed,
    redirects: chain.hops.map((hop, index) => ({
      step: index + 1,
      status: hop.status,
      url: hop.url,
    })),
    click_id_found: clickIdFound,
    network,
    programme_status: options.programme?.status ?? '',
    elapsed_ms: Date.now() - startedAt,
    checked_at: new Date(startedAt).toISOString(),
  };
}
