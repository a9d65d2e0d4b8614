import { type Network } from '../core/network';

import { offerslookAnyUrl } from './anyUrl';
import { offerslookConnection } from './connection';
import { offerslookLinkCheck } from './linkCheck';

/** Offerslook as the registry lists it: its connection, and what any-URL and link checks need of it. */
export const offerslookNetwork = {
  ...offerslookConnection,
  anyUrl: offerslookAnyUrl,
  linkCheck: offerslookLinkCheck,
} satisfies Network<'offerslook'>;
