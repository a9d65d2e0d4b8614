// Which hosts a link check may talk to. A check follows links that anybody can type into a Zap,
// so every host of every hop is vetted here first (OWASP SSRF cheat sheet: a denylist of
// non-public addresses, since shops can be anywhere). Pure functions, no I/O.
import ipaddr from 'ipaddr.js';

export type Vetting = { allowed: true } | { allowed: false; reason: string };

/** Decides about one resolved address; injectable in tests only (see `FollowOptions.vetAddress`). */
export type AddressVetter = (address: string) => Vetting;

const ALLOWED: Vetting = { allowed: true };

function refused(reason: string): Vetting {
  return { allowed: false, reason };
}

// Words for each range name ipaddr.js gives, so a no-code user sees what kind of place it is.
const RANGE_WORDS: Readonly<Record<string, string>> = {
  unspecified: 'an unspecified ("this network") address',
  broadcast: 'the broadcast address',
  multicast: 'a multicast address',
  linkLocal: 'a link-local address (where cloud servers keep their private settings)',
  loopback: "the checking server's own (loopback) address",
  carrierGradeNat: 'a carrier-grade NAT (shared, non-public) address',
  private: 'a private network address',
  reserved: 'a reserved, documentation or benchmarking address',
  benchmarking: 'a benchmarking address',
  amt: 'a special-purpose (AMT relay) address',
  as112: 'a special-purpose (AS112) address',
  as112v6: 'a special-purpose (AS112) address',
  uniqueLocal: 'a private (unique-local IPv6) address',
  discard: 'a discard-only IPv6 address',
  deprecated: 'a deprecated special-purpose IPv6 address',
  orchid2: 'a special-purpose (ORCHID) IPv6 address',
  droneRemoteIdProtocolEntityTags: 'a special-purpose IPv6 address',
};

// Blocks that ipaddr.js may still call `unicast`, or that it does not name at all. Listed as CIDR
// strings and matched with ipaddr.js, so the library does the bit work.
const EXTRA_REFUSED_V4: readonly [string, string][] = [
  ['0.0.0.0/8', RANGE_WORDS.unspecified],
  ['192.0.0.0/24', RANGE_WORDS.reserved],
  ['192.0.2.0/24', RANGE_WORDS.reserved],
  ['198.51.100.0/24', RANGE_WORDS.reserved],
  ['203.0.113.0/24', RANGE_WORDS.reserved],
  ['198.18.0.0/15', RANGE_WORDS.reserved],
  ['192.88.99.0/24', RANGE_WORDS.reserved],
  ['240.0.0.0/4', RANGE_WORDS.reserved],
];
const EXTRA_REFUSED_V6: readonly [string, string][] = [
  ['fec0::/10', 'a site-local IPv6 address (a private network)'],
  ['2001:db8::/32', 'a documentation IPv6 address'],
  ['100::/64', RANGE_WORDS.discard],
  // Local-use NAT64 (RFC 8215): where the IPv4 sits inside it is up to each network.
  ['64:ff9b:1::/48', 'a local-use NAT64 address'],
];
// Parsed on first use, not when the app loads: most Zap runs never check a link.
let extraV4: (readonly [[ipaddr.IPv4, number], string])[] | undefined;
let extraV6: (readonly [[ipaddr.IPv6, number], string])[] | undefined;
const EXTRA_V4 = () =>
  (extraV4 ??= EXTRA_REFUSED_V4.map(
    ([cidr, words]) => [ipaddr.IPv4.parseCIDR(cidr), words] as const,
  ));
const EXTRA_V6 = () =>
  (extraV6 ??= EXTRA_REFUSED_V6.map(
    ([cidr, words]) => [ipaddr.IPv6.parseCIDR(cidr), words] as const,
  ));

function describe(address: string, words: string): string {
  return `${address} is ${words}, not a public web address`;
}

/** Words for a refused IPv4 address, or undefined when it is public unicast. */
function v4Words(ip: ipaddr.IPv4): string | undefined {
  const range = ip.range();
  if (range !== 'unicast') return RANGE_WORDS[range] ?? 'not public';
  return EXTRA_V4().find(([cidr]) => ip.match(cidr))?.[1];
}

function vetV4(ip: ipaddr.IPv4, shown: string): Vetting {
  const words = v4Words(ip);
  return words === undefined ? ALLOWED : refused(describe(shown, words));
}

function v4FromParts(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/** The IPv4 addresses an IPv6 transition form carries, or undefined when it carries none. */
function embeddedV4(ip: ipaddr.IPv6): ipaddr.IPv4[] | undefined {
  const p = ip.parts;
  switch (ip.range()) {
    case 'ipv4Mapped':
      return [ip.toIPv4Address()];
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d (NAT64)
      return [v4FromParts(p[6], p[7])];
    case '6to4': // 2002:AABB:CCDD::/48
      return [v4FromParts(p[1], p[2])];
    case 'teredo':
      // Server address in clear, client address inverted (RFC 4380): both must be public.
      return [v4FromParts(p[2], p[3]), v4FromParts(~p[6] & 0xffff, ~p[7] & 0xffff)];
    default:
      // IPv4-compatible ::a.b.c.d (deprecated, but a stack may still route it to IPv4).
      if (p.slice(0, 6).every((part) => part === 0)) return [v4FromParts(p[6], p[7])];
      return undefined;
  }
}

function vetV6(ip: ipaddr.IPv6, shown: string): Vetting {
  const range = ip.range();
  // `::` and `::1` sit inside ::/96 as well, so name them before looking for an embedded IPv4.
  if (range === 'unspecified' || range === 'loopback') {
    return refused(describe(shown, RANGE_WORDS[range]));
  }
  const carried = embeddedV4(ip);
  if (carried) {
    for (const v4 of carried) {
      const words = v4Words(v4);
      if (words !== undefined) {
        return refused(
          describe(`${shown} (the IPv4 address ${v4.toString()} in IPv6 form)`, words),
        );
      }
    }
    return ALLOWED;
  }
  if (range !== 'unicast') return refused(describe(shown, RANGE_WORDS[range] ?? 'not public'));
  for (const [cidr, words] of EXTRA_V6()) {
    if (ip.match(cidr)) return refused(describe(shown, words));
  }
  return ALLOWED;
}

/**
 * Vets one IP address (as DNS answers it, or as a URL's host). Only public unicast addresses are
 * allowed; IPv6 forms that carry an IPv4 address are judged by that IPv4 address.
 */
export function vetAddress(address: string): Vetting {
  const text = stripBrackets(address.trim());
  if (!ipaddr.isValid(text)) return refused(`${address} is not an IP address`);
  const ip = ipaddr.parse(text);
  return ip.kind() === 'ipv4' ? vetV4(ip as ipaddr.IPv4, text) : vetV6(ip as ipaddr.IPv6, text);
}

function stripBrackets(host: string): string {
  return host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
}

// Suffixes that never name a public web site: `.localhost` (RFC 6761), `.local` (mDNS),
// `.internal` (cloud-internal names such as metadata.google.internal), plus the usual home-router
// domains `.localdomain` and `.home.arpa` (RFC 8375).
const REFUSED_SUFFIXES = ['localhost', 'local', 'internal', 'localdomain', 'home.arpa'];

/** Vets a host NAME (not an address): refuses names that can only mean a machine nearby. */
export function vetHostName(name: string): Vetting {
  const host = name.trim().toLowerCase().replace(/\.$/, '');
  if (host === '') return refused('the link has no host name');
  for (const suffix of REFUSED_SUFFIXES) {
    if (host === suffix || host.endsWith(`.${suffix}`)) {
      return refused(`${name} is a local or internal name, not a public web site`);
    }
  }
  if (!host.includes('.')) {
    return refused(`${name} is a single-word name that only works inside a private network`);
  }
  return ALLOWED;
}

/** True when the host of a parsed URL is an IP address rather than a name. */
export function isIpLiteral(hostname: string): boolean {
  const text = stripBrackets(hostname);
  // A WHATWG URL host that is a valid IPv4 is always dotted-decimal; anything ipaddr.js accepts
  // in other spellings (e.g. `0x7f.1`) has been normalised away by then, so this is exact.
  return ipaddr.IPv6.isValid(text) || ipaddr.IPv4.isValidFourPartDecimal(text);
}

/** The ports a check follows: the web's own (a URL without a port means its scheme's, 80 or 443). */
export const WEB_PORTS: readonly number[] = [80, 443];

/** Decides about a URL's port; injectable in tests only (see `FollowOptions.vetPort`). */
export type PortVetter = (url: URL) => Vetting;

/**
 * Vets the port of a URL. Anything but 80 and 443 is refused: a link that names another port
 * reaches a database, a mail server or an admin page far more often than a shop.
 */
export function vetPort(url: URL): Vetting {
  // The WHATWG parser drops a port that is the scheme's default, so '' means 80 or 443.
  if (url.port === '' || WEB_PORTS.includes(Number(url.port))) return ALLOWED;
  return refused(
    `${url.hostname} uses port ${url.port}, which is not a web port (only ${WEB_PORTS.join(' and ')} ` +
      'are followed)',
  );
}

/**
 * Vets the host of a URL as the WHATWG parser normalised it: IPv4 written in decimal, hex or octal
 * (`2130706433`, `0x7f000001`, `0177.0.0.1`) is dotted-decimal by then, so it is vetted as the
 * address it really is. Names are vetted by name only (their addresses are vetted once resolved).
 */
export function vetUrlHost(url: URL): Vetting {
  const host = url.hostname;
  if (isIpLiteral(host)) return vetAddress(host);
  // A name the URL parser left alone can still be an address in another spelling for ipaddr.js;
  // refuse it rather than guess how a resolver would read it.
  if (ipaddr.isValid(host))
    return refused(`${host} looks like an IP address written in an unusual way`);
  return vetHostName(host);
}
