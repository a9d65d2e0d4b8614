import nock from 'nock';
import { type Bundle } from 'zapier-platform-core';

import { run } from '../support/app';

/** Impact's real base URL (answered by nock) and a connection of one partner account. */
const IMPACT = 'https://api.impact.com';
export const IMPACT_SID = 'IRunitTest4a7b';
export const IMPACT_TOKEN = 'unit-test-impact-token-9c2e5f';
export const impactAuth = { impact_account_sid: IMPACT_SID, impact_auth_token: IMPACT_TOKEN };
const IMPACT_BASIC = `Basic ${Buffer.from(`${IMPACT_SID}:${IMPACT_TOKEN}`).toString('base64')}`;
export const ROOT = `/Mediapartners/${IMPACT_SID}`;

/** An interceptor that only matches requests with the Basic credential and JSON asked for. */
export const impact = () =>
  nock(IMPACT, {
    reqheaders: {
      authorization: IMPACT_BASIC,
      accept: 'application/json',
      'ir-version': '16',
    },
  });

/** One program of `GET …/Campaigns`, as Impact sends it (ids and booleans as text). */
export function campaign(
  id: number,
  name: string,
  fields: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    AdvertiserId: String(id + 1000),
    AdvertiserName: `${name} Inc.`,
    CampaignId: String(id),
    CampaignName: name,
    CampaignUrl: `https://www.brand${id}.example/`,
    ContractStatus: 'Active',
    AllowsDeeplinking: 'true',
    DeeplinkDomains: [`brand${id}.example`],
    TrackingLink: `https://brand${id}.sjv.io/c/1924609/650971/${id}`,
    ...fields,
  };
}

/** A one-page answer of `GET …/Campaigns` with Impact's text paging keys. */
export function campaignsPage(
  campaigns: Record<string, unknown>[],
  page = 1,
  numPages = 1,
): Record<string, unknown> {
  return {
    '@page': String(page),
    '@numpages': String(numPages),
    '@total': String(campaigns.length),
    '@nextpageuri': page < numPages ? `${ROOT}/Campaigns?Page=${page + 1}&PageSize=100` : '',
    Campaigns: campaigns,
  };
}

/** The active-campaign list query of page `page`. */
export const listQuery = (page = 1, pageSize = 100) => ({
  InsertionOrderStatus: 'Active',
  Page: String(page),
  PageSize: String(pageSize),
});

export const TRAILHEAD = campaign(10306, 'Trailhead Gear US', {
  DeeplinkDomains: ['trailheadgear.example', '*.trailheadgear.example'],
});
export const LUMIERE = campaign(11204, 'Lumière Beauty CA', {
  DeeplinkDomains: [' *lumierebeauty.example', '*LUMIERE-CA.example.'],
});
export const NORDLYS = campaign(12011, 'Nordlys Outdoor EU', {
  AllowsDeeplinking: 'false',
  DeeplinkDomains: [],
});

/** Answers the campaign list with the three campaigns above. */
export function answerCampaigns(campaigns = [TRAILHEAD, LUMIERE, NORDLYS]): nock.Scope {
  return impact().get(`${ROOT}/Campaigns`).query(listQuery()).reply(200, campaignsPage(campaigns));
}

/** Runs an action with the Impact connection above, unless the test gives its own. */
export function runImpact<T = unknown>(
  action: Parameters<typeof run>[0],
  inputData: Record<string, unknown>,
  authData: Record<string, string> = impactAuth,
  meta: Partial<Bundle['meta']> = {},
): Promise<T> {
  return run<T>(action, inputData, authData, meta);
}
