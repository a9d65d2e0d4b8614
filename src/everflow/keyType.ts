import { describeValue } from '../core/input';
import { type ZObject } from 'zapier-platform-core';

import { invalidInput, isBlank } from '../core/input';

/**
 * Everflow API client, for both key types: a network key (paths under /networks) and a partner
 * (affiliate) key (paths under /affiliates). It owns the base URL, the X-Eflow-API-Key header,
 * zod-checked answers and Everflow's own error language ("Out of realm" = the other key type).
 * Actions call these methods and never build requests themselves.
 */

/** Points the client elsewhere (tests, the sandbox). */
export const EVERFLOW_URL_ENV = 'EVERFLOW_API_URL';

export const EVERFLOW_REGION_URLS = {
  us: 'https://api.eflow.team/v1',
  eu: 'https://api-eu.eflow.team/v1',
} as const;

export type EverflowKeyType = 'network' | 'affiliate';

/** How the connection form names each key type (the choices of "Everflow Key Type"). */
export const KEY_TYPE_LABELS: Record<EverflowKeyType, string> = {
  network: 'Network',
  affiliate: 'Partner / affiliate',
};

// ---------------------------------------------------------------------------------------------
// Connection settings.

/** Reads "Everflow Key Type": blank = network (Zapier fills the default); partner = affiliate. */
export function everflowKeyType(z: ZObject, value: unknown): EverflowKeyType {
  if (isBlank(value)) return 'network';
  const type = String(value).trim().toLowerCase();
  if (type === 'network') return 'network';
  if (type === 'affiliate' || type === 'partner') return 'affiliate';
  throw invalidInput(
    z,
    `Everflow Key Type must be Network or Partner / affiliate, but it was ${describeValue(value)}. ` +
      'Reconnect and choose one.',
  );
}
