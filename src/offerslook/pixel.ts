import { decodeEntities } from '../core/text';

/** The attributes of a tag's inside, names lower-cased; the first of a repeated name wins. */
function attributes(inside: string): Map<string, string> {
  const found = new Map<string, string>();
  const attribute = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>`]+)))?/g;
  for (const match of inside.matchAll(attribute)) {
    const name = match[1].toLowerCase();
    if (!found.has(name)) found.set(name, match[2] ?? match[3] ?? match[4] ?? '');
  }
  return found;
}

/**
 * The pixel's own URL: the `src` of the `<img>` tag Offerslook sends (single or double quotes or
 * none, any attribute order, entities decoded), or the text itself when it is a bare URL.
 */
export function impressionUrl(pixel: string | null): string | null {
  const text = pixel?.trim() ?? '';
  const tag = /<img\b((?:[^>"']|"[^"]*"|'[^']*')*)/i.exec(text);
  const raw = tag ? attributes(tag[1]).get('src') : text;
  const url = decodeEntities(raw ?? '').trim();
  return /^(https?:)?\/\/[^\s]/i.test(url) ? url : null;
}
