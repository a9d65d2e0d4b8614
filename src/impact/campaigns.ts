import { type Bundle, type ZObject } from 'zapier-platform-core';

import { cacheGet, cacheSet, hashedCacheKey } from '../core/cache';
import { appError } from '../core/errors';
import { plural } from '../core/text';

import { IMPACT_URL_ENV, type ImpactClient } from './client';
import { cleanDomains } from './domains';
import { IMPACT_NAME } from './errors';
import { storedCampaignsSchema, type ImpactCampaign, type StoredCampaign } from './schemas';

/**
 * The account's campaigns with an active contract, as links need them (name, deep-link rule and
 * domains), kept in Zapier's shared cache (z.cache) for 15 minutes like the other networks' lists:
 * a Zap that makes one link per sheet row reads the list once, not once a row. Without a shared
 * cache (a local run) every run reads Impact.
 */

const CAMPAIGNS_TTL_SECONDS = 15 * 60;

export type Campaigns = ReadonlyMap<number, StoredCampaign>;

/** What is kept of a campaign: what links and the trigger need, domains already cleaned. */
export function storedCampaign(campaign: ImpactCampaign): StoredCampaign {
  return {
    campaignId: campaign.CampaignId,
    campaignName: campaign.CampaignName,
    advertiserName: campaign.AdvertiserName,
    campaignUrl: campaign.CampaignUrl,
    trackingLink: campaign.TrackingLink,
    contractStatus: campaign.ContractStatus,
    allowsDeeplinking: campaign.AllowsDeeplinking,
    deeplinkDomains: cleanDomains(campaign.DeeplinkDomains),
  };
}

/** The key of the account's list: a hash of the API address and the credentials, never them. */
function campaignsCacheKey(bundle: Bundle): string {
  const { impact_account_sid: sid, impact_auth_token: token } = bundle.authData;
  return hashedCacheKey('impact:campaigns:v1', [
    process.env[IMPACT_URL_ENV] ?? '',
    String(sid ?? '').trim(),
    String(token ?? '').trim(),
  ]);
}

function byId(list: readonly StoredCampaign[]): Campaigns {
  return new Map(list.map((campaign) => [campaign.campaignId, campaign]));
}

/** The list a recent run kept, when it is there and still reads as expected; no Impact call. */
export async function cachedCampaigns(z: ZObject, bundle: Bundle): Promise<Campaigns | undefined> {
  // No shared cache here (a local run), or too slow: undefined, and Impact is read instead.
  const cached = await cacheGet(z, campaignsCacheKey(bundle));
  if (cached.status !== 'done') return undefined;
  const parsed = storedCampaignsSchema.safeParse(cached.value);
  return parsed.success ? byId(parsed.data) : undefined;
}

/** Keeps a freshly read list for the next runs; a refused or failed write only costs a read. */
export async function keepCampaigns(
  z: ZObject,
  bundle: Bundle,
  list: readonly StoredCampaign[],
): Promise<void> {
  const kept = await cacheSet(z, campaignsCacheKey(bundle), list, CAMPAIGNS_TTL_SECONDS);
  if (kept.status !== 'done') {
    z.console.log(
      "Could not keep Impact's campaign list in Zapier's cache; the next run reads it again.",
    );
  }
}

/** Reads the list from Impact (one call a page, the first usually reserved) and keeps it. */
export async function loadCampaigns(
  z: ZObject,
  bundle: Bundle,
  impact: ImpactClient,
): Promise<Campaigns> {
  const list = (await impact.activeCampaigns()).map(storedCampaign);
  await keepCampaigns(z, bundle, list);
  return byId(list);
}

/**
 * The campaigns a run's links need, with every call of the run reserved before the first one:
 * `campaignIds` has one id per link asked for, and `calls(campaigns)` says how many link calls
 * the run will make once it knows the campaigns (the requests the campaigns do not refuse).
 * When the kept list names every campaign asked for, only those calls are reserved; otherwise
 * (nothing kept, or a campaign joined since) one more is reserved and the list is read fresh, and
 * the link calls are counted as if every request went ahead (a request refused afterwards leaves
 * its call unspent in the budget: a little less for other runs, never more than Impact allows).
 */
export async function campaignsForLinks(
  z: ZObject,
  bundle: Bundle,
  impact: ImpactClient,
  campaignIds: readonly number[],
  calls: (campaigns: Campaigns) => number,
): Promise<Campaigns> {
  const kept = await cachedCampaigns(z, bundle);
  if (kept !== undefined && campaignIds.every((id) => kept.has(id))) {
    await impact.reserve(calls(kept));
    return kept;
  }
  await impact.reserve(campaignIds.length + 1);
  return loadCampaigns(z, bundle, impact);
}

/** The campaign of one link, or the error that says it has no active contract. */
export function campaignOf(
  z: ZObject,
  campaigns: Campaigns,
  campaignId: number,
  where = '',
): StoredCampaign {
  const campaign = campaigns.get(campaignId);
  if (campaign !== undefined) return campaign;
  throw appError(
    z,
    { network: IMPACT_NAME, kind: 'invalid_input', code: 'campaign_not_joined' },
    `${where}Impact campaign ${campaignId} is not one of the ${plural(campaigns.size, 'campaign')} ` +
      'you have an active contract with, so Impact makes no links for it. Choose a campaign from ' +
      'the list, or join this one in Impact first.',
  );
}
