import { type Resolver, type ResolvedAddress } from '../../src/linkCheck/types';
import { checkLink } from '../../src/linkCheck/check';
// The real (non-test) mode: names are resolved, every address vetted, and the connection goes to
// the vetted address. DNS is injected, so no name ever reaches a real resolver, and the only
// server is a local one on 127.0.0.1, reachable only through a test-only vetting override.
import { gzipSync } from 'node:zlib';
import { requestOptions } from '../../src/linkCheck/http';
import { allowLoopbackForTest, startLocalServer, type LocalServer } from './helpers';

/** A resolver from a fixed table; records every name asked. */
function fakeDns(table: Record<string, string[]>): Resolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses) {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    }
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { asked });
}

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/start') {
      res.writeHead(302, { Location: `http://next.pinned.example:${server.port}/landing?awc=1` });
      res.end();
    } else if (path.startsWith('/landing')) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<h1>Landing</h1>');
    } else if (path === '/to-private') {
      res.writeHead(302, { Location: 'http://db.pinned.example/secrets' });
      res.end();
    } else if (path === '/gzip-meta') {
      const body = gzipSync(
        `<html><head><meta http-equiv="refresh" content="0;url=/landing?from=meta"></head>${' '.repeat(
          200_000,
        )}</html>`,
      );
      res.writeHead(200, { 'Content-Type': 'text/html', 'Content-Encoding': 'gzip' });
      res.end(body);
    } else if (path === '/huge') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      // 8 MiB of page: the checker must stop reading long before the end.
      const chunk = Buffer.alloc(64 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 128 && res.write(chunk)) sent += 1;
        if (sent >= 128) res.end();
        else res.once('drain', pump);
      };
      pump();
    } else if (path === '/endless') {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.write('<html><body>still loading');
    } else if (path === '/no-location') {
      res.writeHead(302);
      res.end();
    } else {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      res.end('nope');
    }
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

const at = (host: string, path: string): string => `http://${host}:${server.port}${path}`;

describe('real mode: resolve, vet every address, connect to the vetted one', () => {
  it('refuses a name that resolves to a private address, sending nothing', async () => {
    const dns = fakeDns({ 'shop.pinned.example': ['127.0.0.1'] });
    const r = await checkLink(at('shop.pinned.example', '/start'), { resolve: dns });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('shop.pinned.example points to 127.0.0.1');
    expect(dns.asked).toEqual(['shop.pinned.example']);
    expect(server.requests).toEqual([]);
  });

  it('refuses a name when any one of its addresses is refused', async () => {
    const dns = fakeDns({ 'mixed.pinned.example': ['93.184.216.34', '10.0.0.7'] });
    const r = await checkLink('https://mixed.pinned.example/', { resolve: dns });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('10.0.0.7');
    expect(r.redirects).toEqual([]);
  });

  it('connects to the pinned address, keeping the name as Host, and resolves again on every hop', async () => {
    const dns = fakeDns({
      'shop.pinned.example': ['127.0.0.1'],
      'next.pinned.example': ['127.0.0.1'],
    });
    const r = await checkLink(at('shop.pinned.example', '/start'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
    });
    // The names exist nowhere but in the injected table: had the client resolved them again
    // itself, the request would have failed with a DNS error.
    expect(r.status).toBe('ok');
    expect(dns.asked).toEqual(['shop.pinned.example', 'next.pinned.example']);
    expect(server.requests.map((q) => [q.host, q.url])).toEqual([
      [`shop.pinned.example:${server.port}`, '/start'],
      [`next.pinned.example:${server.port}`, '/landing?awc=1'],
    ]);
    const headers = server.requests[0].headers;
    expect(headers['user-agent']).toMatch(/Mozilla\/5\.0 .*Chrome/);
    expect(headers.accept).toContain('text/html');
    expect(headers['accept-language']).toBeTruthy();
    expect(headers.authorization).toBeUndefined();
  });

  it('vets the next hop too: a redirect to a name on a private address is blocked', async () => {
    const dns = fakeDns({
      'shop.pinned.example': ['127.0.0.1'],
      'db.pinned.example': ['192.168.1.20'],
    });
    const r = await checkLink(at('shop.pinned.example', '/to-private'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
    });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('192.168.1.20');
    expect(r.hops).toBe(0);
    expect(r.redirects).toEqual([
      { step: 1, status: 302, url: at('shop.pinned.example', '/to-private') },
    ]);
  });

  it('vets literal addresses without resolving them', async () => {
    const dns = fakeDns({});
    const blocked = await checkLink(at('127.0.0.1', '/landing'), { resolve: dns });
    expect(blocked.status).toBe('blocked');
    expect(server.requests).toEqual([]);
    const allowed = await checkLink(at('127.0.0.1', '/landing'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
    });
    expect(allowed.status).toBe('ok');
    expect(dns.asked).toEqual([]);
  });

  it('ignores proxy settings in the environment', async () => {
    const saved = { HTTP_PROXY: process.env.HTTP_PROXY, http_proxy: process.env.http_proxy };
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    process.env.http_proxy = 'http://127.0.0.1:9';
    try {
      const r = await checkLink(at('shop.pinned.example', '/landing'), {
        resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.1'] }),
        vetAddress: allowLoopbackForTest,
      });
      expect(r.status).toBe('ok');
      expect(server.requests).toHaveLength(1);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('a name that does not resolve is broken, in words', async () => {
    const r = await checkLink('https://gone.pinned.example/x', { resolve: fakeDns({}) });
    expect(r.status).toBe('broken');
    expect(r.reason).toContain('gone.pinned.example could not be found');
    expect(r.final_url).toBe('');
  });

  it('a name with no address at all is broken', async () => {
    const r = await checkLink('https://empty.pinned.example/', { resolve: async () => [] });
    expect(r.status).toBe('broken');
  });

  it('a resolver that never answers is a timeout within the run deadline', async () => {
    const r = await checkLink('https://hang.pinned.example/', {
      resolve: () => new Promise<ResolvedAddress[]>(() => undefined),
      deadlineAt: Date.now() + 800,
    });
    expect(r.status).toBe('timeout');
    expect(r.reason).toContain('run ran out of time');
  });

  it('a refused connection is broken', async () => {
    const closed = await startLocalServer(() => undefined);
    const port = closed.port;
    await closed.close();
    const r = await checkLink(`http://shop.pinned.example:${port}/`, {
      resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.1'] }),
      vetAddress: allowLoopbackForTest,
    });
    expect(r.status).toBe('broken');
    expect(r.reason).toContain('ECONNREFUSED');
  });
});

describe('reading answers', () => {
  const options = {
    resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.1'] }),
    vetAddress: allowLoopbackForTest,
  };

  it('follows a meta refresh in a gzip-compressed page', async () => {
    const r = await checkLink(at('shop.pinned.example', '/gzip-meta'), options);
    expect(r.status).toBe('ok');
    expect(r.final_url).toBe(at('shop.pinned.example', '/landing?from=meta'));
    expect(r.hops).toBe(1);
  });

  it('stops reading a huge page and still answers', async () => {
    const r = await checkLink(at('shop.pinned.example', '/huge'), options);
    expect(r.status).toBe('ok');
  });

  it('a page whose body never ends counts by its status, cut at the deadline', async () => {
    const r = await checkLink(at('shop.pinned.example', '/endless'), {
      ...options,
      deadlineAt: Date.now() + 1_000,
    });
    expect(r).toMatchObject({ status: 'ok', final_status: 200 });
  });

  it('a redirect without Location is broken', async () => {
    const r = await checkLink(at('shop.pinned.example', '/no-location'), options);
    expect(r).toMatchObject({ status: 'broken', final_status: 302 });
    expect(r.reason).toContain('without saying where to go');
  });
});

describe('request options', () => {
  it('sends the name as Host and TLS server name, and looks up only the pinned address', async () => {
    const options = requestOptions({
      target: new URL('https://shop.example:8443/p?q=1'),
      pinned: { address: '93.184.216.34', family: 4 },
      headers: {},
      deadlineAt: Date.now(),
    });
    expect(options).toMatchObject({
      hostname: 'shop.example',
      servername: 'shop.example',
      port: 8443,
      path: '/p?q=1',
      method: 'GET',
      agent: false,
    });
    const lookup = options.lookup;
    if (!lookup) throw new Error('no pinned lookup');
    const one = await new Promise<unknown[]>((resolve) =>
      lookup('anything.example', {}, (...args: unknown[]) => resolve(args)),
    );
    expect(one).toEqual([null, '93.184.216.34', 4]);
    const all = await new Promise<unknown[]>((resolve) =>
      lookup('anything.example', { all: true }, (...args: unknown[]) => resolve(args)),
    );
    expect(all).toEqual([null, [{ address: '93.184.216.34', family: 4 }]]);
  });
});
