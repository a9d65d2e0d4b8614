import { type ZObject } from 'zapier-platform-core';
import { type NetworkConnection } from '../core/connection';
import { invalidInput, isBlank } from '../core/input';
import { OfferslookClient } from './client';

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

const NETWORK_NAME_FIX =
  'Offerslook Network Name must be just the first part of your API address, e.g. acme for ' +
  'acme.api.offerslook.com';

/**
 * The network name becomes part of a host name, so only a DNS label is accepted: trimmed and
 * lower-cased, letters, digits and inner hyphens, at most 63 characters. Undefined otherwise.
 */
export function normalizeNetworkName(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const name = value.trim().toLowerCase();
  return DNS_LABEL.test(name) ? name : undefined;
}

export function requireNetworkName(z: ZObject, value: unknown): string {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      `This connection has no Offerslook Network Name. Reconnect and fill it in: ${NETWORK_NAME_FIX}.`,
    );
  }
  const name = normalizeNetworkName(value);
  if (name === undefined) {
    const shown = String(value).trim().slice(0, 70);
    throw invalidInput(
      z,
      `${NETWORK_NAME_FIX}, but it is "${shown}". Reconnect Offerslook and correct it.`,
    );
  }
  return name;
}

export function requireCredential(z: ZObject, value: unknown, label: string): string {
  if (isBlank(value)) {
    throw invalidInput(
      z,
      `This connection has no ${label}. Reconnect and fill in "Offerslook Network Name", ` +
        '"Offerslook Email" and "Offerslook API Key".',
    );
  }
  return String(value).trim();
}

/** The Offerslook part of the connection: read one offer and name the network. */
export const offerslookConnection: NetworkConnection = {
  network: 'Offerslook',
  fields: [
    ['offerslook_network', 'Offerslook Network Name'],
    ['offerslook_email', 'Offerslook Email'],
    ['offerslook_api_key', 'Offerslook API Key'],
  ],
  required: ['offerslook_network', 'offerslook_email', 'offerslook_api_key'],
  async test(z, bundle) {
    const offerslook = new OfferslookClient(z, bundle);
    await offerslook.offers({ page: 1, limit: 1 });
    return `Offerslook ${offerslook.network}`;
  },
};
