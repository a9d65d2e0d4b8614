import { clip } from '../core/text';
import { genericProblem, type ApiProblem } from '../core/errors';

/** The network's name as users read it, in messages and the connection label. */
export const IMPACT_NAME = 'Impact';

/** Where a partner finds both credentials (api/impact.md: Settings → Technical → API Access). */
const IMPACT_WHERE =
  'in Impact open Settings → API (Menu → Settings → Technical → API Access on some accounts)';

export const IMPACT_AUTH_HINT =
  `Reconnect Impact with your current Account SID and Auth Token: ${IMPACT_WHERE}, copy both and ` +
  'paste them into the connection (a regenerated token replaces the old one).';

/** The reason code of a deep link refused before any call (outside the campaign's domains). */
export const DEEP_LINK_REFUSED = 'deep_link_refused';

/** The reason code of a 403 that says the token's scopes leave this endpoint out. */
const TOKEN_SCOPE = 'token_scope';

/** What an Impact call was for, so a refusal can say what the token must be allowed to do. */
export interface ImpactCallContext {
  /** In words, e.g. "read your campaigns", "create tracking links". */
  doing: string;
  campaignId?: number;
  mediaPropertyId?: number;
  /** Seconds until Impact's hourly window resets (X-RateLimit-Reset), read from the answer. */
  resetSeconds?: number;
}

/**
 * The message in any of Impact's error bodies: the usual envelope (`Message`, with `Errors` on
 * validation failures), or the Spring-style body of the tracking-link 403 (`message`).
 */
function impactErrorText(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const text = (value: unknown) =>
    typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  const message = text(record.Message) ?? text(record.message) ?? text(record.error);
  const fields = Array.isArray(record.Errors)
    ? record.Errors.flatMap((item) => {
        if (typeof item !== 'object' || item === null) return [];
        const { Field, Message } = item as Record<string, unknown>;
        const said = text(Message);
        if (said === undefined) return [];
        return [text(Field) ? `${text(Field)}: ${said}` : said];
      })
    : [];
  const parts = [message, ...fields].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Impact's way of saying that a referenced media property does not exist (tracking-link 403). */
function propertyMissing(text: string | undefined): boolean {
  return text !== undefined && /property/i.test(text) && /not exist|does not|unknown/i.test(text);
}

/** Impact-specific reading of an error answer; falls back to the shared mapping. */
export function impactProblem(
  status: number,
  body: unknown,
  context: ImpactCallContext,
): ApiProblem {
  const detail = impactErrorText(body);
  const said = detail ? `: ${clip(detail)}` : '';
  if (status === 401) {
    return {
      kind: 'auth',
      status,
      message: `Impact did not accept your Account SID and Auth Token (401${said}). ${IMPACT_AUTH_HINT}`,
    };
  }
  if (status === 403 && context.mediaPropertyId !== undefined && propertyMissing(detail)) {
    return {
      kind: 'rejected',
      status,
      code: 'property_not_found',
      message:
        `Impact has no media property ${context.mediaPropertyId} on your account (403${said}). ` +
        'Check Media Property ID (Impact → Assets → Properties lists yours), or leave it empty.',
    };
  }
  if (status === 403 && /vanity/i.test(detail ?? '')) {
    return {
      kind: 'rejected',
      status,
      message: `Impact refused to make the link (403${said}). Ask Impact support about your link limits.`,
    };
  }
  if (status === 403) {
    // Tokens made since April 2025 carry scopes: a token without this endpoint's scope is refused
    // with 403. Re-entering the same token cannot help; widening its scopes can.
    return {
      kind: 'forbidden',
      status,
      code: TOKEN_SCOPE,
      message:
        `Impact refused to let this Auth Token ${context.doing} (403${said}). The token's scopes ` +
        `probably leave this out: ${IMPACT_WHERE}, edit the token and allow it to ${context.doing} ` +
        '(or create a token with full access) and put it in the connection. Re-entering the same ' +
        'token will not help.',
    };
  }
  if (status === 404 && context.campaignId !== undefined) {
    return {
      kind: 'notFound',
      status,
      message:
        `Impact has no campaign ${context.campaignId} you have joined (404${said}). Choose a ` +
        'campaign from the list: only campaigns with an active contract can make links.',
    };
  }
  if (status === 429) {
    return {
      kind: 'throttled',
      status,
      retryAfterSeconds: context.resetSeconds,
      message:
        'Impact is limiting how many requests your account makes (429): about 1,000 an hour, ' +
        'shared by every app that uses it.',
    };
  }
  if ((status === 400 || status === 402 || status === 422) && context.campaignId !== undefined) {
    return {
      kind: 'rejected',
      status,
      message:
        `Impact would not make a link for campaign ${context.campaignId} (HTTP ${status}${said}). ` +
        "Check Deep Link (a full page address on one of the campaign's deep-link domains), the Sub " +
        'IDs and Shared ID (letters, digits and - _ . are safest), and Media Property ID.',
    };
  }
  return genericProblem(IMPACT_NAME, status, detail ? { message: detail } : body, IMPACT_AUTH_HINT);
}
