import { type NetworkConnection } from '../core/connection';

import { OFFERSLOOK_NAME } from './errors';

import { OFFERSLOOK_URL_ENV, OfferslookClient } from './client';

/** The Offerslook part of the connection: read one offer and name the network. */
export const offerslookConnection = {
  id: 'offerslook',
  label: OFFERSLOOK_NAME,
  fields: [
    {
      key: 'offerslook_network',
      label: 'Offerslook Network Name',
      type: 'string',
      required: false,
      helpText:
        'For Offerslook affiliates: the first part of your network\'s API address, e.g. "acme" for acme.api.offerslook.com.',
    },
    {
      key: 'offerslook_email',
      label: 'Offerslook Email',
      type: 'string',
      required: false,
      helpText: 'The email address you sign in to the Offerslook affiliate portal with.',
    },
    {
      key: 'offerslook_api_key',
      label: 'Offerslook API Key',
      type: 'password',
      required: false,
      helpText:
        'Your Offerslook affiliate API key, shown in the affiliate portal. See the ' +
        '[Offerslook API docs](https://offerslook-api.gitbook.io/api-documentation).',
    },
  ],
  startedBy: ['offerslook_network', 'offerslook_email', 'offerslook_api_key'],
  baseUrlEnv: OFFERSLOOK_URL_ENV,
  required: ['offerslook_network', 'offerslook_email', 'offerslook_api_key'],
  async test(z, bundle) {
    const offerslook = new OfferslookClient(z, bundle);
    await offerslook.offers({ page: 1, limit: 1 });
    return `Offerslook ${offerslook.network}`;
  },
} as const satisfies NetworkConnection<'offerslook'>;
