import { type AuthField, type Bundle, type ZObject } from 'zapier-platform-core';

import { isBlank } from './input';

/**
 * What the connection needs to know about one network. Each network folder exports one of these
 * from its connection.ts; src/connection/registry.ts lists them, and the connection form, its test,
 * its label and the cache keys of the any-URL directory are all built from that one list.
 */
export interface NetworkConnection<Id extends string = string> {
  /** Lower-case id used in inputs and outputs, e.g. `awin`. */
  id: Id;
  /** The network's name as users read it, e.g. `Awin`. */
  label: string;
  /** The network's fields of the connection form, in the order the form shows them. */
  fields: readonly AuthField[];
  /** Fields whose value means the user set this network up (defaults Zapier fills do not count). */
  startedBy: readonly string[];
  /** Fields that must all be filled once the network is set up. */
  required: readonly string[];
  /** The environment variable that points this network's API elsewhere (tests, the sandbox). */
  baseUrlEnv: string;
  /** Calls the network and returns the label part, e.g. "Awin Jane Doe Media (publisher 100001)". */
  test: (z: ZObject, bundle: Bundle) => Promise<string>;
}

/** True when any field that marks the network as set up is filled. */
export function isStarted(
  connection: NetworkConnection,
  authData: Record<string, unknown>,
): boolean {
  return connection.startedBy.some((key) => !isBlank(authData[key]));
}

/** Labels of the required fields that are still empty. */
export function missingLabels(
  connection: NetworkConnection,
  authData: Record<string, unknown>,
): string[] {
  return connection.fields
    .filter((field) => connection.required.includes(field.key) && isBlank(authData[field.key]))
    .map((field) => field.label ?? field.key);
}
