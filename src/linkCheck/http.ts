// One request of a chain, with Node's own http/https clients: they never follow redirects and
// never read proxy settings from the environment, and their `lookup` hook lets the connection go
// to the address that was vetted, not to whatever a second DNS answer would say (DNS rebinding).
import { type Deadline } from '../core/deadline';
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import zlib from 'node:zlib';
import type { Transform } from 'node:stream';

import type { ResolvedAddress } from './types';

/** Most bytes read from one response (at most 1 MiB). */
export const MAX_RESPONSE_BYTES = 1024 * 1024;
/** How much of an HTML page is looked at for a meta refresh or a script redirect. */
export const PAGE_SCAN_BYTES = 64 * 1024;

export type FailureKind = 'dns' | 'tls' | 'connection' | 'protocol';

export type HopOutcome =
  | {
      kind: 'response';
      status: number;
      headers: IncomingHttpHeaders;
      /** First `PAGE_SCAN_BYTES` of an HTML 2xx body, decoded; '' for anything else. */
      page: string;
    }
  | { kind: 'timeout' }
  | {
      kind: 'failed';
      failure: FailureKind;
      detail: string;
      /**
       * False when the failure came before a connection was made (refused, unreachable, no
       * answer to connect): nothing was sent, so another address of the same name may be tried.
       */
      connected: boolean;
    };

export interface HopRequest {
  /** Where the request goes: the hop's own URL, or its test-mode rewrite under the base URL. */
  target: URL;
  /** Connect to this address instead of resolving `target.hostname` again. */
  pinned?: ResolvedAddress;
  headers: Record<string, string>;
  /** No answer by then is a timeout (the body is cut short instead once a status came). */
  deadline: Deadline;
  /**
   * Epoch ms by which the connection must be made, or the hop fails (not connected) so the next
   * vetted address can be tried; without it, connecting may take until `deadline`.
   */
  connectBy?: Deadline;
}

/** What a connection that was not made in time says (as Node says it for a connect timeout). */
const CONNECT_TIMEOUT_DETAIL = 'ETIMEDOUT';

/** A `lookup` that answers every question with the one vetted address. */
export function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    // With `all` (used by autoSelectFamily), Node expects a list; otherwise one address.
    if (options.all) callback(null, [{ address: pinned.address, family: pinned.family }]);
    else callback(null, pinned.address, pinned.family);
  };
}

/** The options handed to http(s).request: kept apart so a test can see what would be sent. */
export function requestOptions(hop: HopRequest): https.RequestOptions {
  const { target } = hop;
  const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    protocol: target.protocol,
    // The name, not the pinned address: Node then sends it as `Host` and as the TLS server name,
    // and checks the certificate against it.
    hostname,
    port: target.port === '' ? undefined : Number(target.port),
    path: `${target.pathname}${target.search}`,
    method: 'GET',
    headers: hop.headers,
    // A fresh connection per hop: no pooled socket may carry one check's traffic to another host.
    agent: false,
    lookup: hop.pinned ? pinnedLookup(hop.pinned) : undefined,
    servername: hop.pinned && target.protocol === 'https:' ? hostname : undefined,
  };
}

function classify(error: NodeJS.ErrnoException): { failure: FailureKind; detail: string } {
  const code = error.code ?? '';
  const detail = code === '' ? error.message : code;
  if (/^(ENOTFOUND|EAI_)/.test(code)) return { failure: 'dns', detail };
  if (/^HPE_/.test(code)) return { failure: 'protocol', detail };
  if (/TLS|SSL|CERT|UNABLE_TO_|SELF_SIGNED|EPROTO/.test(code)) return { failure: 'tls', detail };
  return { failure: 'connection', detail };
}

function isHtmlLike(headers: IncomingHttpHeaders): boolean {
  const type = (headers['content-type'] ?? '').toLowerCase();
  // No content type: browsers sniff, and redirect pages are often served without one.
  return type === '' || type.includes('html');
}

function decoderFor(headers: IncomingHttpHeaders): Transform | undefined {
  const encoding = (headers['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.createGunzip();
  if (encoding === 'deflate') return zlib.createInflate();
  if (encoding === 'br') return zlib.createBrotliDecompress();
  return undefined;
}

/** Sends one GET and reads at most what the checker needs of the answer. Never throws. */
export function sendHop(hop: HopRequest): Promise<HopOutcome> {
  return new Promise<HopOutcome>((resolve) => {
    let settled = false;
    let connected = false;
    let cutBody: (() => void) | undefined;
    const client = hop.target.protocol === 'https:' ? https : http;
    const request = client.request(requestOptions(hop));

    const finish = (outcome: HopOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(connectTimer);
      request.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(
      () => (cutBody ? cutBody() : finish({ kind: 'timeout' })),
      hop.deadline.remainingMs(),
    );
    const connectTimer =
      hop.connectBy === undefined || hop.connectBy.at >= hop.deadline.at
        ? undefined
        : setTimeout(
            () =>
              connected ||
              finish({
                kind: 'failed',
                failure: 'connection',
                detail: CONNECT_TIMEOUT_DETAIL,
                connected: false,
              }),
            hop.connectBy.remainingMs(),
          );

    request.on('socket', (socket) => {
      // A fresh socket per hop (agent: false), so it always connects; a TLS socket says `connect`
      // once TCP is up, before the handshake.
      socket.once('connect', () => {
        connected = true;
        clearTimeout(connectTimer);
      });
    });
    request.on('error', (error: NodeJS.ErrnoException) => {
      finish({ kind: 'failed', ...classify(error), connected });
    });
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? 0;
      const answer = (page: string): void =>
        finish({ kind: 'response', status, headers: response.headers, page });
      if (status < 200 || status > 299 || !isHtmlLike(response.headers)) {
        answer('');
        return;
      }
      readPage(response, answer, (cut) => (cutBody = cut));
    });
    request.end();
  });
}

/** Reads up to `PAGE_SCAN_BYTES` of decoded page from at most `MAX_RESPONSE_BYTES` on the wire. */
function readPage(
  response: IncomingMessage,
  done: (page: string) => void,
  onCut: (cut: () => void) => void,
): void {
  const decoded: Buffer[] = [];
  let decodedBytes = 0;
  let rawBytes = 0;
  let finished = false;
  const decoder = decoderFor(response.headers);
  const finish = (): void => {
    if (finished) return;
    finished = true;
    decoder?.destroy();
    response.destroy();
    done(Buffer.concat(decoded).subarray(0, PAGE_SCAN_BYTES).toString('utf8'));
  };
  // A slow body is cut short at the hop's deadline: the status is already known.
  onCut(finish);
  const collect = (chunk: Buffer): void => {
    decoded.push(chunk);
    decodedBytes += chunk.length;
    if (decodedBytes >= PAGE_SCAN_BYTES) finish();
  };
  decoder?.on('data', collect);
  decoder?.on('end', finish);
  // A broken compressed body still leaves what was decoded so far.
  decoder?.on('error', finish);
  response.on('data', (chunk: Buffer) => {
    if (finished) return;
    rawBytes += chunk.length;
    if (decoder) decoder.write(chunk);
    else collect(chunk);
    if (rawBytes >= MAX_RESPONSE_BYTES) finish();
  });
  response.on('end', () => (decoder ? decoder.end() : finish()));
  response.on('error', finish);
  response.on('aborted', finish);
}
