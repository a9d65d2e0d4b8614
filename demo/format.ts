/**
 * Small helpers that turn the actions' outputs into the tour's plain lines: a step is a mark and
 * one sentence, with its key results indented under it; lists show a few items and "… and N more".
 */

/** How many items of a list the tour shows before "… and N more". */
export const SHOWN = 3;

// The app's own wording helpers: the tour counts and lists things as its messages do.
export { andList as joinWords, plural } from '../src/core/text';

/**
 * The first `shown` items, one line each, then "… and N more" with the true count of the rest.
 * Items `alsoShow` picks among the rest (failed rows, say) are shown too, at most `shown` of them,
 * in their place in the list.
 */
export function listWithMore<T>(
  items: readonly T[],
  shown: number,
  render: (item: T) => string,
  alsoShow: (item: T) => boolean = () => false,
): string[] {
  const extra = new Set(items.slice(shown).filter(alsoShow).slice(0, shown));
  const picked = items.filter((item, i) => i < shown || extra.has(item));
  const hidden = items.length - picked.length;
  return [...picked.map(render), ...(hidden > 0 ? [`… and ${hidden} more`] : [])];
}

/** A titled sub-list: "Links:" then its items indented under it; nothing when there are none. */
export function titledList<T>(
  title: string,
  items: readonly T[],
  shown: number,
  render: (item: T) => string,
): string[] {
  if (items.length === 0) return [];
  return [`${title}:`, ...listWithMore(items, shown, render).map((line) => `  ${line}`)];
}

const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "31 Aug 2025" for an ISO date or date-time (read in UTC); any other text is returned as is. */
export function day(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const [, year, month, date] = match;
  return `${Number(date)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** "from 1 Jun 2025 to 31 Aug 2025", "from 1 Jun 2025", "until 31 Aug 2025", or ''. */
export function dateRange(start: string | null, end: string | null): string {
  const from = start ? `from ${day(start)}` : '';
  const until = end ? `${start ? 'to' : 'until'} ${day(end)}` : '';
  return [from, until].filter(Boolean).join(' ');
}

/** Names by id, from records that carry both (trigger items, dropdown choices). */
export function namesOf(
  items: readonly { id: string | number; name: string }[],
): Map<string, string> {
  // Dropdown labels end with the id, "Acme Shoes (1001)": the name alone reads better in a sentence.
  return new Map(
    items.map(({ id, name }) => {
      const suffix = ` (${id})`;
      return [String(id), name.endsWith(suffix) ? name.slice(0, -suffix.length) : name];
    }),
  );
}

/** "Acme Shoes (advertiser 1001)", or "advertiser 1001" when the name is not known. */
export function named(
  names: ReadonlyMap<string, string>,
  noun: string,
  id: string | number | null,
): string {
  const name = id === null ? undefined : names.get(String(id));
  return name ? `${name} (${noun} ${id})` : `${noun} ${id ?? 'unknown'}`;
}

/** One row of a bulk action's output. */
export interface BulkRow {
  index: number;
  url: string | null;
  error: string | null;
}

/** A bulk action's rows: the first few and every refused one (up to a few), then "… and N more". */
export function bulkLines(rows: readonly BulkRow[]): string[] {
  return listWithMore(
    rows,
    SHOWN,
    (row) => (row.url ? `Row ${row.index} → ${row.url}` : `Row ${row.index} refused: ${row.error}`),
    (row) => !row.url,
  );
}

/** A step of the tour: its mark and one plain sentence, with its results indented under it. */
export function stepLines(
  mark: '✓' | '✗',
  sentence: string,
  details: readonly string[] = [],
): string {
  return [`${mark} ${sentence}`, ...details.map((line) => `    ${line}`)].join('\n');
}
