import { malformed } from '../core/errors';
import { parseJsonBody } from '../core/http';
import { AWIN_NAME, awinProblem } from './errors';
import {
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
 * row never gets another row's link.
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
function requestKey(request: {
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

/**
 * Pairs Awin's answers with our requests by identity, never by advertiser alone. Positions are
 * trusted only when the answer has one item per request and no echo names another request; else
 * only echoes pair (identical requests may share an answer: their link is the same). A request
 * whose answer cannot be paired with certainty gets undefined, which becomes that row's error.
 */
export function pairBatchAnswers(
  requests: AwinLinkRequest[],
  answers: unknown[],
): (BatchItem | 'unreadable' | undefined)[] {
  const items = answers.map(itemOf);
  const keys = requests.map(requestKey);
  const echoes = items.map((item) => (item ? echoKey(item) : undefined));
  const inOrder =
    items.length === requests.length &&
    echoes.every((echo, index) => echo === undefined || echo === keys[index]);
  if (inOrder) return items.map((item) => item ?? 'unreadable');
  const byKey = new Map<string, BatchItem[]>();
  items.forEach((item, index) => {
    const echo = echoes[index];
    if (item && echo !== undefined) byKey.set(echo, [...(byKey.get(echo) ?? []), item]);
  });
  const taken = new Map<string, number>();
  return keys.map((key) => {
    const found = byKey.get(key);
    if (!found) return undefined;
    const next = taken.get(key) ?? 0;
    taken.set(key, next + 1);
    return found[Math.min(next, found.length - 1)];
  });
}

export const UNPAIRED_ITEM =
  "Awin's answer for this row could not be matched to it with certainty (Awin answered in another " +
  'order, twice or not at all), so no link was given out. Run the step again for this row.';

export function batchOutcome(
  item: BatchItem | 'unreadable' | undefined,
  request: AwinLinkRequest,
): AwinBatchOutcome {
  if (!item) return { error: UNPAIRED_ITEM };
  if (item === 'unreadable') {
    return { error: malformed(AWIN_NAME, 200, 'no usable link for this row').message };
  }
  const body = typeof item.body === 'string' ? (parseJsonBody(item.body) ?? item.body) : item.body;
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
