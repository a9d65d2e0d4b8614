import { type Network } from '../core/network';

import { awinAnyUrl } from './anyUrl';
import { awinConnection } from './connection';
import { awinLinkCheck } from './linkCheck';
import { awinWatch } from './watch';

/**
 * Awin as the registry lists it: its connection, and what any-URL, link checks and watching
 * links need of it.
 */
export const awinNetwork = {
  ...awinConnection,
  anyUrl: awinAnyUrl,
  linkCheck: awinLinkCheck,
  watch: awinWatch,
} satisfies Network<'awin'>;
