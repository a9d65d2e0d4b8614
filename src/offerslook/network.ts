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
} satisfies Network<'offerslook'>;
