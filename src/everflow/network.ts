import { type Network } from '../core/network';

import { everflowAnyUrl } from './anyUrl';
import { everflowConnection } from './connection';
import { everflowLinkCheck } from './linkCheck';

/** Everflow as the registry lists it: its connection, and what any-URL and link checks need of it. */
export const everflowNetwork = {
  ...everflowConnection,
  anyUrl: everflowAnyUrl,
  linkCheck: everflowLinkCheck,
} satisfies Network<'everflow'>;
