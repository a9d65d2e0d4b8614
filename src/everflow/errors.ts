import { genericProblem, type ApiProblem, errorText } from '../core/errors';
import { clip } from '../core/text';

import { KEY_TYPE_LABELS, type EverflowKeyType } from './keyType';

/** The network's name as users read it, in messages and the connection label. */
export const EVERFLOW_NAME = 'Everflow';

export const EVERFLOW_AUTH_HINT =
  'Reconnect Everflow with a current API key: a network key is made in the Everflow Control Center ' +
  'under Security → API Keys, a partner key in the partner portal under My Account → API.';

/** The message for a key used on the other side ("Out of realm"). */
function wrongKeyTypeMessage(configured: EverflowKeyType): string {
  return configured === 'network'
    ? "This Everflow key is a partner (affiliate) key, but the connection's Everflow Key Type is " +
        'Network. Reconnect and set Everflow Key Type to Partner / affiliate.'
    : "This Everflow key is a network key, but the connection's Everflow Key Type is Partner / " +
        'affiliate. Reconnect and set Everflow Key Type to Network.';
}

/**
 * The message when a step asks for something only the other key type can do. `what` ends with
 * "need"/"needs" ("Listing affiliates needs"); `fix` is an optional first remedy ending in "or".
 */
export function needsKeyTypeMessage(what: string, needed: EverflowKeyType, fix: string): string {
  const other: EverflowKeyType = needed === 'network' ? 'affiliate' : 'network';
  const article = needed === 'network' ? 'a network' : 'a partner (affiliate)';
  const action = fix ? `${fix} use` : 'Use';
  return (
    `${what} ${article} key, but this connection's Everflow Key Type is ${KEY_TYPE_LABELS[other]}. ` +
    `${action} a connection with ${article} key (Everflow Key Type: ${KEY_TYPE_LABELS[needed]}).`
  );
}

export interface EverflowContext {
  keyType: EverflowKeyType;
  /** Set on link requests, so a refusal can name the offer. */
  offerId?: number;
}

/** Everflow-specific reading of an error answer; the rest is the generic mapping. */
export function everflowProblem(
  status: number,
  body: unknown,
  context: EverflowContext,
): ApiProblem {
  const text = errorText(body);
  const said = text ? `: ${clip(text)}` : '';
  if (status === 403 && /out of realm/i.test(text ?? '')) {
    return { kind: 'forbidden', status, message: wrongKeyTypeMessage(context.keyType) };
  }
  if (status === 403) {
    return {
      kind: 'forbidden',
      status,
      message:
        `Everflow refused access (403${said}). Check that this API key may use this part of ` +
        'Everflow; if your network uses an API IP whitelist (Control Center → Security → API ' +
        "Whitelist), Zapier's servers must be allowed.",
    };
  }
  if ((status === 400 || status === 422) && context.offerId !== undefined) {
    const check =
      context.keyType === 'network'
        ? 'the affiliate is approved to run this offer, and that the offer URL and creative belong to it'
        : 'you are approved to run this offer, and that the offer URL belongs to it';
    return {
      kind: 'rejected',
      status,
      message:
        `Everflow would not make a link for offer ${context.offerId} (HTTP ${status}${said}). ` +
        `Check that ${check}.`,
    };
  }
  return genericProblem(EVERFLOW_NAME, status, body, EVERFLOW_AUTH_HINT);
}
