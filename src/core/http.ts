import { type HttpResponse, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

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
  /** Credential values that must never appear in a message, even when the network echoes them. */
  secrets: string[];
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

/** Finds a human message in an error body: `error`/`Error`/`description`/`message` keys, any case. */
export function errorText(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body as Record<string, unknown>);
  const pick = (name: string): string | undefined => {
    const found = entries.find(
      ([key, value]) => key.toLowerCase() === name && typeof value === 'string',
    );
    return found ? (found[1] as string).trim() || undefined : undefined;
  };
  const description = pick('description') ?? pick('message');
  const error = pick('error');
  if (description && error && !description.toLowerCase().includes(error.toLowerCase())) {
    return `${description} (${error})`;
  }
  if (description ?? error) return description ?? error;
  // Field-level validation answers such as {"destinationUrl": "invalid"}.
  const fields = entries.filter(
    ([, value]) => typeof value === 'string' || typeof value === 'number',
  );
  if (fields.length > 0) return fields.map(([key, value]) => `${key}: ${String(value)}`).join('; ');
  return undefined;
}

/** Reads Retry-After (seconds or an HTTP date) into whole seconds. */
export function retryAfterSeconds(
  header: string | undefined | null,
  now = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header.trim());
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

export async function send(z: ZObject, request: ApiRequest<unknown>): Promise<HttpResponse> {
  try {
    return await z.request({
      url: request.url,
      method: request.method,
      headers: { Accept: 'application/json', ...request.headers },
      params: request.params,
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      skipThrowForStatus: true,
      timeout: REQUEST_TIMEOUT_MS,
    });
  } catch (error) {
    const what = timedOut(error)
      ? `no answer within ${REQUEST_TIMEOUT_MS / 1000} seconds`
      : 'the connection failed';
    throw appError(
      z,
      {
        network: request.network,
        kind: 'unreachable',
        code: timedOut(error) ? 'timeout' : undefined,
      },
      `Could not reach ${request.network} (${what}). This is usually temporary: try again in a few minutes.`,
      503,
    );
  }
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
  const parsed = request.schema.safeParse(body);
  if (!parsed.success) {
    return fail(malformed(network, response.status, describeSchemaError(parsed.error)));
  }
  return parsed.data;
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
