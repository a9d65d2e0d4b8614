import { type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { clip } from './text';

/**
 * Errors as the app throws them: every error carries its reason as data (network, kind, code) next
 * to a message written for people. Code that must react to a kind of failure reads the reason with
 * `reasonOf`, never the message text, so rewording a message never changes what a Zap does.
 */

/** What kind of failure an upstream answer was. */
type ProblemKind =
  'auth' | 'forbidden' | 'throttled' | 'notFound' | 'rejected' | 'server' | 'malformed';

/** Every kind of failure the app reports. */
export type ErrorKind =
  ProblemKind | 'invalid_input' | 'unreachable' | 'out_of_time' | 'no_match' | 'connection';

/** Why an error happened, as data. */
export interface ErrorReason {
  /** The network's name as users read it ("Awin"); absent for the app's own checks. */
  network?: string;
  kind: ErrorKind;
  /** A finer reason a caller may react to, e.g. `deep_link_refused`. */
  code?: string;
  /** For `throttled`: seconds to wait before asking again. */
  delaySeconds?: number;
}

/** What went wrong with one upstream answer, before it becomes a thrown Zapier error. */
export interface ApiProblem {
  kind: ProblemKind;
  status: number;
  message: string;
  retryAfterSeconds?: number;
  /** A finer reason, carried into the thrown error's reason. */
  code?: string;
}

/** Attaches a reason to an error (not enumerable, so it never reaches a log or a message). */
export function withReason<E extends object>(error: E, reason: ErrorReason): E {
  Object.defineProperty(error, 'reason', { value: reason, enumerable: false, configurable: true });
  // The message is written for people: Zapier shows it as it is, without its "What happened" trace.
  Object.defineProperty(error, 'doNotContextify', { value: true, enumerable: false });
  return error;
}

/** The reason an error carries, if the app attached one. */
export function reasonOf(error: unknown): ErrorReason | undefined {
  if (typeof error !== 'object' || error === null || !('reason' in error)) return undefined;
  const reason = (error as { reason: unknown }).reason;
  return typeof reason === 'object' && reason !== null && 'kind' in reason
    ? (reason as ErrorReason)
    : undefined;
}

/** A stable machine code for Zapier's error, e.g. `awin.rejected.deep_link_refused`. */
function codeOf(reason: ErrorReason): string {
  return [reason.network?.toLowerCase(), reason.kind, reason.code].filter(Boolean).join('.');
}

/** An error the user can fix (Zapier's `z.errors.Error`), with its reason. */
export function appError(z: ZObject, reason: ErrorReason, message: string, status = 400): Error {
  return withReason(new z.errors.Error(message, codeOf(reason), status), reason);
}

/** The generic mapping from status and body to a problem; clients may override per network. */
export function genericProblem(
  network: string,
  status: number,
  body: unknown,
  authHint: string,
): ApiProblem {
  const detail = errorText(body);
  const said = detail ? `: ${clip(detail)}` : '';
  if (status === 401) {
    return {
      kind: 'auth',
      status,
      message: `${network} did not accept your credentials (401${said}). ${authHint}`,
    };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      message:
        `${network} refused access (403${said}). Check that your account has permission for this ` +
        `item; access that was just granted can take a few minutes to reach ${network}'s API.`,
    };
  }
  if (status === 404) {
    return {
      kind: 'notFound',
      status,
      message:
        `${network} could not find what was asked for (404${said}). Check the IDs in this step: ` +
        `pick them from the step's lists where it has them, since an ID that was removed or belongs ` +
        `to another account is unknown to ${network}.`,
    };
  }
  if (status === 429) {
    // No promise of a retry here: only a thrown ThrottledError makes Zapier retry (throwProblem
    // says so); a row of a bulk answer or a connection test is not retried.
    return {
      kind: 'throttled',
      status,
      message: `${network} is limiting how many requests it takes (429): too many calls in a short time.`,
    };
  }
  if (status >= 500) {
    return {
      kind: 'server',
      status,
      message: `${network} had a problem on its side (HTTP ${status}${said}). Try again in a few minutes.`,
    };
  }
  return {
    kind: 'rejected',
    status,
    message:
      `${network} rejected the request (HTTP ${status}${said}). ` +
      (said
        ? `Correct the value ${network} names in this step's fields and run the step again.`
        : `Check the values in this step (IDs are safest picked from the step's lists) and run it again.`),
  };
}

/**
 * Turns a problem into the Zapier error class that makes Zapier do the right thing: reconnect
 * (401), retry later (429), or show the message (everything else).
 */
export function throwProblem(
  z: ZObject,
  network: string,
  problem: ApiProblem,
  windowSeconds: number,
): never {
  const reason: ErrorReason = { network, kind: problem.kind, code: problem.code };
  switch (problem.kind) {
    case 'auth':
      throw withReason(new z.errors.ExpiredAuthError(problem.message), reason);
    case 'throttled': {
      const delay = problem.retryAfterSeconds ?? windowSeconds;
      throw withReason(
        new z.errors.ThrottledError(
          `${problem.message} Zapier will retry this step automatically in about ${delay} seconds.`,
          delay,
        ),
        { ...reason, delaySeconds: delay },
      );
    }
    default:
      throw appError(z, reason, problem.message, problem.status);
  }
}

const EXPECTED_WORDS: Record<string, string> = {
  array: 'a list',
  object: 'a record',
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

/**
 * Describes a zod failure in plain words: what was expected and where in the answer, e.g. "a list
 * was expected for accounts but it was missing". Never the validation library's own wording.
 */
export function describeSchemaError(error: zod.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'an answer of an unexpected shape';
  const where =
    issue.path.length > 0
      ? `for ${issue.path.map((part) => (typeof part === 'number' ? `item ${part + 1}` : String(part))).join(' → ')}`
      : 'as the whole answer';
  if (issue.code === 'invalid_type') {
    const expected = EXPECTED_WORDS[String(issue.expected)] ?? `a ${String(issue.expected)}`;
    const input = (issue as { input?: unknown }).input;
    const got = input === undefined ? 'it was missing' : `it was ${kindOf(input)}`;
    return `${expected} was expected ${where} but ${got}`;
  }
  if (issue.code === 'custom' && issue.message) return `${issue.message} ${where}`;
  return `an unexpected value ${where}`;
}

/** What kind of value something is, in words ("a list", "text", "nothing"). */
function kindOf(value: unknown): string {
  if (value === null) return 'empty (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a record';
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'a number';
  if (typeof value === 'boolean') return 'true or false';
  return 'missing';
}

export function malformed(network: string, status: number, what: string): ApiProblem {
  return {
    kind: 'malformed',
    status,
    message:
      `${network} sent an answer this integration cannot read (HTTP ${status}, ${what}). ` +
      `${network}'s API may be having trouble or may have changed: try again later, and contact us if it persists.`,
  };
}

/**
 * The text a user should read from any error: Zapier's AppError and ThrottledError carry their
 * message inside a JSON string, other errors carry it plainly.
 */
export function userMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      const message = (parsed as { message: unknown }).message;
      if (typeof message === 'string') return message;
    }
  } catch {
    // a plain message
  }
  return raw;
}

/** Finds a human message in an error body: `error`/`Error`/`description`/`message` keys, any case. */
export function errorText(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim() || undefined;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const entries = Object.entries(body as Record<string, unknown>);
  const pick = (name: string): string | undefined => {
    const found = entries.find(
      ([key, value]) => key.toLowerCase() === name && typeof value === 'string',
    );
    return found ? (found[1] as string).trim() || undefined : undefined;
  };
  const description = pick('description') ?? pick('message');
  const error = pick('error');
  if (description && error && !description.toLowerCase().includes(error.toLowerCase())) {
    return `${description} (${error})`;
  }
  if (description ?? error) return description ?? error;
  // Field-level validation answers such as {"destinationUrl": "invalid"}.
  const fields = entries.filter(
    ([, value]) => typeof value === 'string' || typeof value === 'number',
  );
  if (fields.length > 0) return fields.map(([key, value]) => `${key}: ${String(value)}`).join('; ');
  return undefined;
}
