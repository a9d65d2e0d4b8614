import { domainToASCII } from 'node:url';

/**
 * Adds query parameters to a link: existing parameters are kept exactly as they are, except those
 * with the same name as a new one, which the new value replaces. Values are URL-encoded.
 */
export function withQueryParameters(link: string, parameters: [string, string][]): string {
  if (parameters.length === 0) return link;
  const hashAt = link.indexOf('#');
  const hash = hashAt >= 0 ? link.slice(hashAt) : '';
  const beforeHash = hashAt >= 0 ? link.slice(0, hashAt) : link;
  const queryAt = beforeHash.indexOf('?');
  const base = queryAt >= 0 ? beforeHash.slice(0, queryAt) : beforeHash;
  const query = queryAt >= 0 ? beforeHash.slice(queryAt + 1) : '';
  const replaced = new Set(parameters.map(([name]) => name));
  const kept = query.split('&').filter((pair) => pair !== '' && !replaced.has(pairName(pair)));
  const added = new URLSearchParams(parameters).toString();
  return `${base}?${[...kept, added].join('&')}${hash}`;
}

function pairName(pair: string): string {
  const raw = pair.split('=')[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** A host matches a domain when it equals it or is a subdomain of it (any case, trailing dot ignored). */
export function hostMatches(host: string, domain: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  const d = domain.toLowerCase().replace(/\.$/, '');
  return d !== '' && (h === d || h.endsWith(`.${d}`));
}

// --- domains --------------------------------------------------------------------------------------

const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

const MAX_DOMAIN_LENGTH = 253;

/** The host part of a domain value that may be a bare host, `host/path`, `//host` or a full URL. */
function hostPart(value: string): string | undefined {
  if (SCHEME.test(value)) {
    try {
      return new URL(value).hostname;
    } catch {
      return undefined;
    }
  }
  const withoutSlashes = value.replace(/^\/\//, '');
  const authority = withoutSlashes.split(/[/?#]/)[0];
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host.replace(/:\d*$/, '');
}

function isValidDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > MAX_DOMAIN_LENGTH) return false;
  const labels = domain.split('.');
  // At least two labels, so a stray "com" never matches a whole top-level domain; TLDs are not numbers.
  if (labels.length < 2 || /^\d+$/.test(labels[labels.length - 1])) return false;
  return labels.every((label) => LABEL.test(label));
}

/**
 * A host or domain value in one comparable form, wherever it comes from (a user's Expected
 * Domain, a network's valid domains, a landing page): lower-case ASCII (international names in
 * punycode), without scheme, user info, port, path, trailing dots, a `*.` wildcard or leading
 * `www.` labels (shops move visitors between `www` and the bare domain all the time). Undefined
 * when no usable domain name is left (an IP address, a single label …).
 */
export function normalizeDomain(value: string): string | undefined {
  const host = hostPart(value.trim());
  if (host === undefined || host.includes('[')) return undefined;
  const ascii = domainToASCII(host.toLowerCase().replace(/^\*\./, ''));
  const domain = ascii.replace(/\.+$/, '').replace(/^(?:www\.)+/, '');
  return isValidDomain(domain) ? domain : undefined;
}

/** The distinct normalised domains of a list of values; unusable values are left out. */
export function normalizeDomains(values: readonly (string | null | undefined)[]): string[] {
  const domains = values.flatMap((value) => {
    const domain = typeof value === 'string' ? normalizeDomain(value) : undefined;
    return domain === undefined ? [] : [domain];
  });
  return [...new Set(domains)];
}

/** The normalised host of an absolute URL, or undefined. */
export function hostOfUrl(url: string): string | undefined {
  try {
    return normalizeDomain(new URL(url.trim()).hostname);
  } catch {
    return undefined;
  }
}

/**
 * A landing page as users should read it: query parameters whose value is a tracking macro
 * such as {transaction_id} (filled in by the network on a click) are left out.
 */
export function withoutMacros(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const macros = [...parsed.searchParams].filter(([, value]) => /\{[^}]*\}/.test(value));
  if (macros.length === 0) return url;
  for (const [name] of macros) parsed.searchParams.delete(name);
  return parsed.toString();
}
