import { type Bundle, type ZObject } from 'zapier-platform-core';
import { AwinClient } from '../awin/client';
import { commissionInWords } from '../awin/outputs';
import { NETWORK_LABELS } from '../connection/registry';
import { reasonOf, userMessage } from '../core/errors';
import { EverflowClient } from '../everflow/client';

import {
  commissionOf,
  commissionSchema,
  everflowCommission,
  rankByCommission,
  UNKNOWN_COMMISSION,
  type Commission,
  type Prefer,
} from './commission';

import { readThrough } from '../core/cache';
import { connectionCacheKey, DIRECTORY_TTL_SECONDS } from './directory';

import { type Match } from './plan';

/** Programme details call a percentage `percentage`; commission groups say `percent` too. */
const AWIN_PERCENT_TYPES = new Set(['percentage', 'percent']);
/** Programme details say `amount`; commission groups say `fix`. */
const AWIN_AMOUNT_TYPES = new Set(['amount', 'fix', 'fixed']);

/**
 * What one Awin programme pays, from its programme details (`commissionRange`), asked of the
 * account that joined it. The range is the programme's, so one call serves every account.
 */
async function awinCommission(z: ZObject, bundle: Bundle, match: Match): Promise<Commission> {
  if (match.directory.network !== 'awin') return UNKNOWN_COMMISSION;
  const details = await new AwinClient(z, bundle).programmeDetails(
    match.directory.publisherId,
    match.candidate.advertiser_id,
  );
  const ranges = details.commissionRange;
  const ofKind = (kinds: Set<string>) =>
    ranges.filter((range) => kinds.has(range.type.trim().toLowerCase()));
  const values = (kinds: Set<string>) =>
    ofKind(kinds).flatMap((range) => [range.min ?? range.max, range.max ?? range.min]);
  const currency = details.programmeInfo.currencyCode;
  return commissionOf(
    values(AWIN_PERCENT_TYPES),
    values(AWIN_AMOUNT_TYPES),
    currency,
    commissionInWords(ranges, currency),
  );
}

async function everflowOfferCommission(
  z: ZObject,
  bundle: Bundle,
  match: Match,
): Promise<Commission> {
  const offer = await new EverflowClient(z, bundle).offerPayouts(match.candidate.advertiser_id);
  return everflowCommission(offer.payouts, offer.currency);
}

/** Where a match's commission is kept: one entry per network, connection and advertiser. */
function commissionCacheKey(bundle: Bundle, match: Match): string {
  const { network, advertiser_id } = match.candidate;
  return `${connectionCacheKey(network, bundle.authData)}:commission:${advertiser_id}`;
}

/** One match's commission: from its list (Offerslook), else from the cache, else one call. */
async function commissionOfMatch(z: ZObject, bundle: Bundle, match: Match): Promise<Commission> {
  const { network, advertiser_id, advertiser_name, commission } = match.candidate;
  if (commission !== undefined) return commission;
  if (network === 'offerslook') return UNKNOWN_COMMISSION;
  const read = network === 'awin' ? awinCommission : everflowOfferCommission;
  try {
    return await readThrough(
      z,
      commissionCacheKey(bundle, match),
      DIRECTORY_TTL_SECONDS,
      commissionSchema,
      () => read(z, bundle, match),
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
 * (the first match of it, which for Awin is the lowest account that joined it), and kept in
 * z.cache for 15 minutes, so a sheet of URLs on the same shops asks once.
 */
export async function commissionsOf(
  z: ZObject,
  bundle: Bundle,
  matches: readonly Match[],
): Promise<Commission[]> {
  const byAdvertiser = new Map<string, Promise<Commission>>();
  return Promise.all(
    matches.map((match) => {
      const id = `${match.candidate.network}:${match.candidate.advertiser_id}`;
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
