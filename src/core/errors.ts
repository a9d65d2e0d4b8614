import { type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { errorText } from './http';
import { clip } from './text';

/**
 * The one place that talks HTTP. Each network client passes its base URL, credential header and zod
 * schema; this module sends the request, turns every failure into an error a user can act on, and
 * never lets a credential reach a URL or a message.
 */

export type NetworkName = 'Awin' | 'Everflow' | 'Offerslook';

/** What went wrong with one upstream answer, before it becomes a thrown Zapier error. */
export interface ApiProblem {
  kind: 'auth' | 'forbidden' | 'throttled' | 'notFound' | 'rejected' | 'server' | 'malformed';
  status: number;
  message: string;
  retryAfterSeconds?: number;
}

/** The generic mapping from status and body to a problem; clients may override per network. */
export function genericProblem(
  network: NetworkName,
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
      message: `${network} could not find what was asked for (404${said}). Check the IDs in this step.`,
    };
  }
  if (status === 429) {
    return {
      kind: 'throttled',
      status,
      message: `${network} is rate limiting requests (429). Zapier will retry this step automatically.`,
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
    message: `${network} rejected the request (HTTP ${status}${said}). Check the values in this step.`,
  };
}

/** Turns a problem into the Zapier error class SPEC.md asks for. */
export function throwProblem(
  z: ZObject,
  network: NetworkName,
  problem: ApiProblem,
  windowSeconds: number,
): never {
  switch (problem.kind) {
    case 'auth':
      throw new z.errors.ExpiredAuthError(problem.message);
    case 'throttled':
      throw new z.errors.ThrottledError(
        problem.message,
        problem.retryAfterSeconds ?? windowSeconds,
      );
    default:
      throw new z.errors.Error(
        problem.message,
        `${network}${problem.kind[0].toUpperCase()}${problem.kind.slice(1)}`,
        problem.status,
      );
  }
}

/** Describes a zod failure in one line: where in the answer and what was expected. */
export function describeSchemaError(error: zod.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length > 0 ? issue.path.join('.') : 'the top level';
  return `${issue.message} at ${where}`;
}

export function malformed(network: NetworkName, status: number, what: string): ApiProblem {
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
