// What a watch keeps between polls, in z.cache (README "Watching links"): where the round robin
// goes on, each link's last verdict, and the latest alerts. One entry per connection and watched
// set; the credentials and the links never appear in its key.
import { type Bundle } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { connectedNetworks, connectionParts } from '../connection/registry';
import { hashedCacheKey, hashOf } from '../core/cache';
import { LINK_STATUSES } from '../linkCheck/types';
import type { WatchInput } from './fields';
import type { BrokenLinkAlert } from './outputs';
import type { LinkMemory } from './rule';

/** How long the state is kept after the last poll: a Zap turned off for longer starts afresh. */
export const WATCH_STATE_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Alerts kept and given again each poll (Zapier fires each id once), two full polls' worth. */
export const KEPT_ALERTS = 40;

export interface WatchState {
  /** Where the next poll's round robin starts, in the set's order. */
  position: number;
  /** Each link's memory, by `linkKey` of its URL. */
  links: Record<string, LinkMemory>;
  /** The latest alerts, newest first. */
  alerts: BrokenLinkAlert[];
}

export const EMPTY_STATE: WatchState = { position: 0, links: {}, alerts: [] };

const memorySchema = zod.lazy(() =>
  zod.object({
    status: zod.enum(LINK_STATUSES),
    checkedAt: zod.number(),
    armed: zod.boolean(),
    failingSince: zod.number().optional(),
  }),
);

const alertSchema = zod.lazy(() =>
  zod.object({
    id: zod.string(),
    url: zod.string(),
    healthy: zod.boolean(),
    status: zod.enum(LINK_STATUSES),
    reason: zod.string(),
    final_url: zod.string(),
    final_status: zod.number().nullable(),
    landing_domain: zod.string(),
    hops: zod.number(),
    redirects: zod.array(
      zod.object({ step: zod.number(), status: zod.number(), url: zod.string() }),
    ),
    click_id_found: zod.boolean().nullable(),
    network: zod.string(),
    programme_status: zod.string(),
    elapsed_ms: zod.number(),
    checked_at: zod.string(),
    previous_status: zod.string(),
    broken_since: zod.string(),
    advertiser_id: zod.number().nullable(),
    advertiser_name: zod.string(),
  }),
);

export const watchStateSchema: zod.ZodType<WatchState> = zod.lazy(() =>
  zod.object({
    position: zod.number().int().nonnegative(),
    links: zod.record(zod.string(), memorySchema),
    alerts: zod.array(alertSchema),
  }),
);

/** A link's key in the state: short, whatever the link's length. */
export function linkKey(url: string): string {
  return hashOf(url, 16);
}

/**
 * The state's z.cache key: a hash of what decides the verdicts (every connected network's
 * connection, the device, the expected domains) and of the watched set (the listed links, in any
 * order; or "your programmes", whose links change as programmes do).
 */
export function watchStateKey(bundle: Bundle, input: WatchInput): string {
  const connection = connectedNetworks(bundle.authData).map((network) =>
    connectionParts(network, bundle.authData),
  );
  const set = input.source === 'list' ? [...input.links].sort() : [];
  return hashedCacheKey('watch:v1', [
    connection,
    input.source,
    input.device,
    input.expectedDomains,
    set,
  ]);
}
