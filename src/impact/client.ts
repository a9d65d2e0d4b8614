import { type Bundle, type HttpResponse, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { apiBaseUrl } from '../core/baseUrl';
import { appError, reasonOf } from '../core/errors';
import { runOf } from '../core/run';
import { callApi } from '../core/http';
import { invalidInput, readCredential } from '../core/input';
import { correctCalls, reserveCalls, spendCall, type CallBudget } from '../core/rateBudget';

import { IMPACT_AUTH_HINT, IMPACT_NAME, impactProblem, type ImpactCallContext } from './errors';
import {
  actionsPageSchema,
  type ImpactActionsPage,
  campaignSchema,
  campaignsPageSchema,
  trackingLinkSchema,
  type ImpactCampaign,
  type ImpactCampaignsPage,
  type ImpactLinkRequest,
} from './schemas';

/**
 * Impact.com Partner API client ("Mediapartners"): base URL, HTTP Basic with the Account SID and
 * Auth Token, JSON asked for with `Accept`, zod-checked answers, Impact's own error language and
 * its hourly call budget shared by every run of the account. Actions call these methods and never
 * build requests themselves.
 */

/** Points the client elsewhere (tests, the sandbox). */
export const IMPACT_URL_ENV = 'IMPACT_API_URL';
const IMPACT_DEFAULT_URL = 'https://api.impact.com';

/** Impact allows about 1,000 requests an hour per account (api/impact.md, "Rate limits"). */
const IMPACT_CALLS_PER_WINDOW = 1000;
const IMPACT_WINDOW_SECONDS = 3600;

/** Most links one bulk run makes: one call each. */
export const IMPACT_MAX_LINKS_PER_RUN = 100;

/** Campaigns per list page, and the most pages one read follows (each page is one call). */
const IMPACT_PAGE_SIZE = 100;
const IMPACT_MAX_PAGES = 10;

/** Actions per page (Impact's largest page), and the most pages one window follows. */
const IMPACT_ACTIONS_PAGE_SIZE = 1000;
const IMPACT_MAX_ACTION_PAGES = 5;

/** `2026-01-31T23:59:59Z`: ISO 8601 in UTC, to the second, as Impact's date filters take it. */
function impactTime(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** The Partner API version this client reads (Impact otherwise applies the account's own). */
const IMPACT_API_VERSION = '16';

/** Sub IDs have no documented limit: the app's limit for sub values. Shared IDs: 255. */
export const IMPACT_SUB_ID_MAX = 200;
export const IMPACT_SHARED_ID_MAX = 255;

/** How long a run waits to correct the shared count from Impact's headers. */
const CORRECTION_WAIT_MS = 2_000;

const RECONNECT =
  'Reconnect Impact and fill in "Impact Account SID" and "Impact Auth Token" (Impact → Settings → API).';

/** Impact's address, or IMPACT_API_URL when it points at this machine (else an error naming it). */
function impactBaseUrl(z: ZObject): string {
  return apiBaseUrl(z, {
    env: IMPACT_URL_ENV,
    defaultUrl: IMPACT_DEFAULT_URL,
    network: IMPACT_NAME,
  });
}

/** What Impact's `X-RateLimit-*` headers said on one answer. */
interface RateHeaders {
  remaining?: number;
  resetSeconds?: number;
}

function headerNumber(response: HttpResponse, name: string): number | undefined {
  const text = response.getHeader(name)?.trim() ?? '';
  return /^\d+(\.\d+)?$/.test(text) ? Math.ceil(Number(text)) : undefined;
}

function rateHeaders(response: HttpResponse): RateHeaders {
  return {
    remaining: headerNumber(response, 'x-ratelimit-remaining'),
    resetSeconds: headerNumber(response, 'x-ratelimit-reset'),
  };
}

/**
 * A `z` whose `z.request` also hands each response to `seen` before callApi reads it: the one way
 * to read Impact's rate headers without callApi knowing about them. Everything else is `z` itself.
 */
function watchingResponses(z: ZObject, seen: (response: HttpResponse) => void): ZObject {
  const request = (async (...args: Parameters<ZObject['request']>) => {
    const response = await (z.request as (...a: unknown[]) => Promise<HttpResponse>)(...args);
    seen(response);
    return response;
  }) as ZObject['request'];
  return Object.assign(Object.create(z) as ZObject, { request });
}

export class ImpactClient {
  readonly accountSid: string;
  private readonly baseUrl: string;
  private readonly authorization: string;
  private readonly secrets: string[];
  /** Calls this run reserved in the shared budget and has not made yet. */
  private prepaid = 0;
  /** Calls this run reserved in all: what the network may count against us without surprise. */
  private reserved = 0;
  /** The budget is corrected from Impact's headers at most once a run (4 cache round trips). */
  private corrected = false;
  /** Calls of this run sent and not yet answered. */
  private inFlight = 0;
  /** Impact's 429, once met: every later call of the run fails with it without asking. */
  private refusal: unknown;

  constructor(
    private readonly z: ZObject,
    bundle: Bundle,
  ) {
    const auth = bundle.authData;
    // An override that does not point at this machine stops here, before a credential is read.
    this.baseUrl = impactBaseUrl(z);
    this.accountSid = readCredential(z, auth.impact_account_sid, 'Impact Account SID', RECONNECT);
    const token = readCredential(z, auth.impact_auth_token, 'Impact Auth Token', RECONNECT);
    // The SID is part of every path, so only letters and digits are accepted.
    if (!/^[A-Za-z0-9]+$/.test(this.accountSid)) {
      throw invalidInput(
        z,
        'Impact Account SID must be letters and digits only, as Impact shows it (it starts with ' +
          `IR, e.g. IRabc123…). ${RECONNECT}`,
      );
    }
    if (this.accountSid.length > 64) {
      throw invalidInput(z, `Impact Account SID is too long to be one. ${RECONNECT}`);
    }
    this.authorization = Buffer.from(`${this.accountSid}:${token}`).toString('base64');
    this.secrets = [token, this.authorization];
  }

  /** The account's shared budget: about 1,000 calls an hour, for every run of the account. */
  budget(): CallBudget {
    return {
      network: IMPACT_NAME,
      credential: `${this.baseUrl}|${this.accountSid}`,
      limit: IMPACT_CALLS_PER_WINDOW,
      windowSeconds: IMPACT_WINDOW_SECONDS,
    };
  }

  /**
   * Reserves `calls` calls of the account's budget before the first of them, all or nothing: a
   * run that cannot have them all is deferred (ThrottledError) before it makes any Impact call.
   */
  async reserve(calls: number): Promise<void> {
    if (calls <= 0) return;
    await reserveCalls(this.z, this.budget(), calls);
    this.prepaid += calls;
    this.reserved += calls;
  }

  private get basePath(): string {
    return `${this.baseUrl}/Mediapartners/${encodeURIComponent(this.accountSid)}`;
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: zod.ZodType<T>,
    context: ImpactCallContext,
    params?: Record<string, string | number>,
  ): Promise<T> {
    // After a 429 Impact refuses every call until its hour resets: the rest of the run asks nothing.
    if (this.refusal !== undefined) throw this.refusal;
    // A run that reserved its calls up front spends them here; any other call reserves its own.
    if (this.prepaid > 0) this.prepaid -= 1;
    else {
      await spendCall(this.z, this.budget());
      this.reserved += 1;
    }
    this.inFlight += 1;
    let rate: RateHeaders = {};
    const z = watchingResponses(this.z, (response) => {
      rate = rateHeaders(response);
    });
    try {
      const answer = await callApi(z, {
        network: IMPACT_NAME,
        method,
        url: `${this.basePath}${path}`,
        headers: {
          Authorization: `Basic ${this.authorization}`,
          Accept: 'application/json',
          'IR-Version': IMPACT_API_VERSION,
        },
        params,
        schema,
        throttleWindowSeconds: IMPACT_WINDOW_SECONDS,
        authHint: IMPACT_AUTH_HINT,
        secrets: this.secrets,
        mapError: (status, body) =>
          impactProblem(status, body, { ...context, resetSeconds: rate.resetSeconds }),
        overridden: Boolean(process.env[IMPACT_URL_ENV]),
      });
      await this.learn(rate);
      return answer;
    } catch (error) {
      // A 429 means nothing is left until the reset: every run of the account should know.
      const throttled = reasonOf(error)?.kind === 'throttled';
      if (throttled && this.refusal === undefined) {
        this.refusal = error;
        await this.learn({ ...rate, remaining: 0 }, true);
      } else if (!throttled) {
        await this.learn(rate);
      }
      throw error;
    } finally {
      this.inFlight -= 1;
    }
  }

  /**
   * Corrects the shared budget when Impact counts more calls than this run reserved: another app,
   * or Impact's own site, spent some of the account's hour. Once a run (and on a 429).
   */
  private async learn(rate: RateHeaders, always = false): Promise<void> {
    if (rate.remaining === undefined || (this.corrected && !always)) return;
    const budget = this.budget();
    // Calls of this run Impact has not counted yet: reserved ones still to make, and the others
    // in flight beside this one (counting them keeps the ledger on the safe side).
    const unspent = this.prepaid + (this.inFlight - 1);
    if (budget.limit - rate.remaining + unspent <= this.reserved) return;
    this.corrected = true;
    // Best effort, and never long: a busy or slow cache leaves the count to a later answer.
    const correcting = correctCalls(this.z, budget, {
      ...rate,
      remaining: rate.remaining,
      unspent,
    });
    await runOf(this.z)
      .bounded(correcting, "Zapier's cache", { capMs: CORRECTION_WAIT_MS })
      .catch(() => undefined);
  }

  /** One page of the account's campaigns with an active contract, from page 1. */
  async campaignsPage(page: number, pageSize = IMPACT_PAGE_SIZE): Promise<ImpactCampaignsPage> {
    return this.call(
      'GET',
      '/Campaigns',
      campaignsPageSchema,
      { doing: 'read your campaigns' },
      { InsertionOrderStatus: 'Active', Page: page, PageSize: pageSize },
    );
  }

  /**
   * Every campaign with an active contract, page by page (at most IMPACT_MAX_PAGES): until Impact
   * gives no next page, says this was the last, or sends an empty page.
   */
  async activeCampaigns(): Promise<ImpactCampaign[]> {
    const campaigns: ImpactCampaign[] = [];
    for (let page = 1; page <= IMPACT_MAX_PAGES; page += 1) {
      const answer = await this.campaignsPage(page);
      // The filter asked for active contracts; one Impact lists anyway as expired is left out.
      campaigns.push(...answer.Campaigns.filter(hasActiveContract));
      if (!hasNextPage(answer.Campaigns, answer, page)) break;
      if (page === IMPACT_MAX_PAGES) {
        this.z.console.log(
          `Impact has more than ${IMPACT_MAX_PAGES * IMPACT_PAGE_SIZE} campaigns for this account; ` +
            'only the first ones were read.',
        );
      }
    }
    return campaigns;
  }

  /** One campaign, joined or expired (404 when the account never joined it). */
  async campaign(campaignId: number): Promise<ImpactCampaign> {
    return this.call('GET', `/Campaigns/${campaignId}`, campaignSchema, {
      doing: 'read your campaigns',
      campaignId,
    });
  }

  /**
   * Every action (conversion) last updated in one window of at most 45 days (`StartDate` and
   * `EndDate` are on the last update), page by page: the first page is a call the caller reserved,
   * each further page reserves its own. Raw records, read one by one by impact/conversions.ts.
   */
  async actions(start: string, end: string): Promise<unknown[]> {
    const actions: unknown[] = [];
    for (let page = 1; page <= IMPACT_MAX_ACTION_PAGES; page += 1) {
      const answer: ImpactActionsPage = await this.call(
        'GET',
        '/Actions',
        actionsPageSchema,
        { doing: 'read your conversions (actions)' },
        {
          StartDate: impactTime(start),
          EndDate: impactTime(end),
          Page: page,
          PageSize: IMPACT_ACTIONS_PAGE_SIZE,
        },
      );
      actions.push(...answer.Actions);
      if (!hasNextPage(answer.Actions, answer, page, IMPACT_ACTIONS_PAGE_SIZE)) return actions;
    }
    throw appError(
      this.z,
      { network: IMPACT_NAME, kind: 'invalid_input', code: 'period_too_long' },
      `Impact has more than ${IMPACT_MAX_ACTION_PAGES * IMPACT_ACTIONS_PAGE_SIZE} conversions in ` +
        'one 45-day part of this period, more than one step can read in time. Choose fewer days.',
    );
  }

  /** Makes one tracking link: every input is a query parameter, none a body. */
  async createTrackingLink(request: ImpactLinkRequest): Promise<string> {
    const params: Record<string, string | number> = {};
    if (request.deepLink !== undefined) params.DeepLink = request.deepLink;
    for (const [key, value] of Object.entries(request.parameters)) params[key] = value;
    if (request.mediaPropertyId !== undefined) {
      params.MediaPartnerPropertyId = request.mediaPropertyId;
    }
    const answer = await this.call(
      'POST',
      `/Programs/${request.campaignId}/TrackingLinks`,
      trackingLinkSchema,
      {
        doing: 'create tracking links',
        campaignId: request.campaignId,
        mediaPropertyId: request.mediaPropertyId,
      },
      params,
    );
    return answer.TrackingURL;
  }
}

/** An active contract, or a campaign whose answer does not say (the list was filtered on it). */
export function hasActiveContract(campaign: ImpactCampaign): boolean {
  const status = campaign.ContractStatus?.toLowerCase();
  return status === undefined || status === null || status === 'active';
}

/** True when Impact's paging says a page after `page` exists. */
function hasNextPage(
  list: readonly unknown[],
  answer: Pick<ImpactCampaignsPage, '@numpages' | '@nextpageuri'>,
  page: number,
  pageSize = IMPACT_PAGE_SIZE,
): boolean {
  if (list.length === 0) return false;
  const numPages = answer['@numpages'] ?? undefined;
  if (numPages !== undefined && page >= numPages) return false;
  const nextUri = answer['@nextpageuri'];
  if (nextUri !== null && nextUri !== undefined) return nextUri.trim() !== '';
  // Neither key: a full page may have more behind it.
  return numPages !== undefined ? page < numPages : list.length >= pageSize;
}
