export function clip(text: string, max = 300): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Exact (case-insensitive) name matches first, then names that contain the text; A–Z within each. */
export function rankByName<T extends { name: string }>(items: T[], query: string): T[] {
  const needle = query.trim().toLowerCase();
  const score = (item: T): number => {
    const name = item.name.trim().toLowerCase();
    if (name === needle) return 0;
    if (name.startsWith(needle)) return 1;
    return name.includes(needle) ? 2 : -1;
  };
  return items
    .map((item) => ({ item, rank: score(item) }))
    .filter(({ rank }) => rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.item.name.localeCompare(b.item.name))
    .map(({ item }) => item);
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  return wordList(items, 'or');
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  return wordList(items, 'and');
}

function wordList(items: readonly string[], conjunction: 'and' | 'or'): string {
  return items.length < 2
    ? items.join('')
    : `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** "1 link", "3 links"; `many` for plurals that do not just add an s ("2 matches"). */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the HTML character references a URL inside an attribute can carry (&amp;, &#38;, &#x26; …). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (entity, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? entity;
  });
}

/**
 * A whole number with thousands separators ("1,000"), without Intl: toLocaleString sets up Intl
 * on first use (10–20 ms), and help texts are built when the app loads, on every Zap run.
 */
export function thousands(value: number): string {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A network's time as ISO-8601 UTC: Unix seconds, or text with an offset, or text without one (read
 * as UTC: the reports are asked for in UTC). Undefined when it is no time at all.
 */
export function utcTime(value: string | number | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') {
    return Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : undefined;
  }
  const text = value.trim();
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const withZone = /([zZ]|[+-]\d{2}:?\d{2})$/.test(text)
    ? text
    : `${text.replace(' ', 'T')}${text.length === 10 ? 'T00:00:00' : ''}Z`;
  const at = Date.parse(withZone);
  return Number.isNaN(at) ? undefined : new Date(at).toISOString();
}
