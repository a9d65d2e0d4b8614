import { type HttpResponse, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { runOf } from './run';

import { parseAnswer } from './schemas';
import { plural } from './text';

import {
  appError,
  describeSchemaError,
  genericProblem,
  malformed,
  throwProblem,
  type ApiProblem,
} from './errors';

export interface ApiRequest<T> {
  network: string;
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  params?: Record<string, string | number>;
  json?: unknown;
  schema: zod.ZodType<T>;
  /** Seconds to wait after a 429 without Retry-After: the network's rate-limit window. */
  throttleWindowSeconds: number;
  /** Network-specific reading of an error answer; return undefined to use the generic mapping. */
  mapError?: (status: number, body: unknown) => ApiProblem | undefined;
  /** Added to 401/403 messages: where the user renews or checks the credential. */
  authHint: string;
  /** A 2xx answer that says the request failed (Offerslook's `code` ≠ 0): its problem, else undefined. */
  refusal?: (body: unknown) => ApiProblem | undefined;
  /** Credential values that must never appear in a message, even when the network echoes them. */
  secrets: string[];
  /** True when the base URL comes from an environment variable (tests, the sandbox). */
  overridden?: boolean;
}

export const REQUEST_TIMEOUT_MS = 20_000;

/** Parses a body as JSON when it looks like JSON; otherwise returns undefined. */
export function parseJsonBody(content: string): unknown {
  const trimmed = content.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Reads Retry-After (delta seconds or an HTTP date) into whole seconds, at least 1. Anything else
 * (negative, empty, unreadable) is undefined, so the caller falls back to the network's window.
 */
export function retryAfterSeconds(
  header: string | undefined | null,
  now = Date.now(),
): number | undefined {
  const text = header?.trim() ?? '';
  if (/^\d+(\.\d+)?$/.test(text)) return Math.max(1, Math.ceil(Number(text)));
  // An HTTP date names a weekday and a month: "Wed, 21 Oct 2026 07:28:00 GMT".
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(1, Math.ceil((date - now) / 1000));
}

async function send(z: ZObject, request: ApiRequest<unknown>): Promise<HttpResponse> {
  // The run's one deadline: no request starts after it, and each one's timeout shrinks to the time left.
  const run = runOf(z);
  const waitingFor = `${request.network}'s answer`;
  run.checkTime(waitingFor, request.network);
  const timeout = run.deadline.timeoutMs(REQUEST_TIMEOUT_MS);
  let response: HttpResponse;
  try {
    const options = {
      url: request.url,
      method: request.method,
      headers: { 'User-Agent': 'Zapier', Accept: 'application/json', ...request.headers },
      params: request.params,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      skipThrowForStatus: true,
      timeout,
      // zapier-platform-core's prepareRequest option (default true, not in its typings): this app has
      // no requestTemplate, and skipping the merge spares a deep copy of the whole bundle (a 1,000-row
      // input) and a scan of it for {{curlies}} on every request. Braces are refused on input instead.
      merge: false,
      // Never follow a redirect: node-fetch would resend every header but Authorization and cookies
      // to the new address, X-Eflow-API-Key included, and in clear after an https→http redirect.
      redirect: 'manual' as const,
    };
    response = await z.request(options);
  } catch (error) {
    // The run's own deadline cut the request short: the rows say so, not "unreachable".
    if (timedOut(error) && timeout < REQUEST_TIMEOUT_MS)
      throw run.outOfTime(waitingFor, request.network);
    throw unreachable(z, request, timedOut(error), timeout);
  }
  if (response.status >= 300 && response.status < 400) throw redirected(z, request, response);
  return response;
}

/**
 * A 3xx from a network's API: an error naming the network, never a second request. Only the
 * origin of the new address is named (never its path or query, which could carry anything).
 */
function redirected(z: ZObject, request: ApiRequest<unknown>, response: HttpResponse): Error {
  const { network } = request;
  let where = 'another address';
  try {
    const target = new URL(response.getHeader('location') ?? '', request.url);
    if (target.protocol === 'https:' || target.protocol === 'http:') where = target.origin;
  } catch {
    // No readable Location: "another address" says enough.
  }
  const message =
    `${network}'s API answered with a redirect (HTTP ${response.status}) to ${where}, which this ` +
    `integration does not follow, so your credential stays with ${network}. ${network} may have ` +
    'moved its API, or something between Zapier and it is redirecting: try again later, and ' +
    'contact us if it persists.';
  return appError(
    z,
    { network, kind: 'server', code: 'redirect' },
    redact(message, request.secrets),
    502,
  );
}

function unreachable(
  z: ZObject,
  request: ApiRequest<unknown>,
  timeout: boolean,
  timeoutMs: number,
): Error {
  const what = timeout
    ? `no answer within ${Math.round(timeoutMs / 1000)} seconds`
    : 'the connection failed';
  const reason = {
    network: request.network,
    kind: 'unreachable' as const,
    code: timeout ? 'timeout' : undefined,
  };
  if (request.overridden) {
    // The address came from an environment variable (the sandbox, a test): name it. It never
    // holds a credential: every credential travels in a header.
    return appError(
      z,
      reason,
      `Nothing answered at ${new URL(request.url).origin} for ${request.network} (${what}). ` +
        'Is the sandbox running? Start it with "npm run sandbox", or remove the API URL override.',
      503,
    );
  }
  return appError(
    z,
    reason,
    `Could not reach ${request.network} (${what}). This is usually temporary: try again in a few minutes.`,
    503,
  );
}

/** node-fetch marks its own timeout with `type`; sockets with `code`; aborts with `name`. */
function timedOut(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { type, code, name } = error as { type?: unknown; code?: unknown; name?: unknown };
  return type === 'request-timeout' || code === 'ETIMEDOUT' || name === 'AbortError';
}

/** Sends one request and returns its parsed, schema-checked JSON answer, or throws a user-facing error. */
export async function callApi<T>(z: ZObject, request: ApiRequest<T>): Promise<T> {
  if (request.json !== undefined) {
    request.headers = { 'Content-Type': 'application/json', ...request.headers };
  }
  const response = await send(z, request as ApiRequest<unknown>);
  const body = parseJsonBody(response.content);
  const { network, throttleWindowSeconds: window } = request;

  const fail = (problem: ApiProblem): never =>
    throwProblem(
      z,
      network,
      { ...problem, message: redact(problem.message, request.secrets) },
      window,
    );

  if (response.status >= 400) {
    const errorBody = body ?? htmlHint(response);
    const problem =
      request.mapError?.(response.status, errorBody) ??
      genericProblem(network, response.status, errorBody, request.authHint);
    if (problem.kind === 'throttled' && problem.retryAfterSeconds === undefined) {
      problem.retryAfterSeconds = retryAfterSeconds(response.getHeader('retry-after'));
    }
    fail(problem);
  }
  if (body === undefined) {
    fail(malformed(network, response.status, contentDescription(response)));
  }
  const refused = request.refusal?.(body);
  if (refused) fail(refused);
  const { result, skipped } = parseAnswer(request.schema, body);
  if (!result.success) {
    return fail(malformed(network, response.status, describeSchemaError(result.error)));
  }
  if (skipped > 0) {
    z.console.log(
      `${network} sent ${plural(skipped, 'list item')} this integration cannot read; ` +
        'they were skipped and the rest kept.',
    );
  }
  return result.data;
}

/** What a body that is not the JSON we expected looks like, in words a user can pass on. */
function contentDescription(response: HttpResponse): string {
  const text = response.content.trim();
  if (text === '') return 'an empty body';
  if (/html/i.test(response.getHeader('content-type') ?? '') || text.startsWith('<')) {
    return 'an HTML page instead of JSON';
  }
  if (text.startsWith('{') || text.startsWith('[')) return 'malformed JSON';
  // A short plain-text answer ("Service Unavailable") is worth showing as it is.
  return text.length <= 80 && !/[\r\n]/.test(text) ? `"${text}"` : 'text instead of JSON';
}

/** For error answers without a JSON body: a description of what came back, if anything. */
function htmlHint(response: HttpResponse): string | undefined {
  return response.content.trim() === '' ? undefined : contentDescription(response);
}

/** Replaces every credential value in a text that came from upstream with "[hidden]". */
export function redact(text: string, secrets: string[]): string {
  return secrets
    .filter((secret) => secret.length >= 4)
    .reduce((result, secret) => result.split(secret).join('[hidden]'), text);
}
