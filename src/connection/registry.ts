import { awinConnection } from '../awin/connection';

import { isStarted, type NetworkConnection } from '../core/connection';

import { everflowConnection } from '../everflow/connection';

import { impactConnection } from '../impact/connection';

import { offerslookConnection } from '../offerslook/connection';

/**
 * The one list of networks. The connection form, its test and label, the any-URL directory's cache
 * keys and every "which network" choice are built from it; adding a network is one folder under
 * src/ plus one entry here. The order is the order the connection form shows the networks in, and
 * the order that breaks ties when a shop URL matches on several networks.
 */
export const NETWORKS = [
  awinConnection,
  everflowConnection,
  offerslookConnection,
  impactConnection,
] as const;

export type NetworkId = (typeof NETWORKS)[number]['id'];

export const NETWORK_IDS: readonly NetworkId[] = NETWORKS.map((network) => network.id);

/** Each network's name as users read it, by id. */
export const NETWORK_LABELS = Object.fromEntries(
  NETWORKS.map((network) => [network.id, network.label]),
) as Record<NetworkId, string>;

export function networkById(id: NetworkId): NetworkConnection<NetworkId> {
  const found = NETWORKS.find((network) => network.id === id);
  if (!found) throw new RangeError(`unknown network ${id}`);
  return found;
}

/** The networks whose credentials the connection holds, in registry order. */
export function connectedNetworks(authData: Record<string, unknown>): NetworkId[] {
  return NETWORKS.filter((network) => isStarted(network, authData)).map((network) => network.id);
}

/**
 * What decides what a network tells one connection: the network, its API address (the base-URL
 * variable) and every connection field of it. Hashed into cache keys, never written out as is.
 */
export function connectionParts(network: NetworkId, authData: Record<string, unknown>): string[] {
  const { fields, baseUrlEnv } = networkById(network);
  const values = fields.map((field) => String(authData[field.key] ?? '').trim());
  return [network, process.env[baseUrlEnv] ?? '', ...values];
}
