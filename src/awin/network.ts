import { type Network } from '../core/network';

import { awinEarnings } from './conversions';

import { awinAnyUrl } from './anyUrl';
import { awinConnection } from './connection';
import { awinLinkCheck } from './linkCheck';
import { awinWatch } from './watch';

/**
 * Awin as the registry lists it: its connection, and what any-URL, link checks, watching
 * links and earnings need of it.
 */
export const awinNetwork = {
  ...awinConnection,
  anyUrl: awinAnyUrl,
  linkCheck: awinLinkCheck,
  watch: awinWatch,
  earnings: awinEarnings,
} satisfies Network<'awin'>;
