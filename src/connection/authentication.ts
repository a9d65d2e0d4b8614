import { type Authentication, type Bundle, type ZObject } from 'zapier-platform-core';
import { filledFields, missingLabels } from '../core/connection';
import { userMessage } from '../core/errors';
import { NETWORK_CONNECTIONS } from './registry';

export interface ConnectionTestResult {
  connection_label: string;
  networks: string[];
}

export const test = async (z: ZObject, bundle: Bundle): Promise<ConnectionTestResult> => {
  const authData = bundle.authData as Record<string, unknown>;
  const started = NETWORK_CONNECTIONS.filter((c) => filledFields(c, authData).length > 0);
  const incomplete = started
    .map((c) => ({ c, missing: missingLabels(c, authData) }))
    .filter(({ missing }) => missing.length > 0);
  if (incomplete.length > 0) {
    const what = incomplete
      .map(({ c, missing }) => `${c.network} needs ${missing.map((m) => `"${m}"`).join(' and ')}`)
      .join('; ');
    throw new z.errors.Error(
      `The connection is half filled in: ${what}. Fill in the missing field, or clear that network's fields.`,
      'IncompleteConnection',
      400,
    );
  }
  if (started.length === 0) {
    throw new z.errors.Error(
      'No network is set up in this connection. Fill in the credentials of at least one network: ' +
        '"Awin API Token", "Everflow API Key", or the three Offerslook fields.',
      'NoNetworkConnected',
      400,
    );
  }
  const outcomes = await Promise.allSettled(started.map((c) => c.test(z, bundle)));
  const failures = outcomes.flatMap((outcome, i) =>
    outcome.status === 'rejected' ? [`${started[i].network}: ${userMessage(outcome.reason)}`] : [],
  );
  if (failures.length > 0) {
    throw new z.errors.Error(
      `Could not connect. ${failures.join(' ')}`,
      'ConnectionTestFailed',
      401,
    );
  }
  const labels = outcomes.flatMap((outcome) =>
    outcome.status === 'fulfilled' ? [outcome.value] : [],
  );
  return { connection_label: labels.join(' · '), networks: started.map((c) => c.network) };
};

export const authentication = {
  type: 'custom',
  fields: [
    {
      key: 'awin_access_token',
      label: 'Awin API Token',
      type: 'password',
      required: false,
      helpText:
        'For Awin publishers. Find it in Awin under your user menu → [API Credentials](https://ui.awin.com/awin-api): ' +
        're-enter your password and click "Show my API token".',
    },
    {
      key: 'awin_publisher_id',
      label: 'Awin Publisher ID',
      type: 'string',
      required: false,
      helpText:
        'Optional default publisher account (the number next to your account name in Awin). Leave empty ' +
        'if your token has only one publisher account.',
    },
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
  test,
  // Rendered by Zapier from the test's answer, e.g. "Awin Jane Doe Media (publisher 100001) · Everflow Acme Network".
  connectionLabel: '{{connection_label}}',
} satisfies Authentication;
