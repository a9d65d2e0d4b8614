// The two Zapier platform services the app uses at run time, imitated for offline demos and tests:
// the RPC endpoint zapier-platform-core calls at $ZAPIER_BASE_ENDPOINT/platform/rpc/cli (the shared
// cache z.cache, and presigned uploads for z.stashFile), and the file store the upload goes to.
// The cache can be made slow, refusing or failing (CacheFault, set through the admin route below),
// and keeps a log of every cache call, so tests can check what the app did with shared state.
import { randomBytes } from 'node:crypto';

import {
  isRecord,
  json,
  type NetworkModule,
  parseJsonBody,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

interface StoredFile {
  contentType: string;
  filename: string;
  bytes: Buffer;
}

interface CacheEntry {
  value: unknown;
  expiresAt: number;
}

type CacheMethod = 'get' | 'set' | 'delete';

/**
 * A fault of the imitated cache. Tests set the list with `PUT /platform/admin/cache-faults` (a JSON
 * array; an empty one clears it); every rule that matches a call applies to it.
 */
export interface CacheFault {
  /** Only keys containing this; default every key. */
  keyIncludes?: string;
  /** Only these calls; default every cache call. */
  methods?: CacheMethod[];
  /**
   * The answer waits this long, in ms. The call itself is done at once, as when the answer is what
   * is slow to come back: a caller that stops waiting may still have taken a lock or written.
   */
  delayMs?: number;
  /** Sets and deletes answer `false` and change nothing, as Zapier past an app's cache limits. */
  refuse?: boolean;
  /** The call fails with HTTP 500: zapier-platform-core asks three times, then throws. */
  fail?: boolean;
}

/** One cache call as the sandbox saw it (`GET /platform/admin/cache-log`). */
export interface CacheCall {
  at: number;
  method: CacheMethod;
  key: string;
  /** A set with "only if absent". */
  nx?: boolean;
  /** What a set asked to keep. */
  value?: unknown;
  /** What was kept under the key before the call. */
  before: unknown;
  /** The answer the app got (a get's value), or `failed`. */
  answer: unknown;
}

const CACHE_METHODS: Readonly<Record<string, CacheMethod>> = {
  zcache_get: 'get',
  zcache_set: 'set',
  zcache_delete: 'delete',
};

/** Reads the faults a test sent; undefined when the body is not a list of them. */
function readFaults(body: string): CacheFault[] | undefined {
  const parsed = parseJsonBody(body)?.value;
  if (!Array.isArray(parsed) || !parsed.every(isRecord)) return undefined;
  return parsed.map((rule) => ({
    keyIncludes: typeof rule.keyIncludes === 'string' ? rule.keyIncludes : undefined,
    methods: Array.isArray(rule.methods)
      ? rule.methods.filter((m): m is CacheMethod => m === 'get' || m === 'set' || m === 'delete')
      : undefined,
    delayMs: typeof rule.delayMs === 'number' && rule.delayMs > 0 ? rule.delayMs : undefined,
    refuse: rule.refuse === true,
    fail: rule.fail === true,
  }));
}

/** The app sends values as JSON text; the log shows them read. */
function readable(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  return parseJsonBody(value)?.value ?? value;
}

/** The part of a multipart/form-data body named `name`, with its headers. */
interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function parseMultipart(body: Buffer, contentType: string | undefined): Part[] {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: Part[] = [];
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const chunk = body.subarray(start + delimiter.length + 2, next - 2); // skip CRLF after and before
    const headerEnd = chunk.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = chunk.subarray(0, headerEnd).toString('utf8');
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        parts.push({
          name,
          filename: /filename="([^"]*)"/i.exec(headers)?.[1],
          contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim(),
          data: chunk.subarray(headerEnd + 4),
        });
      }
    }
    start = next;
  }
  return parts;
}

export function createZapierPlatform(): NetworkModule {
  const files = new Map<string, StoredFile>();
  const cache = new Map<string, CacheEntry>();
  let faults: CacheFault[] = [];
  const cacheLog: CacheCall[] = [];

  const live = (key: string): CacheEntry | undefined => {
    const entry = cache.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      cache.delete(key);
      return undefined;
    }
    return entry;
  };

  function rpcResult(method: string, params: unknown[], host: string): unknown {
    const [key, value, ttl, , nx] = params;
    switch (method) {
      case 'get_presigned_upload_post_data':
        return {
          url: `http://${host}/platform/files/`,
          fields: { key: `stash-${randomBytes(8).toString('hex')}` },
        };
      case 'zcache_get':
        return live(String(key))?.value ?? null;
      case 'zcache_set': {
        if (nx === true && live(String(key))) return false;
        const seconds = typeof ttl === 'number' && ttl > 0 ? ttl : 24 * 60 * 60;
        cache.set(String(key), { value, expiresAt: Date.now() + seconds * 1000 });
        return true;
      }
      case 'zcache_delete':
        return cache.delete(String(key));
      default:
        throw new Error(`Unknown RPC method ${method}`);
    }
  }

  /** The faults that apply to one cache call, combined. */
  function faultOf(method: CacheMethod, key: string): CacheFault {
    const rules = faults.filter(
      (rule) => key.includes(rule.keyIncludes ?? '') && (rule.methods ?? [method]).includes(method),
    );
    return {
      delayMs: Math.max(0, ...rules.map((rule) => rule.delayMs ?? 0)),
      refuse: rules.some((rule) => rule.refuse),
      fail: rules.some((rule) => rule.fail),
    };
  }

  /** One cache call, with its faults, logged. */
  function cacheCall(
    id: unknown,
    method: CacheMethod,
    params: unknown[],
    host: string,
  ): SandboxResponse {
    const key = String(params[0]);
    const fault = faultOf(method, key);
    const before = readable(live(key)?.value);
    const call: CacheCall = { at: Date.now(), method, key, before, answer: 'failed' };
    if (method === 'set') {
      call.value = readable(params[1]);
      if (params[4] === true) call.nx = true;
    }
    cacheLog.push(call);
    let response: SandboxResponse;
    if (fault.fail) {
      response = json(500, { error: "Zapier's cache is failing (a sandbox fault)" });
    } else if (fault.refuse && method !== 'get') {
      call.answer = false;
      response = json(200, { id, result: false });
    } else {
      const result = rpcResult(`zcache_${method}`, params, host);
      call.answer = method === 'get' ? readable(result) : result;
      response = json(200, { id, result });
    }
    return fault.delayMs ? { ...response, delayMs: fault.delayMs } : response;
  }

  function rpc(req: SandboxRequest): SandboxResponse {
    if (!req.headers['x-deploy-key'] && !req.headers['x-token']) {
      return json(401, { error: 'An X-Deploy-Key or X-Token header is required' });
    }
    const parsed = parseJsonBody(req.body)?.value;
    if (!isRecord(parsed) || typeof parsed.method !== 'string') {
      return json(400, { error: 'Expected {id, method, params}' });
    }
    const params = Array.isArray(parsed.params) ? parsed.params : [];
    const host = req.headers.host ?? '127.0.0.1';
    const cacheMethod = CACHE_METHODS[parsed.method];
    if (cacheMethod) return cacheCall(parsed.id, cacheMethod, params, host);
    try {
      return json(200, { id: parsed.id, result: rpcResult(parsed.method, params, host) });
    } catch (error) {
      return json(200, {
        id: parsed.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  function setFaults(req: SandboxRequest): SandboxResponse {
    const read = readFaults(req.body);
    if (!read) return json(400, { error: 'Expected a JSON array of cache faults' });
    faults = read;
    return json(200, { faults });
  }

  function upload(req: SandboxRequest): SandboxResponse {
    const parts = parseMultipart(req.rawBody, req.headers['content-type']);
    const key = parts.find((part) => part.name === 'key')?.data.toString('utf8');
    const file = parts.find((part) => part.name === 'file');
    if (!key || !file) return json(400, { error: 'A key field and a file part are required' });
    files.set(key, {
      bytes: Buffer.from(file.data),
      filename: file.filename ?? key,
      contentType: file.contentType ?? 'application/octet-stream',
    });
    return { status: 204, rawBody: '' };
  }

  function download(req: SandboxRequest): SandboxResponse {
    const file = files.get(req.params.key);
    if (!file) return json(404, { error: 'No such file' });
    return {
      status: 200,
      rawBody: file.bytes,
      contentType: file.contentType,
      headers: { 'Content-Disposition': `inline; filename="${file.filename}"` },
    };
  }

  return {
    name: 'zapier',
    prefix: '/platform',
    // zapier-platform-core calls RPC only with a deploy key (or a Zap run's token); any value will do here.
    env: (url) => ({ ZAPIER_BASE_ENDPOINT: url, ZAPIER_DEPLOY_KEY: 'sandbox-deploy-key' }),
    routes: [
      { method: 'POST', pattern: '/rpc/cli', handler: rpc },
      { method: 'POST', pattern: '/files/', handler: upload },
      { method: 'GET', pattern: '/files/:key', handler: download },
      // For tests: the cache's faults, and what the app asked of it.
      { method: 'PUT', pattern: '/admin/cache-faults', handler: setFaults },
      { method: 'GET', pattern: '/admin/cache-log', handler: () => json(200, cacheLog) },
    ],
    notFound: (req) => json(404, { error: `No Zapier platform service at ${req.path}` }),
  };
}
