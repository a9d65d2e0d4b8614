import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { reasonOf, userMessage } from '../core/errors';

import { readThrough } from '../core/cache';
import { awinCacheKey } from './cache';
import { type AwinClient } from './client';
import {
  type AwinAdvertiserDetails,
  type AwinProgrammeUnavailableOutput,
  type AwinUnavailableReason,
  commissionInWords,
  programmeUnavailableOutput,
} from './outputs';
import { type AwinDetailsRelationship, type AwinProgramme } from './schemas';

/** Programme details change rarely (commission, deep links): kept 30 minutes. */
const DETAILS_CACHE_TTL_SECONDS = 30 * 60;

const detailsSchema = zod.lazy(() =>
  zod.object({
    deeplinkEnabled: zod.boolean().nullable(),
    commission: zod.string().nullable(),
  }),
);

/**
 * One advertiser's deep-link permission and commission in words, from programme details: one Awin
 * call, kept in the cache. When Awin cannot answer (not found for this relationship, refused,
 * down, out of calls for the minute) both are null and the reason is logged: the search still
 * returns what the list said. Only a refused token stops the run, as the user must reconnect.
 */
export async function advertiserDetails(
  awin: AwinClient,
  z: ZObject,
  bundle: Bundle,
  publisherId: number,
  advertiserId: number,
  relationship: AwinDetailsRelationship,
): Promise<AwinAdvertiserDetails> {
  const key = awinCacheKey('programmedetails', bundle, [publisherId, advertiserId, relationship]);
  try {
    return await readThrough(
      z,
      key,
      DETAILS_CACHE_TTL_SECONDS,
      detailsSchema,
      async () => {
        const details = await awin.programmeDetails(publisherId, advertiserId, relationship);
        return {
          deeplinkEnabled: details.programmeInfo.deeplinkEnabled,
          commission: commissionInWords(
            details.commissionRange,
            details.programmeInfo.currencyCode,
          ),
        };
      },
      "Awin's answer",
    );
  } catch (error) {
    if (reasonOf(error)?.kind === 'auth') throw error;
    z.console.log(
      `Could not read the programme details of Awin advertiser ${advertiserId}, so deep links and ` +
        `commission are left empty: ${userMessage(error)}`,
    );
    return { deeplinkEnabled: null, commission: null };
  }
}

/** Link statuses that mean clicks are not tracked (Awin's Link Status page), compared in any case. */
const NOT_TRACKING: Record<string, AwinUnavailableReason> = {
  offline: 'offline',
  inactive: 'inactive',
};

function unavailableReason(
  programme: AwinProgramme,
  relationship: 'joined' | 'suspended',
): AwinUnavailableReason | undefined {
  if (relationship === 'suspended') return 'suspended';
  return NOT_TRACKING[programme.linkStatus?.trim().toLowerCase() ?? ''];
}

/**
 * The account's programmes that stopped earning: every suspended one, and every joined one whose
 * link status is Offline or Inactive. Two Awin calls; newest (highest) advertiser id first.
 */
export async function unavailableProgrammes(
  awin: AwinClient,
  publisherId: number,
): Promise<AwinProgrammeUnavailableOutput[]> {
  const suspended = await awin.programmes(publisherId, 'suspended');
  const joined = await awin.programmes(publisherId, 'joined');
  const lists: ['joined' | 'suspended', AwinProgramme[]][] = [
    ['suspended', suspended],
    ['joined', joined],
  ];
  return lists
    .flatMap(([relationship, programmes]) =>
      programmes.flatMap((programme) => {
        const code = unavailableReason(programme, relationship);
        return code === undefined
          ? []
          : [programmeUnavailableOutput(programme, publisherId, relationship, code)];
      }),
    )
    .sort((a, b) => b.advertiserId - a.advertiserId || a.id.localeCompare(b.id));
}
