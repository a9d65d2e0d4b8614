import { type Network } from '../core/network';

import { impactAnyUrl } from './anyUrl';
import { impactConnection } from './connection';
import { impactLinkCheck } from './linkCheck';

/** Impact as the registry lists it: its connection, and what any-URL and link checks need of it. */
export const impactNetwork = {
  ...impactConnection,
  anyUrl: impactAnyUrl,
  linkCheck: impactLinkCheck,
} satisfies Network<'impact'>;
