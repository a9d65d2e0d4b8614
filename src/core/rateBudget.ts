import { createHash, randomBytes } from 'node:crypto';
import { type ZObject } from 'zapier-platform-core';

import { withReason } from './errors';

/**
 * A call budget shared by every Zap run that uses one credential, kept in Zapier's cache (z.cache).
 *
 * The window is sliding: the budget is `limit` slots, each a cache key that lives `windowSeconds`.
 * A call claims a free slot with an atomic "set if absent" (nx), so two runs can never claim the
 * same slot, and no more than `limit` calls start in any window. When every slot is taken the run
 * stops with ThrottledError, waiting until the oldest slot expires, instead of letting the network
 * refuse the call.
 */
export interface CallBudget {
  network: string;
  /** A name for the budget's owner that must not reveal it (the credential is hashed). */
  credential: string;
  limit: number;
  windowSeconds: number;
  now?: () => number;
}

/** One more second than the window, so a slot never expires before the network forgets the call. */
const slotTtl = (budget: CallBudget) => budget.windowSeconds + 1;

function slotKey(budget: CallBudget, slot: number): string {
  const owner = createHash('sha256').update(budget.credential).digest('hex').slice(0, 24);
  return `budget:${budget.network.toLowerCase()}:${owner}:${slot}`;
}

function claimedAt(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const at = Number(value.split(':')[0]);
  return Number.isFinite(at) ? at : undefined;
}

export async function spendCall(z: ZObject, budget: CallBudget): Promise<void> {
  const now = budget.now ?? Date.now;
  const claim = `${now()}:${randomBytes(6).toString('hex')}`;
  for (let slot = 0; slot < budget.limit; slot += 1) {
    let claimed: boolean | null;
    try {
      claimed = await z.cache.set(slotKey(budget, slot), claim, slotTtl(budget), undefined, true);
    } catch {
      // No shared cache here (a local run without Zapier's services): the network's own limit,
      // answered with 429, still protects the account.
      return;
    }
    // Only an explicit false means "someone holds this slot"; Zapier answers true when it stored it.
    if (claimed !== false) return;
  }
  const taken = await Promise.all(
    Array.from({ length: budget.limit }, (_, slot) => z.cache.get(slotKey(budget, slot))),
  );
  const oldest = Math.min(...taken.map((value) => claimedAt(value) ?? now()));
  const waitSeconds = Math.max(1, Math.ceil((oldest + slotTtl(budget) * 1000 - now()) / 1000));
  throw withReason(
    new z.errors.ThrottledError(
      `Your ${budget.network} connection has used its ${budget.limit} API calls for this minute, shared by ` +
        `all Zaps that use it. Zapier will retry this step in about ${waitSeconds} seconds.`,
      waitSeconds,
    ),
    { network: budget.network, kind: 'throttled', code: 'shared_budget' },
  );
}
