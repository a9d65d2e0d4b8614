import { Deadline } from '../../src/core/deadline';
import { type Resolver } from '../../src/linkCheck/types';
import { type ResolvedAddress } from '../../src/linkCheck/types';
import { checkLink } from '../../src/linkCheck/check';
// The real (non-test) mode: names are resolved, every address vetted, and the connection goes to
// the vetted address. DNS is injected, so no name ever reaches a real resolver, and the only
// server is a local one on 127.0.0.1, reachable only through a test-only vetting override.
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { requestOptions } from '../../src/linkCheck/http';
import {
  type AddressVetter,
  type PortVetter,
  vetAddress,
  vetPort,
} from '../../src/linkCheck/address';
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

/** TEST ONLY: the local server cannot be on port 80 or 443, so its own port passes too. */
const serverPortForTest: PortVetter = (url) =>
  url.port === String(server.port) ? { allowed: true } : vetPort(url);

/** TEST ONLY: every 127.x.y.z passes, so one name can have several local addresses. */
const allowLoopbackRangeForTest: AddressVetter = (address) =>
  address.startsWith('127.') ? { allowed: true } : vetAddress(address);

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
    } else if (path === '/to-other-port') {
      res.writeHead(302, { Location: 'http://next.pinned.example:6379/' });
      res.end();
    } else if (path === '/reset') {
      // Connected, request read, then the connection dropped: the click happened.
      req.socket.destroy();
    } else if (path === '/cookies') {
      res.writeHead(302, {
        Location: '/deep/next',
        'Set-Cookie': [
          'site=1; Path=/',
          'deep=1; Path=/deep',
          // Secure, over plain http: a browser does not keep it.
          'sec=1; Path=/; Secure',
          // For every name under the public suffix `example`: refused.
          'wide=1; Path=/; Domain=example',
          // For the site and its subdomains: kept.
          'shared=1; Path=/; Domain=pinned.example',
        ],
      });
      res.end();
    } else if (path === '/deep/next') {
      res.writeHead(302, { Location: `http://next.pinned.example:${server.port}/landing?awc=1` });
      res.end();
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
    const r = await checkLink(at('shop.pinned.example', '/start'), {
      resolve: dns,
      vetPort: serverPortForTest,
    });
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
      vetPort: serverPortForTest,
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
      vetPort: serverPortForTest,
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
    const blocked = await checkLink(at('127.0.0.1', '/landing'), {
      resolve: dns,
      vetPort: serverPortForTest,
    });
    expect(blocked.status).toBe('blocked');
    expect(server.requests).toEqual([]);
    const allowed = await checkLink(at('127.0.0.1', '/landing'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
      vetPort: serverPortForTest,
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
        vetPort: serverPortForTest,
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
      deadline: Deadline.fromNow(800),
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
      vetPort: () => ({ allowed: true }),
    });
    expect(r.status).toBe('broken');
    expect(r.reason).toContain('ECONNREFUSED');
  });
});

describe('ports: only 80 and 443 are followed', () => {
  it.each([
    ["the local server's port", 0],
    ['port 8080', 8080],
    ['port 22 (SSH)', 22],
    ['port 6379 (Redis)', 6379],
  ])('blocks a public host on %s, sending nothing, not even a DNS question', async (_, given) => {
    const port = given === 0 ? server.port : given;
    const dns = fakeDns({ 'shop.pinned.example': ['127.0.0.1'] });
    // The address passes (as a public one would): only the port stops the check.
    const r = await checkLink(`http://shop.pinned.example:${port}/landing`, {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
    });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain(
      `shop.pinned.example uses port ${port}, which is not a web port (only 80 and 443 are followed)`,
    );
    expect(r.reason).toContain('only followed on the web ports 80 and 443');
    expect(r).toMatchObject({ final_url: '', hops: 0, redirects: [] });
    expect(dns.asked).toEqual([]);
    expect(server.requests).toEqual([]);
  });

  it('blocks a literal address on another port, sending nothing', async () => {
    const r = await checkLink(`http://127.0.0.1:${server.port}/landing`, {
      vetAddress: allowLoopbackForTest,
    });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain(`uses port ${server.port}, which is not a web port`);
    expect(server.requests).toEqual([]);
  });

  it('blocks a redirect to another port at that hop', async () => {
    const dns = fakeDns({
      'shop.pinned.example': ['127.0.0.1'],
      'next.pinned.example': ['127.0.0.1'],
    });
    const r = await checkLink(at('shop.pinned.example', '/to-other-port'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
      vetPort: serverPortForTest,
    });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('stopped at step 2');
    expect(r.reason).toContain('uses port 6379, which is not a web port');
    expect(r.hops).toBe(0);
    expect(dns.asked).toEqual(['shop.pinned.example']);
    expect(server.requests.map((q) => q.url)).toEqual(['/to-other-port']);
  });

  it('a random port other than 80 and 443 is always blocked before anything goes out', async () => {
    const port = fc.integer({ min: 1, max: 65535 }).filter((p) => p !== 80 && p !== 443);
    await fc.assert(
      fc.asyncProperty(port, fc.constantFrom('http', 'https'), async (p, scheme) => {
        const dns = fakeDns({ 'shop.pinned.example': ['127.0.0.1'] });
        const r = await checkLink(`${scheme}://shop.pinned.example:${p}/landing`, {
          resolve: dns,
          vetAddress: allowLoopbackForTest,
        });
        expect(r.status).toBe('blocked');
        expect(r.reason).toContain(`uses port ${p}, which is not a web port`);
        expect(dns.asked).toEqual([]);
      }),
      { numRuns: 100 },
    );
    expect(server.requests).toEqual([]);
  });
});

describe('names with several addresses', () => {
  it('blocks a name resolving to [public, private], sending nothing', async () => {
    // 127.0.0.1 stands for the public address here (the override lets it pass).
    const dns = fakeDns({ 'shop.pinned.example': ['127.0.0.1', '192.168.1.20'] });
    const r = await checkLink(at('shop.pinned.example', '/landing'), {
      resolve: dns,
      vetAddress: allowLoopbackForTest,
      vetPort: serverPortForTest,
    });
    expect(r.status).toBe('blocked');
    expect(r.reason).toContain('shop.pinned.example points to 192.168.1.20');
    expect(server.requests).toEqual([]);
  });

  it('tries the vetted addresses in order: a first address that is down is passed over', async () => {
    // Nothing listens on 127.0.0.2 and 127.0.0.3: connecting there is refused.
    const dns = fakeDns({
      'shop.pinned.example': ['127.0.0.2', '127.0.0.3', '127.0.0.1'],
      'next.pinned.example': ['127.0.0.2', '127.0.0.1'],
    });
    const r = await checkLink(at('shop.pinned.example', '/start'), {
      resolve: dns,
      vetAddress: allowLoopbackRangeForTest,
      vetPort: serverPortForTest,
    });
    expect(r).toMatchObject({ status: 'ok', hops: 1, final_status: 200 });
    expect(server.requests.map((q) => [q.host, q.url])).toEqual([
      [`shop.pinned.example:${server.port}`, '/start'],
      [`next.pinned.example:${server.port}`, '/landing?awc=1'],
    ]);
  });

  it('is broken when no address can be connected to, saying it tried each', async () => {
    const r = await checkLink(at('shop.pinned.example', '/landing'), {
      resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.2', '127.0.0.3'] }),
      vetAddress: allowLoopbackRangeForTest,
      vetPort: serverPortForTest,
    });
    expect(r.status).toBe('broken');
    expect(r.reason).toContain('ECONNREFUSED at each of its 2 addresses');
    expect(r.final_url).toBe(at('shop.pinned.example', '/landing'));
  });

  it('does not try the next address once one was connected to: the click happened', async () => {
    const r = await checkLink(at('shop.pinned.example', '/reset'), {
      resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.1', '127.0.0.1'] }),
      vetAddress: allowLoopbackForTest,
      vetPort: serverPortForTest,
    });
    expect(r.status).toBe('broken');
    expect(r.reason).toContain('ECONNRESET');
    expect(server.requests.map((q) => q.url)).toEqual(['/reset']);
  });
});

describe('cookies, one jar per check', () => {
  const options = () => ({
    resolve: fakeDns({
      'shop.pinned.example': ['127.0.0.1'],
      'next.pinned.example': ['127.0.0.1'],
    }),
    vetAddress: allowLoopbackForTest,
    vetPort: serverPortForTest,
  });

  it('sends a cookie back only on its Path, never a Secure one over http nor one for a public suffix', async () => {
    const r = await checkLink(at('shop.pinned.example', '/cookies'), options());
    expect(r).toMatchObject({ status: 'ok', hops: 2 });
    const cookies = server.requests.map((q) => [q.url, q.headers.cookie]);
    expect(cookies).toEqual([
      ['/cookies', undefined],
      ['/deep/next', 'deep=1; site=1; shared=1'],
      // Another host of the same site: only the Domain cookie goes along.
      ['/landing?awc=1', 'shared=1'],
    ]);
  });

  it('forgets the cookies after the check', async () => {
    await checkLink(at('shop.pinned.example', '/cookies'), options());
    server.requests.length = 0;
    await checkLink(at('shop.pinned.example', '/deep/next'), options());
    expect(server.requests.map((q) => q.headers.cookie)).toEqual([undefined, undefined]);
  });
});

describe('reading answers', () => {
  const options = {
    resolve: fakeDns({ 'shop.pinned.example': ['127.0.0.1'] }),
    vetAddress: allowLoopbackForTest,
    vetPort: serverPortForTest,
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
      deadline: Deadline.fromNow(1_000),
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
      deadline: Deadline.fromNow(0),
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
