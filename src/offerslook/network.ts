import { type Network } from '../core/network';

import { offerslookAnyUrl } from './anyUrl';
import { offerslookConnection } from './connection';
import { offerslookLinkCheck } from './linkCheck';
import { offerslookWatch } from './watch';

/**
 * Offerslook as the registry lists it: its connection, and what any-URL, link checks and watching
 * links need of it.
 */
export const offerslookNetwork = {
  ...offerslookConnection,
  anyUrl: offerslookAnyUrl,
  linkCheck: offerslookLinkCheck,
  watch: offerslookWatch,
  earnings: {
    lacking:
      'Offerslook documents no conversion or report endpoint for affiliates (only its network API ' +
      'has one), so earnings are not read from Offerslook.',
  },
} satisfies Network<'offerslook'>;
