import { type NetworkConnection } from '../core/connection';
import { EverflowClient } from './client';

// ---------------------------------------------------------------------------------------------
// Connection.

/**
 * The Everflow part of the connection. Only the key counts as "started": the key type and region
 * have defaults Zapier always fills, so they must not make an Awin-only connection half filled.
 */
export const everflowConnection: NetworkConnection = {
  network: 'Everflow',
  fields: [['everflow_api_key', 'Everflow API Key']],
  required: ['everflow_api_key'],
  async test(z, bundle) {
    const everflow = new EverflowClient(z, bundle);
    if (everflow.keyType === 'network') {
      const network = await everflow.network();
      return `Everflow ${network.name}`;
    }
    const affiliate = await everflow.affiliate();
    return `Everflow ${affiliate.name} (partner ${affiliate.network_affiliate_id})`;
  },
};
