import { type Bundle, type ZObject } from 'zapier-platform-core';

import { readDays, readEarningsNetwork, readRef } from './fields';
import { type EarningsSummary } from './outputs';
import { planEarnings, readNetwork } from './read';
import { earningsOf } from './totals';

/**
 * "Find Earnings for a Tracking Reference": always one item, zeros when nothing converted. Every
 * input is read and the period planned before any call; each network's conversions are read once
 * (or taken from z.cache, kept 10 minutes) and filtered locally. A network that cannot be read
 * stops the step: totals that leave a network out would be wrong without saying so.
 */
export async function findEarnings(z: ZObject, bundle: Bundle): Promise<EarningsSummary[]> {
  const ref = readRef(z, bundle.inputData.tracking_ref);
  const days = readDays(z, bundle.inputData.days);
  const network = readEarningsNetwork(z, bundle.inputData.network);
  const plan = await planEarnings(z, bundle, { network, days });
  const reads = await Promise.all(
    plan.sources.map((source) => readNetwork(z, bundle, plan, source, [ref])),
  );
  return [earningsOf(ref, days, reads)];
}
