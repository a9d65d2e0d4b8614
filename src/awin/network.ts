import { type Network } from '../core/network';

import { awinAnyUrl } from './anyUrl';
import { awinConnection } from './connection';
import { awinLinkCheck } from './linkCheck';

/** Awin as the registry lists it: its connection, and what any-URL and link checks need of it. */
export const awinNetwork = {
  ...awinConnection,
  anyUrl: awinAnyUrl,
  linkCheck: awinLinkCheck,
} satisfies Network<'awin'>;
