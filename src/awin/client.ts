import { readCredential, invalidInput, optionalPositiveInt } from '../core/input';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { apiBaseUrl } from '../core/baseUrl';
import { callApi, redact } from '../core/http';
import { reserveCalls, spendCall, type CallBudget } from '../core/rateBudget';
import { batchOutcome, pairBatchAnswers } from './pairing';

import { keepParsed } from '../core/schemas';
import { plural } from '../core/text';
import {
  accountsSchema,
  batchSchema,
  generateSchema,
  programmeDetailsSchema,
  programmesSchema,
  promotionSchema,
  promotionsPageSchema,
  quotaSchema,
  transactionsSchema,
  type AwinAccount,
  type AwinBatchOutcome,
  type AwinDetailsRelationship,
  type AwinLinkRequest,
  type AwinProgramme,
  type AwinProgrammeDetails,
  type AwinPromotionFilters,
  type AwinPromotionsPage,
  type AwinQuota,
  type AwinRelationship,
} from './schemas';
import { AWIN_AUTH_HINT, AWIN_NAME, awinProblem } from './errors';

/**
 * Awin Publisher API client: base URL, Bearer token, zod-checked answers and Awin's own error
 * language (deep-link refusals, 20 calls a minute). Actions call these methods and never build
 * requests themselves.
 */

/** Points the client elsewhere (tests, the sandbox). */
export const AWIN_URL_ENV = 'AWIN_API_URL';
const AWIN_DEFAULT_URL = 'https://api.awin.com';

const AWIN_WINDOW_SECONDS = 60;

/** Awin allows 20 calls a minute per user token, across every account and Zap that uses it. */
const AWIN_CALLS_PER_WINDOW = 20;

export const AWIN_BATCH_SIZE = 100;

export const AWIN_MAX_LINKS_PER_RUN = 1000;

export const AWIN_CLICKREF_MAX = 50;

/** Awin's address, or AWIN_API_URL when set (tests, the sandbox), which must point at this machine. */
function awinBaseUrl(z: ZObject): string {
  return apiBaseUrl(z, { env: AWIN_URL_ENV, defaultUrl: AWIN_DEFAULT_URL, network: AWIN_NAME });
}

/** `2026-01-31T23:59:59`: Awin's date form, in the time zone asked for (UTC), from ISO-8601 UTC. */
function awinTime(iso: string): string {
  return new Date(iso).toISOString().slice(0, 19);
}

export class AwinClient {
  // Read when the client is made, so a refused override stops the step before any call or budget.
  private readonly baseUrl: string;

  constructor(
    private readonly z: ZObject,
    private readonly bundle: Bundle,
  ) {
    this.baseUrl = awinBaseUrl(z);
  }

  /** Calls this run reserved in the shared budget and has not made yet. */
  private prepaid = 0;

  private budget(): CallBudget {
    return {
      network: AWIN_NAME,
      credential: this.token,
      limit: AWIN_CALLS_PER_WINDOW,
      windowSeconds: AWIN_WINDOW_SECONDS,
    };
  }

  /**
   * Reserves `calls` calls of the token's shared budget before the first of them, all or nothing:
   * a run that cannot have them all is deferred (ThrottledError) before it makes any Awin call.
   */
  async reserve(calls: number): Promise<void> {
    await reserveCalls(this.z, this.budget(), calls);
    this.prepaid += calls;
  }

  /**
   * The account chosen in the step or the connection's default, read without any call; undefined
   * when neither names one (the token's only account is then looked up). Throws, naming the field,
   * when a value is not an account id.
   */
  readPublisherChoice(chosen: unknown): number | undefined {
    return (
      optionalPositiveInt(this.z, chosen, 'Publisher Account') ??
      optionalPositiveInt(
        this.z,
        this.bundle.authData.awin_publisher_id,
        'Awin Publisher ID (in your connection)',
      )
    );
  }

  private get token(): string {
    return readCredential(
      this.z,
      this.bundle.authData.awin_access_token,
      'Awin API Token',
      'Reconnect and fill in "Awin API Token" (Awin → user menu → API Credentials).',
    );
  }

  private async call<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: zod.ZodType<T>,
    options: {
      params?: Record<string, string | number>;
      json?: unknown;
      advertiserId?: number;
      publisherId?: number;
      deepLink?: boolean;
    } = {},
  ): Promise<T> {
    // A run that reserved its calls up front spends them here; any other call reserves its own.
    if (this.prepaid > 0) this.prepaid -= 1;
    else await spendCall(this.z, this.budget());
    return callApi(this.z, {
      network: AWIN_NAME,
      method,
      url: `${this.baseUrl}${path}`,
      headers: { Authorization: `Bearer ${this.token}` },
      params: options.params,
      json: options.json,
      schema,
      throttleWindowSeconds: AWIN_WINDOW_SECONDS,
      authHint: AWIN_AUTH_HINT,
      secrets: [this.token],
      mapError: (status, body) => awinProblem(status, body, options),
      overridden: Boolean(process.env[AWIN_URL_ENV]),
    });
  }

  async accounts(): Promise<{ userId?: number; accounts: AwinAccount[] }> {
    return this.call('GET', '/accounts', accountsSchema, { params: { type: 'publisher' } });
  }

  async publisherAccounts(): Promise<AwinAccount[]> {
    const { accounts } = await this.accounts();
    return accounts.filter((account) => account.accountType.toLowerCase() === 'publisher');
  }

  /**
   * The publisher account to act for: the one chosen in the step, else the connection's default,
   * else the token's only publisher account.
   */
  async resolvePublisherId(
    chosen: unknown,
    howToChoose = 'Choose one in "Publisher Account", or set a default "Awin Publisher ID" in the connection.',
  ): Promise<number> {
    const given = this.readPublisherChoice(chosen);
    if (given !== undefined) return given;
    const accounts = await this.publisherAccounts();
    if (accounts.length === 1) return accounts[0].accountId;
    if (accounts.length === 0) {
      throw invalidInput(
        this.z,
        'Your Awin API token has no publisher account. Use the token of an Awin publisher user.',
      );
    }
    const names = accounts
      .map((account) => `${account.accountName} (${account.accountId})`)
      .join(', ');
    throw invalidInput(
      this.z,
      `Your Awin token reaches ${accounts.length} publisher accounts: ${names}. ${howToChoose}`,
    );
  }

  async programmes(
    publisherId: number,
    relationship: AwinRelationship = 'joined',
  ): Promise<AwinProgramme[]> {
    return this.call('GET', `/publishers/${publisherId}/programmes`, programmesSchema, {
      params: { relationship },
      publisherId,
    });
  }

  async generate(publisherId: number, request: AwinLinkRequest & { shorten?: boolean }) {
    return this.call('POST', `/publishers/${publisherId}/linkbuilder/generate`, generateSchema, {
      json: request,
      advertiserId: request.advertiserId,
      publisherId,
      deepLink: request.destinationUrl !== undefined,
    });
  }

  /**
   * Sends at most AWIN_BATCH_SIZE requests in one generate-batch call and returns one outcome per
   * request, in request order. Item refusals become outcomes; only whole-call failures throw.
   */
  async generateBatch(
    publisherId: number,
    requests: AwinLinkRequest[],
  ): Promise<AwinBatchOutcome[]> {
    if (requests.length > AWIN_BATCH_SIZE) {
      throw new Error(`generate-batch takes at most ${AWIN_BATCH_SIZE} requests`);
    }
    const { responses } = await this.call(
      'POST',
      `/publishers/${publisherId}/linkbuilder/generate-batch`,
      batchSchema,
      { json: { requests }, publisherId },
    );
    return pairBatchAnswers(requests, responses).map((item, index) => {
      const outcome = batchOutcome(item, requests[index]);
      return outcome.error === undefined ? outcome : { error: redact(outcome.error, [this.token]) };
    });
  }

  /**
   * Every transaction of one publisher account made in the window (at most 31 days; Awin has no
   * paging and no click-ref filter): the raw records, read one by one by awin/conversions.ts.
   * Times are asked for, and come back, in UTC.
   */
  /** Transactions whose sale (`transaction`) or validation (`validation`) date is in the window. */
  async transactions(
    publisherId: number,
    start: string,
    end: string,
    dateType: 'transaction' | 'validation',
  ): Promise<unknown[]> {
    return this.call('GET', `/publishers/${publisherId}/transactions/`, transactionsSchema, {
      params: {
        startDate: awinTime(start),
        endDate: awinTime(end),
        timezone: 'UTC',
        dateType,
      },
      publisherId,
    });
  }

  async quota(publisherId: number): Promise<AwinQuota> {
    return this.call('GET', `/publishers/${publisherId}/linkbuilder/quota`, quotaSchema, {
      publisherId,
    });
  }

  /**
   * One page of promotions and vouchers. The path says `publisher`, singular, unlike every other
   * publisher path. Items that cannot be read are skipped and logged; `received` still counts them,
   * so paging decisions see the page as Awin sent it.
   */
  async promotionsPage(
    publisherId: number,
    filters: AwinPromotionFilters,
    page: number,
    pageSize: number,
  ): Promise<AwinPromotionsPage> {
    const answer = await this.call(
      'POST',
      `/publisher/${publisherId}/promotions`,
      promotionsPageSchema,
      { json: { filters, pagination: { page, pageSize } }, publisherId },
    );
    const { items, skipped } = keepParsed(promotionSchema, answer.data);
    if (skipped.length > 0) {
      this.z.console.log(
        `Awin sent ${plural(skipped.length, 'promotion')} on page ${page} ` +
          `that this integration cannot read; skipped: ${skipped.slice(0, 5).join('; ')}.`,
      );
    }
    return { promotions: items, received: answer.data.length, pagination: answer.pagination };
  }

  /** A programme's details: deep links allowed, currency and commission ranges. */
  async programmeDetails(
    publisherId: number,
    advertiserId: number,
    relationship: AwinDetailsRelationship = 'joined',
  ): Promise<AwinProgrammeDetails> {
    return this.call('GET', `/publishers/${publisherId}/programmedetails`, programmeDetailsSchema, {
      params: { advertiserId, relationship },
      publisherId,
    });
  }
}
