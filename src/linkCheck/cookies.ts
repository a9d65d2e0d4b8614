// One cookie jar per check, thrown away after it. Tracking hops set cookies and some of them loop
// or fall back when a cookie is not sent back, so the check keeps them as a browser does. The rules
// are tough-cookie's (RFC 6265 with the public suffix list): a hop cannot set a cookie for a whole
// public suffix (`com`, `co.uk`), nor for a domain other than its own; `Path` and `Secure` hold.
// The library (with its public suffix list, a quarter of a megabyte) is loaded by the first check,
// never with the app: the build puts it in a file of its own (scripts/bundle.mjs, lazyPackages).
import type { CookieJar as RfcCookieJar } from 'tough-cookie';

// Bounds what one check keeps, so a hostile chain cannot grow it without limit.
const MAX_COOKIES = 50;
const MAX_COOKIE_LENGTH = 4096;

export class CookieJar {
  private stored = 0;

  private constructor(private readonly jar: RfcCookieJar) {}

  /** A new, empty jar for one check. */
  static async open(): Promise<CookieJar> {
    const { CookieJar: RfcJar } = await import('tough-cookie');
    return new CookieJar(
      new RfcJar(undefined, {
        rejectPublicSuffixes: true,
        // Strict parsing, as RFC 6265 writes it.
        looseMode: false,
        // A Secure cookie is kept only from an https page and sent only over https, for loopback
        // names too (the library would otherwise trust http://localhost as a browser does).
        enforceSecureOriginOnStorage: true,
        allowSecureOnLocal: false,
        // `__Secure-` and `__Host-` cookies that break their prefix's rules are dropped, as in browsers.
        prefixSecurity: 'strict',
      }),
    );
  }

  /** Remembers the `Set-Cookie` headers a response from `url` carried; refused ones are dropped. */
  store(url: URL, setCookie: string | string[] | undefined): void {
    if (setCookie === undefined) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      if (line.length > MAX_COOKIE_LENGTH || this.stored >= MAX_COOKIES) continue;
      try {
        // A cookie the rules refuse (public suffix, another site's domain, Secure over http,
        // unreadable) throws here: a browser ignores it, and so does the check.
        if (this.jar.setCookieSync(line, url.href) !== undefined) this.stored += 1;
      } catch {
        // Ignored, as above.
      }
    }
  }

  /** The `Cookie` header to send to `url`, or undefined when there is nothing to send. */
  header(url: URL): string | undefined {
    const header = this.jar.getCookieStringSync(url.href);
    return header === '' ? undefined : header;
  }
}
