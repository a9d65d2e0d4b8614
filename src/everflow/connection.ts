import { type NetworkConnection } from '../core/connection';
import { EverflowClient } from './client';

import { EVERFLOW_NAME } from './errors';

import { EVERFLOW_URL_ENV } from './keyType';

// ---------------------------------------------------------------------------------------------
// Connection.

/**
 * The Everflow part of the connection. Only the key counts as "started": the key type and region
 * have defaults Zapier always fills, so they must not make an Awin-only connection half filled.
 */
export const everflowConnection = {
  id: 'everflow',
  label: EVERFLOW_NAME,
  fields: [
    {
      key: 'everflow_api_key',
      label: 'Everflow API Key',
      type: 'password',
      required: false,
      helpText:
        'For Everflow. A network key is created in the Control Center under Security → API Keys; a partner ' +
        'key in the partner portal under My Account → API. See [Everflow API keys](https://developers.everflow.io/docs/user-guide/authentication). ' +
        'If your network uses an API IP whitelist, Zapier must be allowed.',
    },
    {
      key: 'everflow_api_type',
      label: 'Everflow Key Type',
      type: 'string',
      required: false,
      default: 'network',
      choices: {
        network: 'Network (Control Center key)',
        affiliate: 'Partner / affiliate (portal key)',
      },
      helpText: 'Whether the Everflow key belongs to a network or to a partner (affiliate).',
    },
    {
      key: 'everflow_region',
      label: 'Everflow Region',
      type: 'string',
      required: false,
      default: 'us',
      choices: { us: 'United States (api.eflow.team)', eu: 'Europe (api-eu.eflow.team)' },
      helpText: 'Where your Everflow account is hosted. Most accounts are in the United States.',
    },
  ],
  startedBy: ['everflow_api_key'],
  required: ['everflow_api_key'],
  baseUrlEnv: EVERFLOW_URL_ENV,
  async test(z, bundle) {
    const everflow = new EverflowClient(z, bundle);
    if (everflow.keyType === 'network') {
      const network = await everflow.network();
      return `Everflow ${network.name}`;
    }
    const affiliate = await everflow.affiliate();
    return `Everflow ${affiliate.name} (partner ${affiliate.network_affiliate_id})`;
  },
} as const satisfies NetworkConnection<'everflow'>;
