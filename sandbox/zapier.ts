// The two Zapier platform services the app uses at run time, imitated for offline demos and tests:
// the RPC endpoint zapier-platform-core calls at $ZAPIER_BASE_ENDPOINT/platform/rpc/cli (the shared
// cache z.cache, and presigned uploads for z.stashFile), and the file store the upload goes to.
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

  function rpc(req: SandboxRequest): SandboxResponse {
    if (!req.headers['x-deploy-key'] && !req.headers['x-token']) {
      return json(401, { error: 'An X-Deploy-Key or X-Token header is required' });
    }
    const parsed = parseJsonBody(req.body)?.value;
    if (!isRecord(parsed) || typeof parsed.method !== 'string') {
      return json(400, { error: 'Expected {id, method, params}' });
    }
    const params = Array.isArray(parsed.params) ? parsed.params : [];
    try {
      return json(200, {
        id: parsed.id,
        result: rpcResult(parsed.method, params, req.headers.host ?? '127.0.0.1'),
      });
    } catch (error) {
      return json(200, {
        id: parsed.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
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
    ],
    notFound: (req) => json(404, { error: `No Zapier platform service at ${req.path}` }),
  };
}
