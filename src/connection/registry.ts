import { awinNetwork } from '../awin/network';

import { isStarted } from '../core/connection';
import { type Network } from '../core/network';

import { everflowNetwork } from '../everflow/network';

import { impactNetwork } from '../impact/network';

import { offerslookNetwork } from '../offerslook/network';

/**
 * The one list of networks: each folder's network.ts declares its connection and what any-URL
 * and link checks need of it (core/network.ts). The connection form, its test and label, every
 * "which network" choice, any-URL and link checks are built from this list, and nothing outside a
 * network's folder names a network: adding a network is one folder under src/ plus one entry
 * here (docs/architecture.md, "Adding a network"). The order is the order the connection form
 * shows the networks in, and the order that breaks ties when a shop URL matches on several.
 */
export const NETWORKS = [awinNetwork, everflowNetwork, offerslookNetwork, impactNetwork] as const;

export type NetworkId = (typeof NETWORKS)[number]['id'];

/**
 * Everything derived from a list of networks. The app's is built from NETWORKS below; a test can
 * build one from a longer list (a stand-in network) and put it in this module's place.
 */
export function registryOf<Id extends string>(networks: readonly Network<Id>[]) {
  const byId = new Map<string, Network<Id>>(networks.map((network) => [network.id, network]));
  const networkById = (id: Id): Network<Id> => {
    const found = byId.get(id);
    if (!found) throw new RangeError(`unknown network ${id}`);
    return found;
  };
  return {
    NETWORKS: networks,
    NETWORK_IDS: networks.map((network) => network.id),
    /** Each network's name as users read it, by id. */
    NETWORK_LABELS: Object.fromEntries(
      networks.map((network) => [network.id, network.label]),
    ) as Record<Id, string>,
    networkById,
    /** The network a step's Network value names (its id, any case, spaces around ignored). */
    networkNamed(value: unknown): Id | undefined {
      const text = String(value).trim().toLowerCase();
      return networks.find((network) => network.id === text)?.id;
    },
    /** The networks whose credentials the connection holds, in registry order. */
    connectedNetworks(authData: Record<string, unknown>): Id[] {
      return networks.filter((network) => isStarted(network, authData)).map((n) => n.id);
    },
    /**
     * What decides what a network tells one connection: the network, its API address (the
     * base-URL variable) and every connection field of it. Hashed into cache keys, never written
     * out as is.
     */
    connectionParts(network: Id, authData: Record<string, unknown>): string[] {
      const { fields, baseUrlEnv } = networkById(network);
      const values = fields.map((field) => String(authData[field.key] ?? '').trim());
      return [network, process.env[baseUrlEnv] ?? '', ...values];
    },
  };
}

export const {
  NETWORK_IDS,
  NETWORK_LABELS,
  networkById,
  networkNamed,
  connectedNetworks,
  connectionParts,
} = registryOf<NetworkId>(NETWORKS);
