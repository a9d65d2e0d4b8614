import { vetAddress } from '../../src/linkCheck/address';
import { vetHostName } from '../../src/linkCheck/address';
import { vetUrlHost } from '../../src/linkCheck/address';
import { isIpLiteral } from '../../src/linkCheck/address';
import { vetPort } from '../../src/linkCheck/address';
import fc from 'fast-check';

const hostOf = (url: string): URL => new URL(url);

describe('vetAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['10.0.0.5', 'private'],
    ['172.16.4.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['100.100.100.200', 'carrier-grade NAT'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.0.8', 'reserved'],
    ['192.0.2.10', 'documentation'],
    ['198.51.100.7', 'documentation'],
    ['203.0.113.200', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['198.19.255.1', 'benchmarking'],
    ['192.88.99.1', 'reserved'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['fc00::1', 'unique-local'],
    ['fd00:ec2::254', 'unique-local'],
    ['fe80::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['2001:db8::1', 'documentation'],
    ['100::1', 'discard'],
    ['::ffff:127.0.0.1', 'IPv4 in IPv6 form'],
    ['::ffff:10.1.2.3', 'IPv4 in IPv6 form'],
    ['::ffff:169.254.169.254', 'IPv4 in IPv6 form'],
    ['::127.0.0.1', 'IPv4-compatible'],
    ['::10.0.0.1', 'IPv4-compatible'],
    ['64:ff9b::10.0.0.1', 'NAT64'],
    ['64:ff9b::169.254.169.254', 'NAT64'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:a9fe:a9fe::1', '6to4 of metadata'],
    // Teredo: server 65.54.227.120, client 127.0.0.1 (inverted: 0x80ff:0xfffe).
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', 'Teredo carrying loopback'],
  ])('refuses %s (%s)', (address) => {
    const vetting = vetAddress(address);
    expect(vetting.allowed).toBe(false);
    if (!vetting.allowed) expect(vetting.reason).toMatch(/not a public web address/);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '93.184.216.34',
    '151.101.1.69',
    '2606:4700:4700::1111',
    '2a00:1450:4009:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::8.8.8.8',
    '2002:808:808::1',
    // Teredo: server 65.54.227.120, client 8.8.8.8 (inverted: 0xf7f7:0xf7f7).
    '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
  ])('accepts the public address %s', (address) => {
    expect(vetAddress(address)).toEqual({ allowed: true });
  });

  it('says in words what kind of address was refused', () => {
    expect(vetAddress('169.254.169.254')).toEqual({
      allowed: false,
      reason: expect.stringContaining('link-local') as string,
    });
    expect(vetAddress('::ffff:10.0.0.1')).toEqual({
      allowed: false,
      reason: expect.stringMatching(/IPv4 address 10\.0\.0\.1 .*private network/) as string,
    });
  });

  it('refuses what is not an address at all', () => {
    expect(vetAddress('shop.example').allowed).toBe(false);
    expect(vetAddress('').allowed).toBe(false);
  });
});

describe('vetHostName', () => {
  it.each([
    'localhost',
    'LOCALHOST',
    'localhost.',
    'app.localhost',
    'printer.local',
    'metadata.google.internal',
    'db.internal',
    'router.localdomain',
    'nas.home.arpa',
    'intranet',
    'wpad',
  ])('refuses %s', (name) => {
    expect(vetHostName(name).allowed).toBe(false);
  });

  it.each(['www.awin1.com', 'tidd.ly', 'shop.acmeshoes.example', 'localhost.shop.example'])(
    'accepts %s',
    (name) => {
      expect(vetHostName(name)).toEqual({ allowed: true });
    },
  );
});

describe('vetUrlHost (hosts as the WHATWG URL parser normalises them)', () => {
  it.each([
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://0x7f.0.0.1/',
    'http://127.1/',
    'http://2852039166/',
    'http://0xa9fea9fe/',
    'http://0251.0376.0251.0376/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::1]/',
    'http://[fd00::1]:8080/',
    'http://10.0.0.5/admin',
    'http://localhost:3000/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://intranet/',
  ])('refuses %s', (url) => {
    expect(vetUrlHost(hostOf(url)).allowed).toBe(false);
  });

  it.each(['https://www.awin1.com/cread.php', 'http://8.8.8.8/', 'https://[2606:4700::1111]/'])(
    'accepts %s',
    (url) => {
      expect(vetUrlHost(hostOf(url))).toEqual({ allowed: true });
    },
  );

  it('knows an address from a name', () => {
    expect(isIpLiteral('127.0.0.1')).toBe(true);
    expect(isIpLiteral('[::1]')).toBe(true);
    expect(isIpLiteral('shop.example')).toBe(false);
  });
});

describe('vetPort', () => {
  it.each([
    'https://shop.example/',
    'http://shop.example/',
    'https://shop.example:443/',
    'http://shop.example:80/',
    // Unusual, but still a web port: the scheme decides how it is spoken to.
    'http://shop.example:443/',
    'https://shop.example:80/',
  ])('follows %s', (url) => {
    expect(vetPort(new URL(url))).toEqual({ allowed: true });
  });

  it.each([
    ['https://shop.example:8443/', '8443'],
    ['http://shop.example:8080/', '8080'],
    ['http://shop.example:22/', '22'],
    ['http://shop.example:25/', '25'],
    ['http://shop.example:6379/', '6379'],
    ['http://shop.example:0/', '0'],
    ['https://[2606:4700::1111]:65535/', '65535'],
  ])('refuses %s, saying port %s is not a web port', (url, port) => {
    expect(vetPort(new URL(url))).toEqual({
      allowed: false,
      reason: `${new URL(url).hostname} uses port ${port}, which is not a web port (only 80 and 443 are followed)`,
    });
  });
});

// --- properties ------------------------------------------------------------------------------------

const octet = fc.integer({ min: 0, max: 255 });

/** Random addresses inside the non-public IPv4 blocks, as four octets. */
const privateV4 = fc.oneof(
  fc.tuple(fc.constant(10), octet, octet, octet),
  fc.tuple(fc.constant(127), octet, octet, octet),
  fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
  fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
  fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
  fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
  fc.tuple(fc.constant(0), octet, octet, octet),
  fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet),
  fc.tuple(fc.constant(198), fc.integer({ min: 18, max: 19 }), octet, octet),
);

/** Random addresses in /8 blocks that hold no special-purpose range at all. */
const publicV4 = fc.tuple(
  fc.constantFrom(1, 8, 23, 34, 45, 52, 81, 104, 151, 185, 212, 217),
  octet,
  octet,
  octet,
);

type Octets = [number, number, number, number];

const asInteger = ([a, b, c, d]: Octets): number => ((a * 256 + b) * 256 + c) * 256 + d;

/** The spellings of one IPv4 address a URL may carry. */
function spellings(o: Octets): string[] {
  const n = asInteger(o);
  return [
    o.join('.'),
    String(n),
    `0x${n.toString(16)}`,
    o.map((x) => `0${x.toString(8)}`).join('.'),
    o.map((x) => `0x${x.toString(16)}`).join('.'),
    `${o[0]}.${o[1]}.${o[2] * 256 + o[3]}`,
    `[::ffff:${o.join('.')}]`,
  ];
}

describe('address vetting properties', () => {
  it('refuses every spelling of a non-public IPv4 address in a URL', () => {
    fc.assert(
      fc.property(privateV4, (o) => {
        for (const host of spellings(o as Octets)) {
          const vetting = vetUrlHost(new URL(`http://${host}/`));
          if (vetting.allowed) throw new Error(`${host} was allowed`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses non-public IPv4 addresses carried inside IPv6 forms', () => {
    fc.assert(
      fc.property(privateV4, (o) => {
        const [a, b, c, d] = o as Octets;
        const hi = ((a << 8) | b).toString(16);
        const lo = ((c << 8) | d).toString(16);
        for (const form of [
          `::ffff:${a}.${b}.${c}.${d}`,
          `::ffff:${hi}:${lo}`,
          `64:ff9b::${hi}:${lo}`,
          `2002:${hi}:${lo}::1`,
        ]) {
          if (vetAddress(form).allowed) throw new Error(`${form} was allowed`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('accepts every spelling of a public IPv4 address', () => {
    fc.assert(
      fc.property(publicV4, (o) => {
        for (const host of spellings(o as Octets)) {
          const vetting = vetUrlHost(new URL(`http://${host}/`));
          if (!vetting.allowed) throw new Error(`${host} was refused: ${vetting.reason}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('refuses every port but 80 and 443, on either scheme, naming it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 65535 }).filter((port) => port !== 80 && port !== 443),
        fc.constantFrom('http', 'https'),
        (port, scheme) => {
          const vetting = vetPort(new URL(`${scheme}://shop.example:${port}/`));
          expect(vetting.allowed).toBe(false);
          if (!vetting.allowed) expect(vetting.reason).toContain(`uses port ${port},`);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('refuses random unique-local and link-local IPv6, accepts random global unicast', () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const groups = fc.array(group, { minLength: 7, maxLength: 7 });
    fc.assert(
      fc.property(
        fc.integer({ min: 0xfc00, max: 0xfdff }),
        fc.integer({ min: 0xfe80, max: 0xfebf }),
        fc.integer({ min: 0x2a00, max: 0x2a0f }),
        groups,
        (ula, linkLocal, global, rest) => {
          const tail = rest.join(':');
          expect(vetAddress(`${ula.toString(16)}:${tail}`).allowed).toBe(false);
          expect(vetAddress(`${linkLocal.toString(16)}:${tail}`).allowed).toBe(false);
          expect(vetAddress(`${global.toString(16)}:${tail}`).allowed).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
