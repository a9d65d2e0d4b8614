import { decodeEntities } from '../core/text';

// Reading the first bytes of an HTML page the way a browser without JavaScript would: a
// `<meta http-equiv="refresh">` is a redirect it follows; a script that moves the page is only
// noticed (the check never runs scripts).

/** Longest meta-refresh delay still treated as a redirect (a longer one is a page people read). */
const MAX_META_REFRESH_DELAY_S = 10;

const META_TAG = /<meta\b[^>]*>/gi;
const HTTP_EQUIV_REFRESH = /\bhttp-equiv\s*=\s*(?:"\s*refresh\s*"|'\s*refresh\s*'|refresh\b)/i;
const CONTENT_ATTR = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/i;

/**
 * The target of the first meta refresh in `html` (as written, not yet resolved), when its delay is
 * at most `MAX_META_REFRESH_DELAY_S`; undefined otherwise. Parses `content` the way the HTML
 * standard does: a delay, then `;` or `,`, then an optional `url=`, optionally quoted.
 */
export function findMetaRefresh(html: string): string | undefined {
  for (const tag of html.match(META_TAG) ?? []) {
    if (!HTTP_EQUIV_REFRESH.test(tag)) continue;
    const content = CONTENT_ATTR.exec(tag);
    if (!content) continue;
    const value = decodeEntities(content[1] ?? content[2] ?? content[3] ?? '');
    const parsed = /^\s*(\d+(?:\.\d*)?)?\s*[;,]?\s*(?:url\s*=\s*)?(.*)$/is.exec(value);
    if (!parsed) continue;
    const delay = parsed[1] === undefined ? 0 : Number(parsed[1]);
    let target = parsed[2].trim();
    if (/^["']/.test(target)) target = target.slice(1).replace(/["'].*$/s, '');
    if (target === '' || delay > MAX_META_REFRESH_DELAY_S) continue;
    return target;
  }
  return undefined;
}

// The usual ways a page moves itself with JavaScript. Assignments only (`=` not followed by `=`),
// so a comparison such as `location.href == x` does not count.
const JS_REDIRECT = [
  /\blocation\s*\.\s*href\s*=(?!=)/,
  /\blocation\s*\.\s*(?:replace|assign)\s*\(/,
  /\b(?:window|document|top|self|parent)\s*\.\s*location\s*=(?!=)/,
];

/** True when the page looks like it redirects with JavaScript (which the check does not run). */
export function hasJavaScriptRedirect(html: string): boolean {
  return JS_REDIRECT.some((pattern) => pattern.test(html));
}
