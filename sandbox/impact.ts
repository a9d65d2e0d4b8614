// The Impact.com Partner API, imitated under `/impact` (see the shared api/impact.md).
//
// Choices where the documentation is silent:
// - Wrong or missing Basic credentials, or a Basic user that is not the SID of the path: 401 with
//   Impact's error envelope.
// - A token whose scopes leave out an endpoint: 403 with the envelope (the demo's scoped token may
//   read campaigns but not create tracking links).
// - The hourly limit counts every authenticated call of an account in a sliding window; every such
//   answer carries X-RateLimit-Limit, -Remaining and -Reset (seconds until a call leaves the
//   window); over the limit: 429 without Retry-After.
// - A deep link outside a campaign's domains still gets a link, as Impact documents no refusal; the
//   imitated web then sends its clicks to a generic impact.com page (see `impactClickOutcome`).
// - A client that does not ask for JSON (`Accept`) gets XML, as some Impact endpoints answer.
import { impactActions } from './conversions';
import { createHash } from 'node:crypto';

import {
  extraImpactCampaigns,
  IMPACT_ACCOUNTS,
  IMPACT_CAMPAIGNS,
  type ImpactAccountData,
  type ImpactCampaignData,
} from './data/impact';
import {
  json,
  type NetworkModule,
  type NetworkSettings,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

const IMPACT_DEFAULT_PAGE_SIZE = 100;
const IMPACT_MAX_PAGE_SIZE = 1000;

/** Impact's error envelope. */
function problem(status: number, message: string, errors?: { Field: string; Message: string }[]) {
  return json(status, { Status: 'ERROR', Message: message, ...(errors ? { Errors: errors } : {}) });
}

/** The Spring-style body the tracking-link endpoint answers a 403 with. */
function springForbidden(message: string, receivedAt: number): SandboxResponse {
  return json(403, { timestamp: receivedAt, status: 'FORBIDDEN', error: 'Forbidden', message });
}

function basicCredentials(req: SandboxRequest): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0
    ? undefined
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** A tracking link of a campaign, as Impact hands it out (the query: deep link, sub IDs). */
function impactTrackingLink(
  campaign: ImpactCampaignData,
  account: ImpactAccountData,
  query: [string, string][] = [],
): string {
  const base =
    `${campaign.trackingScheme}://${campaign.trackingHost}` +
    `/c/${account.partnerId}/${campaign.adId}/${campaign.id}`;
  return query.length === 0 ? base : `${base}?${new URLSearchParams(query).toString()}`;
}

function campaignJson(campaign: ImpactCampaignData, account: ImpactAccountData) {
  const uri = `/Mediapartners/${account.accountSid}`;
  return {
    AdvertiserId: String(campaign.advertiserId),
    AdvertiserName: campaign.advertiserName,
    AdvertiserUrl: campaign.campaignUrl,
    CampaignId: String(campaign.id),
    CampaignName: campaign.name,
    CampaignUrl: campaign.campaignUrl,
    CampaignDescription: `${campaign.advertiserName} pays commission on every sale.`,
    Type: 'Performance',
    ContractStatus: campaign.contract,
    ContractUri: `${uri}/Contracts/${campaign.id}`,
    PublicTermsUri: `${uri}/Campaigns/${campaign.id}/PublicTerms`,
    CampaignLogoUri: `${uri}/Campaigns/${campaign.id}/Logo`,
    AllowsDeeplinking: campaign.allowsDeeplinking,
    DeeplinkDomains: campaign.deeplinkDomains,
    HasStandDownPolicy: 'false',
    ShippingRegions: ['US', 'CA'],
    ...(campaign.withoutTrackingLink
      ? {}
      : { TrackingLink: impactTrackingLink(campaign, account) }),
    Uri: `${uri}/Campaigns/${campaign.id}`,
  };
}

function positiveInt(value: string | null, fallback: number): number | undefined {
  if (value === null || value === '') return fallback;
  return /^\d+$/.test(value) && Number(value) > 0 ? Number(value) : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A plain XML rendering of an answer, for clients that do not ask for JSON. */
function toXml(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
  if (typeof value === 'object' && value !== null) {
    const inner = Object.entries(value)
      .map(([key, item]) => toXml(key.replace(/^@/, ''), item))
      .join('');
    return `<${name}>${inner}</${name}>`;
  }
  const text = String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;');
  return `<${name}>${text}</${name}>`;
}

export function createImpactNetwork(settings: NetworkSettings): NetworkModule {
  const campaigns = impactCampaigns(settings);
  const callTimes = new Map<string, number[]>();

  /** The account's calls still in the window, oldest first. */
  function recentCalls(sid: string, now: number): number[] {
    const recent = (callTimes.get(sid) ?? []).filter((t) => t > now - settings.impactWindowMs);
    callTimes.set(sid, recent);
    return recent;
  }

  function rateHeaders(sid: string, now: number): Record<string, string> {
    const recent = recentCalls(sid, now);
    const remaining = Math.max(0, settings.impactCallsPerHour - recent.length);
    const oldest = recent[0];
    const resetMs =
      oldest === undefined ? settings.impactWindowMs : oldest + settings.impactWindowMs - now;
    return {
      'X-RateLimit-Limit': String(settings.impactCallsPerHour),
      'X-RateLimit-Remaining': String(remaining),
      'X-RateLimit-Reset': String(Math.max(1, Math.ceil(resetMs / 1000))),
    };
  }

  function accountOf(req: SandboxRequest): ImpactAccountData {
    // The guard has already refused requests without the account's credentials.
    return IMPACT_ACCOUNTS[req.params.sid];
  }

  function guard(req: SandboxRequest): SandboxResponse | undefined {
    const sid = req.params.sid;
    const account = Object.hasOwn(IMPACT_ACCOUNTS, sid) ? IMPACT_ACCOUNTS[sid] : undefined;
    const credentials = basicCredentials(req);
    const tokenOk =
      credentials !== undefined &&
      (credentials.password === account?.authToken ||
        credentials.password === account?.scopedToken);
    if (!account || credentials?.user !== sid || !tokenOk) {
      return problem(401, 'Authentication failed: check your Account SID and Auth Token.');
    }
    const recent = recentCalls(sid, req.receivedAt);
    if (recent.length >= settings.impactCallsPerHour) {
      return { ...problem(429, 'Rate limit exceeded'), headers: rateHeaders(sid, req.receivedAt) };
    }
    recent.push(req.receivedAt);
    if (req.path.endsWith('/TrackingLinks') && credentials.password === account.scopedToken) {
      return {
        ...problem(
          403,
          'This token is not allowed to access TrackingLinks: its scopes leave it out.',
        ),
        headers: rateHeaders(sid, req.receivedAt),
      };
    }
    return undefined;
  }

  function campaignList(req: SandboxRequest): SandboxResponse {
    const account = accountOf(req);
    const status = req.query.get('InsertionOrderStatus');
    if (status !== null && status !== 'Active' && status !== 'Expired') {
      return problem(400, 'Validation Failed', [
        { Field: 'InsertionOrderStatus', Message: 'Must be Active or Expired' },
      ]);
    }
    const page = positiveInt(req.query.get('Page'), 1);
    const pageSize = positiveInt(req.query.get('PageSize'), IMPACT_DEFAULT_PAGE_SIZE);
    if (page === undefined || pageSize === undefined || pageSize > IMPACT_MAX_PAGE_SIZE) {
      return problem(400, 'Validation Failed', [
        { Field: 'PageSize', Message: `Page from 1; PageSize from 1 to ${IMPACT_MAX_PAGE_SIZE}` },
      ]);
    }
    const list = campaigns.filter((c) => status === null || c.contract === status);
    const numPages = Math.max(1, Math.ceil(list.length / pageSize));
    const start = (page - 1) * pageSize;
    const items = list.slice(start, start + pageSize);
    const uri = (n: number) =>
      `/Mediapartners/${account.accountSid}/Campaigns?` +
      new URLSearchParams([
        ...(status ? [['InsertionOrderStatus', status] as [string, string]] : []),
        ['Page', String(n)],
        ['PageSize', String(pageSize)],
      ]).toString();
    // Paging keys are text, as Impact sends them.
    return json(200, {
      '@page': String(page),
      '@numpages': String(numPages),
      '@pagesize': String(pageSize),
      '@total': String(list.length),
      '@start': String(start),
      '@end': String(Math.max(start, start + items.length - 1)),
      '@uri': uri(page),
      '@firstpageuri': uri(1),
      '@previouspageuri': page > 1 ? uri(page - 1) : '',
      '@nextpageuri': page < numPages ? uri(page + 1) : '',
      '@lastpageuri': uri(numPages),
      Campaigns: items.map((c) => campaignJson(c, account)),
    });
  }

  function oneCampaign(req: SandboxRequest): SandboxResponse {
    const found = campaigns.find((c) => String(c.id) === req.params.campaignId);
    if (!found) return problem(404, `Campaign ${req.params.campaignId.slice(0, 20)} not found`);
    return json(200, campaignJson(found, accountOf(req)));
  }

  function trackingLink(req: SandboxRequest): SandboxResponse {
    const account = accountOf(req);
    const found = campaigns.find((c) => String(c.id) === req.params.programId);
    if (!found) return problem(404, `Program ${req.params.programId.slice(0, 20)} not found`);
    if (found.contract !== 'Active') {
      return problem(400, 'Validation Failed', [
        { Field: 'ProgramId', Message: 'No active contract with this program' },
      ]);
    }
    const deepLink = req.query.get('DeepLink');
    if (deepLink !== null && !isHttpUrl(deepLink)) {
      return problem(400, 'Validation Failed', [{ Field: 'DeepLink', Message: 'Not a valid URL' }]);
    }
    const property = req.query.get('MediaPartnerPropertyId');
    if (property !== null && !account.mediaPropertyIds.map(String).includes(property)) {
      return springForbidden(
        `The property ID '${property.slice(0, 20)}' does not exist.`,
        req.receivedAt,
      );
    }
    const query: [string, string][] = [];
    if (deepLink !== null) query.push(['u', deepLink]);
    for (const key of ['subId1', 'subId2', 'subId3'] as const) {
      const value = req.query.get(key);
      if (value !== null && value !== '') query.push([key, value]);
    }
    // Impact's own example writes the shared id in lower case on a link.
    const shared = req.query.get('sharedId');
    if (shared !== null && shared !== '') query.push(['sharedid', shared]);
    for (const [key, value] of query) {
      if (value.length > 255) {
        return problem(400, 'Validation Failed', [
          { Field: key, Message: 'At most 255 characters' },
        ]);
      }
    }
    return json(200, { TrackingURL: impactTrackingLink(found, account, query) });
  }

  /** Every answer of an authenticated call carries the rate headers; XML unless JSON was asked for. */
  const answered =
    (handler: (req: SandboxRequest) => SandboxResponse) =>
    (req: SandboxRequest): SandboxResponse => {
      const response = handler(req);
      const headers = { ...response.headers, ...rateHeaders(req.params.sid, req.receivedAt) };
      if (/json/i.test(String(req.headers.accept ?? ''))) return { ...response, headers };
      return {
        status: response.status,
        rawBody: `<?xml version="1.0" encoding="utf-8"?>${toXml('ImpactRadiusResponse', response.body)}`,
        contentType: 'application/xml',
        headers,
      };
    };

  return {
    name: 'impact',
    prefix: '/impact',
    env: (baseUrl) => ({ IMPACT_API_URL: `${baseUrl}/impact` }),
    routes: [
      { method: 'GET', pattern: '/Mediapartners/:sid/Campaigns', handler: answered(campaignList) },
      {
        method: 'GET',
        pattern: '/Mediapartners/:sid/Campaigns/:campaignId',
        handler: answered(oneCampaign),
      },
      {
        method: 'GET',
        pattern: '/Mediapartners/:sid/Actions',
        handler: answered((req) => impactActions(settings.conversions, req)),
      },
      {
        method: 'POST',
        pattern: '/Mediapartners/:sid/Programs/:programId/TrackingLinks',
        handler: answered(trackingLink),
      },
    ],
    guard,
    notFound: (req) => problem(404, `No resource at ${req.method} ${req.fullPath}`),
  };
}

// --- the imitated web: what a click on an Impact link does ----------------------------------------

/** Where a click goes: a redirect, or a page the tracking host answers itself. */
export type ImpactClickOutcome =
  { redirect: string } | { status: number; title: string; text: string };

/** Impact's click id: 22 characters, stable for one link. */
function clickIdFor(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 22);
}

/** Impact's generic page, where a deep link outside the permitted domains ends. */
export const IMPACT_GENERIC_PAGE = 'https://impact.com/';

function cleanDomain(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(/^\*\.?/, '')
    .replace(/\.+$/, '');
}

function permitted(campaign: ImpactCampaignData, destination: string): boolean {
  const host = new URL(destination).hostname;
  return campaign.deeplinkDomains
    .map(cleanDomain)
    .some((domain) => domain !== '' && (host === domain || host.endsWith(`.${domain}`)));
}

/** The campaigns of one sandbox: the data set's, plus any `impactExtraCampaigns`. */
export function impactCampaigns(settings: NetworkSettings): ImpactCampaignData[] {
  return [...IMPACT_CAMPAIGNS, ...extraImpactCampaigns(settings.impactExtraCampaigns)];
}

/**
 * A click on a link the sandbox handed out (`/c/{partnerId}/{adId}/{campaignId}`): the deep link
 * (`u`) or the campaign's site, with Impact's click id (`irclickid`, and `irgwc=1`) added. A link
 * of an ended contract, or a deep link on a campaign that allows none, ends on the tracking host's
 * own page; a deep link outside the permitted domains on Impact's generic page.
 */
export function impactClickOutcome(
  campaigns: readonly ImpactCampaignData[],
  url: URL,
): ImpactClickOutcome {
  const match = /^\/c\/(\d+)\/(\d+)\/(\d+)$/.exec(url.pathname);
  const campaign = campaigns.find(
    (c) =>
      match !== null &&
      c.trackingHost.toLowerCase() === url.hostname &&
      String(c.adId) === match[2] &&
      String(c.id) === match[3],
  );
  const partnerKnown = Object.values(IMPACT_ACCOUNTS).some(
    (a) => String(a.partnerId) === match?.[1],
  );
  const malformed = {
    status: 200,
    title: 'Impact',
    text: 'The link you clicked on is malformed.',
  };
  if (!campaign || !partnerKnown) return malformed;
  if (campaign.contract !== 'Active') {
    return { status: 200, title: 'Impact', text: 'This program is no longer active.' };
  }
  const deepLink = url.searchParams.get('u');
  const allows = campaign.allowsDeeplinking === true || campaign.allowsDeeplinking === 'true';
  if (deepLink !== null && !allows) return malformed;
  if (deepLink !== null && (!isHttpUrl(deepLink) || !permitted(campaign, deepLink))) {
    return { redirect: IMPACT_GENERIC_PAGE };
  }
  const landing = new URL(deepLink ?? campaign.campaignUrl);
  landing.searchParams.set('irclickid', clickIdFor(url.href));
  landing.searchParams.set('irgwc', '1');
  return { redirect: landing.href };
}

/** The hosts of the campaigns' tracking links (lower case), which answer clicks. */
export function impactTrackingHosts(campaigns: readonly ImpactCampaignData[]): string[] {
  return campaigns.map((c) => c.trackingHost.toLowerCase());
}

/**
 * Each brand's shop as the web serves it: the domains it sells from (its site and its deep-link
 * domains, cleaned) and the titles of the pages the data set names (`origin + pathname`).
 */
export function impactShops(
  campaigns: readonly ImpactCampaignData[],
): { name: string; domains: string[]; titles: Record<string, string> }[] {
  return campaigns.map((campaign) => ({
    name: campaign.advertiserName,
    domains: [
      new URL(campaign.campaignUrl).hostname,
      ...campaign.deeplinkDomains.map(cleanDomain).filter((d) => d !== ''),
    ],
    titles: Object.fromEntries(
      Object.entries(campaign.pages).map(([path, title]) => {
        const url = new URL(path, campaign.campaignUrl);
        return [`${url.origin}${url.pathname}`, title];
      }),
    ),
  }));
}
