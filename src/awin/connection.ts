import { type NetworkConnection } from '../core/connection';

import { invalidInput, optionalPositiveInt } from '../core/input';

import { AWIN_NAME } from './errors';

import { AWIN_URL_ENV, AwinClient } from './client';

/** The Awin part of the connection: test the token and name the publisher account. */
export const awinConnection = {
  id: 'awin',
  label: AWIN_NAME,
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
  ],
  startedBy: ['awin_access_token', 'awin_publisher_id'],
  required: ['awin_access_token'],
  baseUrlEnv: AWIN_URL_ENV,
  async test(z, bundle) {
    const awin = new AwinClient(z, bundle);
    const accounts = await awin.publisherAccounts();
    if (accounts.length === 0) {
      throw invalidInput(
        z,
        'this API token has no publisher account. Use the token of an Awin publisher user.',
      );
    }
    const chosen = optionalPositiveInt(z, bundle.authData.awin_publisher_id, 'Awin Publisher ID');
    const account =
      chosen === undefined ? accounts[0] : accounts.find((a) => a.accountId === chosen);
    if (account === undefined) {
      const known = accounts.map((a) => `${a.accountName} (${a.accountId})`).join(', ');
      throw invalidInput(
        z,
        `Awin Publisher ID ${chosen} is not one of this token's publisher accounts (${known}). ` +
          'Correct it or leave it empty.',
      );
    }
    const others =
      chosen === undefined && accounts.length > 1 ? ` +${accounts.length - 1} more` : '';
    return `Awin ${account.accountName} (publisher ${account.accountId})${others}`;
  },
} as const satisfies NetworkConnection<'awin'>;
