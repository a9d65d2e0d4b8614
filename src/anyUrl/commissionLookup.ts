import { type Bundle, type ZObject } from 'zapier-platform-core';
import { NETWORK_LABELS, networkById } from '../connection/registry';
import { readThrough } from '../core/cache';
import { commissionSchema, UNKNOWN_COMMISSION, type Commission } from '../core/commission';
import { reasonOf, userMessage } from '../core/errors';
import { isLacking } from '../core/network';

import { rankByCommission, type Prefer } from './commission';

import { directoryCacheKey, DIRECTORY_TTL_SECONDS } from './directory';

import { type Match } from './plan';

/**
 * Where a match's commission is kept: one entry per network, connection, account and advertiser
 * (an advertiser may pay two accounts differently).
 */
function commissionCacheKey(bundle: Bundle, match: Match): string {
  const { network, advertiser_id } = match.candidate;
  const key = directoryCacheKey(network, bundle.authData, match.directory.account);
  return `${key}:commission:${advertiser_id}`;
}

/** One match's commission: from its list, else from the cache, else one call (for its account). */
async function commissionOfMatch(z: ZObject, bundle: Bundle, match: Match): Promise<Commission> {
  const { network, advertiser_id, advertiser_name, commission } = match.candidate;
  if (commission !== undefined) return commission;
  const source = networkById(network).anyUrl.commission;
  if (isLacking(source) || !('read' in source)) return UNKNOWN_COMMISSION;
  const of = { account: match.directory.account, id: advertiser_id };
  try {
    return await readThrough(
      z,
      commissionCacheKey(bundle, match),
      DIRECTORY_TTL_SECONDS,
      commissionSchema,
      () => source.read(z, bundle, of),
    );
  } catch (error) {
    if (reasonOf(error)?.kind === 'auth') throw error; // the user must reconnect
    z.console.log(
      `Could not read what ${NETWORK_LABELS[network]} pays for ${advertiser_name} ` +
        `(${advertiser_id}), so its commission is left empty: ${userMessage(error)}`,
    );
    return UNKNOWN_COMMISSION;
  }
}

/**
 * The commission of each match, in the same order. Each advertiser or offer is asked about once
 * per account that matched it, and kept in z.cache for 15 minutes, so a sheet of URLs on the same
 * shops asks once.
 */
export async function commissionsOf(
  z: ZObject,
  bundle: Bundle,
  matches: readonly Match[],
): Promise<Commission[]> {
  const byAdvertiser = new Map<string, Promise<Commission>>();
  return Promise.all(
    matches.map((match) => {
      const id = `${match.candidate.network}:${match.directory.account}:${match.candidate.advertiser_id}`;
      let found = byAdvertiser.get(id);
      if (found === undefined) {
        found = commissionOfMatch(z, bundle, match);
        byAdvertiser.set(id, found);
      }
      return found;
    }),
  );
}

export interface Choice {
  /** The matches in the order the chosen rule gave: the link is made for the first. */
  matches: Match[];
  commission: Commission;
  chosenBy: Prefer;
}

/**
 * The match the link is for. With `domain` only the chosen match's commission is read; with
 * `commission` every match's (each advertiser once), and the ranking decides when it can.
 */
export async function chooseMatch(
  z: ZObject,
  bundle: Bundle,
  matches: readonly Match[],
  prefer: Prefer,
): Promise<Choice> {
  if (prefer === 'domain') {
    const [commission] = await commissionsOf(z, bundle, matches.slice(0, 1));
    return { matches: [...matches], commission, chosenBy: 'domain' };
  }
  const commissions = await commissionsOf(z, bundle, matches);
  const indexes = matches.map((_, index) => index);
  const { ranked, chosenBy } = rankByCommission(indexes, (index) => commissions[index], prefer);
  return {
    matches: ranked.map((index) => matches[index]),
    commission: commissions[ranked[0]],
    chosenBy,
  };
}
