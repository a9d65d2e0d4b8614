import { type Bundle, type ZObject } from 'zapier-platform-core';
import { type NetworkName } from './errors';
import { isBlank } from './input';

/**
 * What the connection needs to know about one network: which of its fields are filled, how to
 * test its credentials and how to name the account in the connection label. Each network's module
 * exports one of these; authentication.ts walks the list.
 */
export interface NetworkConnection {
  network: NetworkName;
  /** Credential fields, in the order the connection form shows them: [key, label]. */
  fields: ReadonlyArray<readonly [key: string, label: string]>;
  /** Fields that must all be filled once any of `fields` is. */
  required: readonly string[];
  /** Calls the network and returns the label part, e.g. "Awin Jane Doe Media (publisher 100001)". */
  test: (z: ZObject, bundle: Bundle) => Promise<string>;
}

export function filledFields(
  connection: NetworkConnection,
  authData: Record<string, unknown>,
): string[] {
  return connection.fields.map(([key]) => key).filter((key) => !isBlank(authData[key]));
}

export function missingLabels(
  connection: NetworkConnection,
  authData: Record<string, unknown>,
): string[] {
  return connection.fields
    .filter(([key]) => connection.required.includes(key) && isBlank(authData[key]))
    .map(([, label]) => label);
}
