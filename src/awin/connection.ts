import { type NetworkConnection } from '../core/connection';
import { invalidInput, optionalPositiveInt } from '../core/input';
import { AwinClient } from './client';

/** The Awin part of the connection: test the token and name the publisher account. */
export const awinConnection: NetworkConnection = {
  network: 'Awin',
  fields: [
    ['awin_access_token', 'Awin API Token'],
    ['awin_publisher_id', 'Awin Publisher ID'],
  ],
  required: ['awin_access_token'],
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
};
