// A deliberately small cookie jar, one per check and thrown away after it. Tracking hops set
// cookies and some of them loop or fall back when a cookie is not sent back, so the check keeps
// them like a browser would; it does not need the full RFC 6265 rules for that.

interface Cookie {
  name: string;
  value: string;
  /** Lower-case host the cookie belongs to. */
  domain: string;
  /** True without a Domain attribute: only the exact host gets it back. */
  hostOnly: boolean;
  secure: boolean;
}

// Bounds what one check keeps, so a hostile chain cannot grow it without limit.
const MAX_COOKIES = 50;
const MAX_COOKIE_LENGTH = 4096;

export class CookieJar {
  private readonly cookies: Cookie[] = [];

  /** Remembers the `Set-Cookie` headers a response from `url` carried. */
  store(url: URL, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    const host = url.hostname.toLowerCase();
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      if (line.length > MAX_COOKIE_LENGTH) continue;
      const [pair, ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let domain = host;
      let hostOnly = true;
      let secure = false;
      let expired = false;
      for (const attribute of attributes) {
        const [rawKey, ...rest] = attribute.split('=');
        const key = rawKey.trim().toLowerCase();
        const attrValue = rest.join('=').trim();
        if (key === 'domain' && attrValue !== '') {
          const wanted = attrValue.replace(/^\./, '').toLowerCase();
          // A site may only set cookies for itself or a parent domain of itself.
          if (wanted !== host && !host.endsWith(`.${wanted}`)) {
            expired = true;
            break;
          }
          domain = wanted;
          hostOnly = false;
        } else if (key === 'secure') {
          secure = true;
        } else if (key === 'max-age' && Number(attrValue) <= 0) {
          expired = true;
        } else if (key === 'expires' && Date.parse(attrValue) <= Date.now()) {
          expired = true;
        }
      }
      const index = this.cookies.findIndex((c) => c.name === name && c.domain === domain);
      if (index >= 0) this.cookies.splice(index, 1);
      if (!expired && this.cookies.length < MAX_COOKIES) {
        this.cookies.push({ name, value, domain, hostOnly, secure });
      }
    }
  }

  /** The `Cookie` header to send to `url`, or undefined when there is nothing to send. */
  header(url: URL): string | undefined {
    const host = url.hostname.toLowerCase();
    const https = url.protocol === 'https:';
    const matching = this.cookies.filter(
      (c) =>
        (!c.secure || https) &&
        (c.domain === host || (!c.hostOnly && host.endsWith(`.${c.domain}`))),
    );
    if (matching.length === 0) return undefined;
    return matching.map((c) => `${c.name}=${c.value}`).join('; ');
  }
}
