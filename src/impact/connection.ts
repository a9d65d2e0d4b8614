import { type NetworkConnection } from '../core/connection';

import { IMPACT_URL_ENV, ImpactClient } from './client';
import { IMPACT_NAME } from './errors';

/** The Impact part of the connection: read a one-campaign list and name the account. */
export const impactConnection = {
  id: 'impact',
  label: IMPACT_NAME,
  fields: [
    {
      key: 'impact_account_sid',
      label: 'Impact Account SID',
      type: 'string',
      required: false,
      helpText:
        'For Impact.com partners: Impact → Settings → API → Account SID (it starts with IR).',
    },
    {
      key: 'impact_auth_token',
      label: 'Impact Auth Token',
      type: 'password',
      required: false,
      helpText:
        'Impact → Settings → API → Auth Token (see [Impact API access for partners](https://help.impact.com/en/support/solutions/articles/48001237353-create-get-tracking-links-for-partners)). ' +
        'A token with scopes must be allowed to read campaigns and create tracking links.',
    },
  ],
  startedBy: ['impact_account_sid', 'impact_auth_token'],
  required: ['impact_account_sid', 'impact_auth_token'],
  baseUrlEnv: IMPACT_URL_ENV,
  async test(z, bundle) {
    const impact = new ImpactClient(z, bundle);
    await impact.campaignsPage(1, 1);
    // The campaign list names no account; the SID is what Impact shows the partner.
    return `Impact ${impact.accountSid}`;
  },
} as const satisfies NetworkConnection<'impact'>;
