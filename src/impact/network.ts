import { type Network } from '../core/network';

import { impactEarnings } from './conversions';

import { impactAnyUrl } from './anyUrl';
import { impactConnection } from './connection';
import { impactLinkCheck } from './linkCheck';
import { impactWatch } from './watch';

/**
 * Impact as the registry lists it: its connection, and what any-URL, link checks, watching
 * links and earnings need of it.
 */
export const impactNetwork = {
  ...impactConnection,
  anyUrl: impactAnyUrl,
  linkCheck: impactLinkCheck,
  watch: impactWatch,
  earnings: impactEarnings,
} satisfies Network<'impact'>;
