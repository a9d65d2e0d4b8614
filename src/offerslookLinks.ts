import type { ZObject } from 'zapier-platform-core';
import { OFFERSLOOK_MAX_IDS_PER_RUN, type OfferslookTrackingLink } from './offerslook';
import { describe as describeValue, invalidInput, parsePositiveInt } from './validate';

/**
 * The pieces of "Get Offerslook Tracking Links" that need no network: reading the offer ids a
 * user mapped, reading the impression pixel, and laying out the answer in input order.
 */

export const OFFER_IDS_LABEL = 'Offers';

export type ParsedOfferIds = { ok: true; ids: number[] } | { ok: false; bad: unknown };

/** Everything that separates ids in one spreadsheet cell: commas, semicolons, any white space. */
const SEPARATORS = /[\s,;]+/;

function tokens(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(tokens);
  if (typeof value === 'string') return value.split(SEPARATORS).filter((token) => token !== '');
  if (value === undefined || value === null) return [];
  return [value];
}

/**
 * Reads a list of ids, one comma/semicolon/space-separated string, or a list of such strings into
 * distinct positive integers, first-seen order kept. The first value that is not an id is reported.
 */
export function parseOfferIds(value: unknown): ParsedOfferIds {
  const ids = new Set<number>();
  for (const token of tokens(value)) {
    const id = parsePositiveInt(token);
    if (id === undefined) return { ok: false, bad: token };
    ids.add(id);
  }
  return { ok: true, ids: [...ids] };
}

/** parseOfferIds, with the run's limits, as errors that name the field and the fix. */
export function readOfferIds(z: ZObject, value: unknown): number[] {
  const parsed = parseOfferIds(value);
  if (!parsed.ok) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} must be offer IDs (positive whole numbers such as 16), but ${describeValue(parsed.bad)} ` +
        'is not one. Choose offers from the list, or map numbers separated by commas.',
    );
  }
  if (parsed.ids.length === 0) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} is empty. Choose at least one offer, or map a field that holds offer IDs.`,
    );
  }
  if (parsed.ids.length > OFFERSLOOK_MAX_IDS_PER_RUN) {
    throw invalidInput(
      z,
      `${OFFER_IDS_LABEL} holds ${parsed.ids.length} different offers; one run takes at most ` +
        `${OFFERSLOOK_MAX_IDS_PER_RUN}. Split the list into runs of up to ${OFFERSLOOK_MAX_IDS_PER_RUN} ` +
        '(for example with Looping by Zapier).',
    );
  }
  return parsed.ids;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes the HTML entities a URL inside an attribute can carry (&amp;, &#38;, &#x26; …). */
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

export type OfferslookLink = {
  offer_id: number;
  url: string;
  impression_pixel: string | null;
  impression_url: string | null;
};

export type OfferslookTrackingLinks = {
  links: OfferslookLink[];
  missing_offer_ids: number[];
  missing_offer_ids_hint: string;
  url: string | null;
};

const HINT_IDS_SHOWN = 20;

/** Why some offers have no link, in words a user can act on; '' when none are missing. */
export function missingHint(missing: number[]): string {
  if (missing.length === 0) return '';
  const listed = missing.slice(0, HINT_IDS_SHOWN).join(', ');
  const more =
    missing.length > HINT_IDS_SHOWN ? ` and ${missing.length - HINT_IDS_SHOWN} more` : '';
  const one = missing.length === 1;
  return (
    `Offerslook returned no link for ${one ? 'offer' : 'offers'} ${listed}${more}: an offer must be ` +
    `approved for you or public (offer_approval 2). Ask your network to approve ${one ? 'it' : 'them'}, ` +
    'or check the IDs.'
  );
}

/** Lays the answers out in the order of the requested ids and lists the ids left out. */
export function trackingLinksOutput(
  ids: number[],
  answers: OfferslookTrackingLink[],
): OfferslookTrackingLinks {
  const byId = new Map<number, OfferslookTrackingLink>();
  for (const answer of answers) if (!byId.has(answer.offer_id)) byId.set(answer.offer_id, answer);
  const links = ids.flatMap((id): OfferslookLink[] => {
    const answer = byId.get(id);
    if (answer === undefined) return [];
    const { url, impression_pixel } = answer;
    return [
      { offer_id: id, url, impression_pixel, impression_url: impressionUrl(impression_pixel) },
    ];
  });
  const missing = ids.filter((id) => !byId.has(id));
  return {
    links,
    missing_offer_ids: missing,
    missing_offer_ids_hint: missingHint(missing),
    url: links[0]?.url ?? null,
  };
}
