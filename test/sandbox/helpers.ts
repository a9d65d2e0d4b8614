import { DEMO_AWIN_TOKEN } from '../../sandbox/credentials';

import { type Sandbox } from '../../sandbox/server';

export interface CallOptions {
  method?: 'GET' | 'POST';
  /** Bearer token; default the demo token, null for no Authorization header. */
  token?: string | null;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is (takes precedence over `body`). */
  rawBody?: string;
}

export interface CallResult<T> {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON, or undefined when the answer is not JSON. */
  json: T;
}

export async function call<T = unknown>(
  sandbox: Sandbox,
  path: string,
  options: CallOptions = {},
): Promise<CallResult<T>> {
  const token = options.token === undefined ? DEMO_AWIN_TOKEN : options.token;
  const headers: Record<string, string> = {};
  if (token !== null) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined = options.rawBody;
  if (body === undefined && options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const res = await fetch(`${sandbox.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: parseOrUndefined(text) as T };
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Resolves with how long `promise` took, or rejects when it takes longer than `limitMs`. */
export async function within<T>(limitMs: number, promise: Promise<T>): Promise<number> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not settle within ${limitMs} ms`)), limitMs);
  });
  try {
    await Promise.race([promise, timeout]);
    return Date.now() - started;
  } finally {
    clearTimeout(timer);
  }
}
