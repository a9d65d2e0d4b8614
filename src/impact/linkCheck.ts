import { z as zod } from 'zod';

import {
  NO_FACTS,
  UNKNOWN_FACTS,
  type LinkCheckFeature,
  type LinkFacts,
  type Lookups,
} from '../core/network';
import { reasonOf } from '../core/errors';
import { normalizeDomains } from '../core/url';

import { hasActiveContract, ImpactClient } from './client';
import { cleanDomains } from './domains';

/**
 * Impact in the link checker. Impact links sit on brand subdomains of many tracking domains and on
 * brands' vanity domains, so they are not told by a host list (api/impact.md): by their shape
 * (`/c/{partnerId}/{adId}/{campaignId}`), or by the hosts of the account's own campaign links.
 * The campaign's contract says whether the link still tracks; its deep-link domains and site say
 * where it should land. The click id's name is the brand's choice (`irclickid` by default), so
 * none is required.
 */

/** `/c/{partnerId}/{adId}/{campaignId}`: the path of Impact's regular links. */
const LINK_PATH = /^\/c\/(\d{1,12})\/(\d{1,12})\/(\d{1,12})\/?$/;

function looksLikeImpact(url: URL): boolean {
  return LINK_PATH.test(url.pathname);
}

const ACTIVE = { status: 'active contract', notTracking: false };

const campaignsSchema = zod.lazy(() =>
  zod.array(
    zod.object({
      id: zod.number(),
      name: zod.string(),
      /** The host of the campaign's own tracking link, lower case; null when Impact gives none. */
      host: zod.string().nullable(),
      domains: zod.array(zod.string()),
      /** The campaign's own tracking link (watching links). */
      link: zod.string().nullable(),
    }),
  ),
);

const contractSchema = zod.lazy(() => zod.object({ status: zod.string().nullable() }));

function hostOf(link: string | null): string | null {
  try {
    return link ? new URL(link).hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** The account's campaigns with an active contract: one list, read once per run by link checks and the watch. */
export function campaigns({ z, bundle, list }: Lookups) {
  return list('your Impact campaigns', ['campaigns'], campaignsSchema, async (call) => {
    const found = await call(() => new ImpactClient(z, bundle).activeCampaigns());
    return found.map((campaign) => ({
      id: campaign.CampaignId,
      name: campaign.CampaignName,
      host: hostOf(campaign.TrackingLink),
      link: campaign.TrackingLink,
      domains: normalizeDomains([...cleanDomains(campaign.DeeplinkDomains), campaign.CampaignUrl]),
    }));
  });
}

/** The contract of a campaign that is not among the active ones (expired, or never joined). */
function contract({ z, bundle, list }: Lookups, campaignId: number) {
  return list(
    `Impact campaign ${campaignId}`,
    ['campaign', campaignId],
    contractSchema,
    async (call) => {
      try {
        const campaign = await call(() => new ImpactClient(z, bundle).campaign(campaignId));
        return { status: hasActiveContract(campaign) ? 'Active' : campaign.ContractStatus };
      } catch (error) {
        // Not found: the account never joined it. Anything else leaves the status unknown.
        if (reasonOf(error)?.kind === 'notFound') return { status: null };
        throw error;
      }
    },
  );
}

async function facts(lookups: Lookups, url: URL): Promise<LinkFacts> {
  const active = await campaigns(lookups);
  if (!active) return UNKNOWN_FACTS;
  const fromPath = LINK_PATH.exec(url.pathname)?.[3];
  const host = url.hostname.toLowerCase();
  // A vanity link names no campaign: the one campaign whose own link is on that host, if one.
  const onHost = active.filter((campaign) => campaign.host === host);
  const campaignId =
    fromPath !== undefined ? Number(fromPath) : onHost.length === 1 ? onHost[0].id : undefined;
  if (campaignId === undefined) return NO_FACTS;
  const campaign = active.find((entry) => entry.id === campaignId);
  if (campaign) return { programme: ACTIVE, domains: campaign.domains };
  const other = await contract(lookups, campaignId);
  if (!other) return UNKNOWN_FACTS;
  if (other.status === null) {
    return { programme: { status: 'not among your campaigns', notTracking: false }, domains: [] };
  }
  const status = other.status.trim().toLowerCase() || 'unknown';
  if (status === 'active') return { programme: ACTIVE, domains: [] };
  return { programme: { status: `contract ${status}`, notTracking: true }, domains: [] };
}

export const impactLinkCheck: LinkCheckFeature = {
  hosts: [],
  looksLike: looksLikeImpact,
  clickId: null,
  // Impact's deep links name their page in `u` (seen on real links; the API material is silent).
  deepLinkParam: 'u',
  programmes: {
    trackingHosts: async (lookups) => {
      const read = await campaigns(lookups);
      if (!read) return undefined;
      return [...new Set(read.flatMap((campaign) => (campaign.host ? [campaign.host] : [])))];
    },
    facts,
  },
};
