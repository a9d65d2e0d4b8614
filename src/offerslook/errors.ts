import { genericProblem, type ApiProblem, errorText } from '../core/errors';

import { type Envelope } from './schemas';

/** The network's name as users read it, in messages and the connection label. */
export const OFFERSLOOK_NAME = 'Offerslook';

export const OFFERSLOOK_AUTH_HINT =
  'Reconnect Offerslook with your current details: "Offerslook Email" is the address you sign in to ' +
  'the affiliate portal with, and "Offerslook API Key" is the key shown there (a regenerated key ' +
  'replaces the old one).';

export const DEFAULT_REJECTION_HINT =
  'Check the values in this step; if they look right, ask your Offerslook network manager.';

/** Offerslook's `code` ≠ 0: its own message, and what the user can do. */
export function envelopeProblem(envelope: Envelope, hint: string): ApiProblem {
  const said = envelope.message?.trim();
  if (envelope.code === 401) {
    return genericProblem(
      OFFERSLOOK_NAME,
      401,
      said ? { message: said } : undefined,
      OFFERSLOOK_AUTH_HINT,
    );
  }
  const what = said
    ? `Offerslook said: ${said.slice(0, 300)} (code ${envelope.code}).`
    : `Offerslook refused the request (code ${envelope.code}) without saying why.`;
  return { kind: 'rejected', status: 400, message: `${what} ${hint}` };
}

/** Offerslook-specific reading of a non-2xx answer; undefined = the shared mapping. */
export function offerslookProblem(
  status: number,
  body: unknown,
  network: string,
): ApiProblem | undefined {
  if (status !== 404) return undefined;
  const detail = errorText(body);
  return {
    kind: 'notFound',
    status,
    message:
      `Offerslook could not find what was asked for (404${detail ? `: ${detail.slice(0, 300)}` : ''}). ` +
      `Check that "${network}" is your network's name in the connection (acme for ` +
      'acme.api.offerslook.com) and the offer IDs in this step.',
  };
}
