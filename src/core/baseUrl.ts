import { isIPv4 } from 'node:net';
import { type ZObject } from 'zapier-platform-core';

import { appError } from './errors';

/**
 * Base-URL overrides (`AWIN_API_URL`, `EVERFLOW_API_URL`, `OFFERSLOOK_API_URL`, `IMPACT_API_URL`,
 * `LINK_CHECK_BASE_URL`) exist only so tests and the sandbox can stand in for the networks and the
 * web. One set by mistake in production would send a credential, or every link check, to whatever
 * it names; so an override must point at this machine, or it is refused with an error naming it.
 */

/**
 * True when a parsed URL's host is this machine: `localhost`, an address in 127.0.0.0/8, or `[::1]`.
 * The URL class has already turned every spelling of an address into one form (`127.1` and
 * `0x7f.0.0.1` into `127.0.0.1`, `[0:0:0:0:0:0:0:1]` into `[::1]`), the form the request will use.
 * IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`) is refused: whether it reaches the loopback depends on
 * the system's dual-stack settings, and the sandbox never needs it.
 */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname;
  if (host === 'localhost' || host === '[::1]') return true;
  return isIPv4(host) && host.startsWith('127.');
}

/** Why an override cannot be used, in words naming the variable; undefined when it can. */
export function overrideProblem(env: string, value: string, restores: string): string | undefined {
  const remedy = `${env} exists only for tests and the sandbox: remove it from your environment (.env) to ${restores}.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `${env} is not a web address. ${remedy}`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${env} is not a plain http:// or https:// address. ${remedy}`;
  }
  if (!isLoopbackUrl(url)) {
    return `${env} points at ${url.hostname}, which is not this machine. ${remedy}`;
  }
  // A query or a fragment would swallow the paths added to the base, and a user name or password
  // does not belong in an address: only a plain address is taken.
  if (url.search || url.hash || url.username || url.password) {
    return `${env} is not a plain http:// or https:// address. ${remedy}`;
  }
  return undefined;
}

export interface BaseUrlOptions {
  /** The variable that overrides the address, e.g. `AWIN_API_URL`. */
  env: string;
  /** The network's own address, used when the variable is unset or blank. */
  defaultUrl: string;
  /** The network's name as users read it, e.g. "Awin". */
  network: string;
  /** Fills placeholders of the address (Offerslook's `{network}`); the filled address is vetted. */
  fill?: (url: string) => string;
}

/**
 * The base URL a network's client calls: its own address, or the override from the environment
 * when that points at this machine (`127.0.0.0/8`, `[::1]`, `localhost`, over http or https).
 * Any other override throws an error naming the variable before a credential is sent anywhere.
 * Trailing slashes are dropped, so paths starting with "/" can be appended.
 */
export function apiBaseUrl(z: ZObject, options: BaseUrlOptions): string {
  const { env, defaultUrl, network, fill = (url: string) => url } = options;
  const override = process.env[env]?.trim() ?? '';
  if (override === '') return fill(defaultUrl.replace(/\/+$/, ''));
  const base = fill(override.replace(/\/+$/, ''));
  const problem = overrideProblem(env, base, `call ${network} itself`);
  if (problem !== undefined) {
    throw appError(z, { network, kind: 'connection', code: 'unsafe_override' }, problem);
  }
  return base;
}
