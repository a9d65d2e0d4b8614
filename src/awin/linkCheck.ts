import { z as zod } from 'zod';
import {
  idParameter,
  NO_FACTS,
  UNKNOWN_FACTS,
  type LinkCheckFeature,
  type LinkFacts,
  type Lookups,
  type ProgrammeInfo,
} from '../core/network';
import { normalizeDomains } from '../core/url';

import { AwinClient } from './client';

/**
 * Awin in the link checker: its click servers (`www.awin1.com`: awclick.php, cread.php,
 * pclick.php; `tidd.ly` short links), its click id `awc` and deep-link parameter `ued`, and what
 * the programme lists say about a link's programme: joined with its link status, suspended, or not
 * joined (api/awin.md, api/link-checking.md).
 */

/**
 * Awin's ids in a link: advertiser (`awinmid`, `mid`, banner `v`, product `m`) and publisher
 * (`awinaffid`, `id`, banner `r`, product `a`). A tidd.ly short link names neither.
 */
export function awinLinkIds(url: URL): { advertiserId?: number; publisherId?: number } {
  return {
    advertiserId: idParameter(url, ['awinmid', 'mid', 'v', 'm']),
    publisherId: idParameter(url, ['awinaffid', 'id', 'r', 'a']),
  };
}

/** Joined with its link status, suspended, or not joined. Offline or inactive links do not track. */
export function awinProgramme(
  relationship: 'joined' | 'suspended' | 'not joined',
  linkStatus: string | null = null,
): ProgrammeInfo {
  if (relationship !== 'joined') return { status: relationship, notTracking: true };
  const link = (linkStatus ?? '').trim();
  return {
    status: link === '' ? 'joined' : `joined, link status ${link}`,
    notTracking: ['offline', 'inactive'].includes(link.toLowerCase()),
  };
}

const publisherSchema = zod.lazy(() => zod.number());

const programmeListSchema = zod.lazy(() =>
  zod.array(
    zod.object({
      id: zod.number(),
      name: zod.string(),
      linkStatus: zod.string().nullable(),
      domains: zod.array(zod.string()),
      /** The programme's default link for the account (watching links). */
      link: zod.string().nullable(),
    }),
  ),
);

function defaultPublisher({ z, bundle, list }: Lookups): Promise<number | undefined> {
  return list('your Awin publisher account', ['publisher'], publisherSchema, (call) =>
    call(() =>
      new AwinClient(z, bundle).resolvePublisherId(
        undefined,
        'Set "Awin Publisher ID" in the connection to the account whose programmes links are checked against.',
      ),
    ),
  );
}

/** One publisher account's programmes, as link checks and the watch read them (once per run). */
export function programmeList(
  { z, bundle, list }: Lookups,
  publisherId: number,
  relationship: 'joined' | 'suspended',
) {
  return list(
    `the ${relationship} Awin programmes of publisher ${publisherId}`,
    ['programmes', publisherId, relationship],
    programmeListSchema,
    async (call) => {
      const programmes = await call(() =>
        new AwinClient(z, bundle).programmes(publisherId, relationship),
      );
      return programmes.map((programme) => ({
        id: programme.id,
        name: programme.name,
        linkStatus: programme.linkStatus,
        link: programme.clickThroughUrl,
        domains: normalizeDomains([
          ...programme.validDomains.map((valid) => valid.domain),
          programme.displayUrl,
        ]),
      }));
    },
  );
}

async function facts(lookups: Lookups, url: URL): Promise<LinkFacts> {
  const { advertiserId, publisherId: fromLink } = awinLinkIds(url);
  // A short link does not say which programme it is for.
  if (advertiserId === undefined) return NO_FACTS;
  const publisherId = fromLink ?? (await defaultPublisher(lookups));
  if (publisherId === undefined) return UNKNOWN_FACTS;
  const joined = await programmeList(lookups, publisherId, 'joined');
  if (!joined) return UNKNOWN_FACTS;
  const member = joined.find((programme) => programme.id === advertiserId);
  if (member) {
    return { programme: awinProgramme('joined', member.linkStatus), domains: member.domains };
  }
  const suspended = await programmeList(lookups, publisherId, 'suspended');
  if (!suspended) return UNKNOWN_FACTS;
  const held = suspended.find((programme) => programme.id === advertiserId);
  return held
    ? { programme: awinProgramme('suspended'), domains: held.domains }
    : { programme: awinProgramme('not joined'), domains: [] };
}

export const awinLinkCheck: LinkCheckFeature = {
  hosts: ['awin1.com', 'tidd.ly'],
  looksLike: null,
  clickId: 'awc',
  deepLinkParam: 'ued',
  programmes: {
    trackingHosts: { lacking: 'every Awin link goes through its own click servers (hosts)' },
    facts,
  },
};
