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
