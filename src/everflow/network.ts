import { type Network } from '../core/network';

import { everflowEarnings } from './conversions';

import { everflowAnyUrl } from './anyUrl';
import { everflowConnection } from './connection';
import { everflowLinkCheck } from './linkCheck';
import { everflowWatch } from './watch';

/**
 * Everflow as the registry lists it: its connection, and what any-URL, link checks, watching
 * links and earnings need of it.
 */
export const everflowNetwork = {
  ...everflowConnection,
  anyUrl: everflowAnyUrl,
  linkCheck: everflowLinkCheck,
  watch: everflowWatch,
  earnings: everflowEarnings,
} satisfies Network<'everflow'>;
