import { malformed } from '../core/errors';
import { parseJsonBody } from '../core/http';
import { AWIN_NAME, awinProblem } from './errors';
import {
  AWIN_CLICK_PARAMETERS,
  batchItemSchema,
  echoSchema,
  generateSchema,
  type AwinBatchOutcome,
  type AwinLinkRequest,
  type BatchItem,
} from './schemas';

/**
 * Awin's generate-batch answers paired with the requests that asked for them. Awin echoes each
 * item's request; pairing is by that identity, never by position alone or by advertiser alone, so a
 * row never gets another row's link. Where the echo is missing or unreadable, the link itself must
 * name the row (its advertiser, destination and click parameters), or the row gets an error.
 */

/** A generate-batch item as Awin sent it, or undefined when it is not even that. */
function itemOf(value: unknown): BatchItem | undefined {
  const parsed = batchItemSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

function normalUrl(url: string | null | undefined): string {
  const text = url?.trim() ?? '';
  if (text === '') return '';
  try {
    return new URL(text).href; // Awin echoes "https://shop.example" as "https://shop.example/"
  } catch {
    return text;
  }
}

/** What identifies one link request: its advertiser, destination and filled click parameters. */
export function requestKey(request: {
  advertiserId: number;
  destinationUrl?: string | null;
  parameters?: Record<string, unknown> | null;
}): string {
  const parameters = Object.entries(request.parameters ?? {})
    .filter(([, value]) => value !== undefined && value !== null && String(value) !== '')
    .map(([name, value]) => `${name}=${String(value)}`)
    .sort();
  return JSON.stringify([request.advertiserId, normalUrl(request.destinationUrl), parameters]);
}

/** The key of the request an item echoes (at the item's top level or inside its body). */
function echoKey(item: BatchItem): string | undefined {
  const body = item.body;
  const raw =
    item.request ??
    (typeof body === 'object' && body !== null && 'request' in body
      ? (body as { request: unknown }).request
      : undefined);
  const echo = echoSchema.safeParse(raw);
  return echo.success ? requestKey(echo.data) : undefined;
}

/** An item's body, read as JSON when Awin sent it as text. */
function bodyOf(item: BatchItem): unknown {
  return typeof item.body === 'string' ? (parseJsonBody(item.body) ?? item.body) : item.body;
}

/** The link a successful item carries, or undefined when it carries none that can be handed out. */
function linkOf(item: BatchItem): string | undefined {
  if (item.status < 200 || item.status >= 300) return undefined;
  const parsed = generateSchema.safeParse(bodyOf(item));
  return parsed.success ? parsed.data.url : undefined;
}

/** The query parameter that names the advertiser, per link kind (see the shared api/awin.md). */
const ADVERTISER_PARAMETER: Record<string, string> = {
  'cread.php': 'awinmid', // deep link: cread.php?awinmid=ADV&awinaffid=PUB&ued=...&clickref=...
  'awclick.php': 'mid', // default link: awclick.php?mid=ADV&id=PUB
};

/**
 * The key of the request a link names, or undefined when the link does not name one with
 * certainty: not an Awin link kind, no numeric advertiser, or a parameter given twice. The
 * destination is `ued` (none when absent or empty, as a default link has none); the click
 * parameters are read under the names the request gives them (`clickref`, `clickref2`...).
 */
export function linkKey(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  const kind = url.pathname.slice(url.pathname.lastIndexOf('/') + 1).toLowerCase();
  const advertiserName = ADVERTISER_PARAMETER[kind];
  if (advertiserName === undefined) return undefined;
  const single = (name: string): string | undefined | null => {
    const values = url.searchParams.getAll(name);
    if (values.length > 1) return null; // two values: which one names the request is unknowable
    return values[0];
  };
  const advertiser = single(advertiserName);
  if (typeof advertiser !== 'string' || !/^[1-9]\d{0,15}$/.test(advertiser)) return undefined;
  const destination = single('ued');
  if (destination === null) return undefined;
  const parameters: Record<string, string> = {};
  for (const name of AWIN_CLICK_PARAMETERS) {
    const value = single(name);
    if (value === null) return undefined;
    if (value !== undefined) parameters[name] = value;
  }
  return requestKey({ advertiserId: Number(advertiser), destinationUrl: destination, parameters });
}

/**
 * Pairs Awin's answers with our requests by identity, never by advertiser alone:
 * 1. an item whose echo is readable goes to the requests it echoes (identical requests may share
 *    it: their link is the same);
 * 2. a successful item without a readable echo goes to one request its link names, its own
 *    position first, and to no other: a link that names no waiting request is given to no one;
 * 3. an item that hands out no link (a refusal, an unreadable item) and has no echo is given by
 *    position, and only when the answer has one item per request and nothing in it (an echo, a
 *    link naming another request) shows the order was changed: it can only become an error.
 * A request left without an item gets undefined, which becomes that row's error.
 */
export function pairBatchAnswers(
  requests: AwinLinkRequest[],
  answers: unknown[],
): (BatchItem | 'unreadable' | undefined)[] {
  const items = answers.map(itemOf);
  const keys = requests.map(requestKey);
  const echoes = items.map((item) => (item ? echoKey(item) : undefined));
  // Without a readable echo, an item's link (if it carries one) and the request that link names.
  const links = items.map((item, index) =>
    item && echoes[index] === undefined ? linkOf(item) : undefined,
  );
  const linkKeys = links.map((link) => (link === undefined ? undefined : linkKey(link)));
  const paired: (BatchItem | 'unreadable' | undefined)[] = requests.map(() => undefined);

  const byEcho = new Map<string, BatchItem[]>();
  items.forEach((item, index) => {
    const echo = echoes[index];
    if (item && echo !== undefined) byEcho.set(echo, [...(byEcho.get(echo) ?? []), item]);
  });
  const taken = new Map<string, number>();
  keys.forEach((key, row) => {
    const found = byEcho.get(key);
    if (!found) return;
    const next = taken.get(key) ?? 0;
    taken.set(key, next + 1);
    paired[row] = found[Math.min(next, found.length - 1)];
  });

  items.forEach((item, index) => {
    const key = linkKeys[index];
    if (!item || key === undefined) return;
    const waiting = (row: number) => paired[row] === undefined && keys[row] === key;
    const row = waiting(index) ? index : keys.findIndex((_, other) => waiting(other));
    if (row >= 0) paired[row] = item;
  });

  const inOrder =
    items.length === requests.length &&
    items.every((_, index) =>
      echoes[index] !== undefined
        ? echoes[index] === keys[index]
        : links[index] === undefined || linkKeys[index] === keys[index],
    );
  if (inOrder) {
    items.forEach((item, row) => {
      const handsOutNoLink = echoes[row] === undefined && links[row] === undefined;
      if (paired[row] === undefined && handsOutNoLink) paired[row] = item ?? 'unreadable';
    });
  }
  return paired;
}

export const UNPAIRED_ITEM =
  "Awin's answer for this row could not be matched to it with certainty (Awin answered in another " +
  "order, twice or not at all, or without its request and with a link that does not name this row's " +
  'advertiser, destination and click reference), so no link was given out. Run the step again for this row.';

export function batchOutcome(
  item: BatchItem | 'unreadable' | undefined,
  request: AwinLinkRequest,
): AwinBatchOutcome {
  if (!item) return { error: UNPAIRED_ITEM };
  if (item === 'unreadable') {
    return { error: malformed(AWIN_NAME, 200, 'no usable link for this row').message };
  }
  const body = bodyOf(item);
  if (item.status >= 200 && item.status < 300) {
    const parsed = generateSchema.safeParse(body);
    return parsed.success
      ? { url: parsed.data.url }
      : { error: malformed(AWIN_NAME, item.status, 'no usable link for this row').message };
  }
  const problem = awinProblem(item.status, body, {
    advertiserId: request.advertiserId,
    deepLink: request.destinationUrl !== undefined,
  });
  // A refused row is not retried by Zapier: say what to do instead.
  const retry = problem.kind === 'throttled' ? ' Run the step again for this row in a minute.' : '';
  return { error: `${problem.message}${retry}` };
}
