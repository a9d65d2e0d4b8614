import { inRun } from '../core/run';
import { orList } from '../core/text';
import { reasonOf, appError, userMessage } from '../core/errors';
import {
  type Authentication,
  type AuthField,
  type Bundle,
  type ZObject,
} from 'zapier-platform-core';
import { isStarted, missingLabels, type NetworkConnection } from '../core/connection';

import { NETWORKS } from './registry';

export interface ConnectionTestResult {
  connection_label: string;
  networks: string[];
}

/** The connection test's whole message stays under this, however many networks fail. */
const MESSAGE_MAX = 560;

/**
 * One short clause per failing network: its message clipped to its first sentences. A rate limit
 * says to test again shortly: Zapier does not retry a connection test by itself.
 */
function failureClause(label: string, error: unknown, clauseMax: number): string {
  if (reasonOf(error)?.kind === 'throttled') {
    return `${label}: busy right now (too many requests in a short time); test the connection again in a minute.`;
  }
  const message = userMessage(error).replace(/\s+/g, ' ').trim();
  if (message.length <= clauseMax) return `${label}: ${message}`;
  const sentences = message.match(/[^.!?]+[.!?]+/g) ?? [message];
  let clause = '';
  for (const sentence of sentences) {
    if ((clause + sentence).length > clauseMax) break;
    clause += sentence;
  }
  return `${label}: ${(clause || `${message.slice(0, clauseMax - 1)}…`).trim()}`;
}

/** A network's name and the fields it needs, e.g. `Impact ("Impact Account SID", "Impact Auth Token")`. */
function requiredFieldsOf(network: NetworkConnection): string {
  const labels = network.fields
    .filter((field) => network.required.includes(field.key))
    .map((field) => `"${field.label ?? field.key}"`);
  return `${network.label} (${labels.join(', ')})`;
}

const test = async (z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> => {
  const authData = bundle.authData as Record<string, unknown>;
  const started = NETWORKS.filter((c) => isStarted(c, authData));
  const incomplete = started
    .map((c) => ({ c, missing: missingLabels(c, authData) }))
    .filter(({ missing }) => missing.length > 0);
  if (incomplete.length > 0) {
    const what = incomplete
      .map(({ c, missing }) => `${c.label} needs ${missing.map((m) => `"${m}"`).join(' and ')}`)
      .join('; ');
    throw appError(
      z,
      { kind: 'connection', code: 'incomplete' },
      `The connection is half filled in: ${what}. Fill in the missing field, or clear that network's fields.`,
    );
  }
  if (started.length === 0) {
    throw appError(
      z,
      { kind: 'connection', code: 'no_network' },
      'No network is set up in this connection. Fill in the credentials of at least one network: ' +
        `${orList(NETWORKS.map(requiredFieldsOf))}.`,
    );
  }
  const outcomes = await Promise.allSettled(started.map((c) => c.test(z, bundle)));
  const failing = outcomes.filter((outcome) => outcome.status === 'rejected').length;
  // One network may say everything; several share the room, one short clause each.
  const clauseMax = Math.floor(MESSAGE_MAX / Math.max(1, failing)) - 20;
  const failures = outcomes.flatMap((outcome, i) =>
    outcome.status === 'rejected'
      ? [failureClause(started[i].label, outcome.reason, clauseMax)]
      : [],
  );
  if (failures.length > 0) {
    throw appError(
      z,
      { kind: 'connection', code: 'test_failed' },
      `Could not connect. ${failures.join(' ')}`,
      401,
    );
  }
  const labels = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  return { connection_label: labels.join(' · '), networks: started.map((c) => c.label) };
};

export const authentication = {
  type: 'custom',
  fields: NETWORKS.flatMap((network): AuthField[] => [...network.fields]),
  test: inRun(test),
  // Rendered by Zapier from the test's answer, e.g. "Awin Jane Doe Media (publisher 100001) · Everflow Acme Network".
  connectionLabel: '{{connection_label}}',
} satisfies Authentication;
