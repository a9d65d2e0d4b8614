import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import type { NetworkConnection } from './connection';
import {
  type ApiProblem,
  callApi,
  errorText,
  genericProblem,
  malformed,
  parseJsonBody,
  redact,
} from './http';
import { spendCall } from './rateBudget';
import { nullableText, numberLike } from './schemas';
import { invalidInput, isBlank, optionalPositiveInt } from './validate';

/**
 * Awin Publisher API client: base URL, Bearer token, zod-checked answers and Awin's own error
 * language (deep-link refusals, 20 calls a minute). Actions call these methods and never build
 * requests themselves.
 */

export const AWIN_DEFAULT_URL = 'https://api.awin.com';
export const AWIN_WINDOW_SECONDS = 60;
/** Awin allows 20 calls a minute per user token, across every account and Zap that uses it. */
export const AWIN_CALLS_PER_WINDOW = 20;
export const AWIN_BATCH_SIZE = 100;
export const AWIN_MAX_LINKS_PER_RUN = 1000;
export const AWIN_CLICKREF_MAX = 50;

const AUTH_HINT =
  'Reconnect Awin with a current API token: in Awin open your user menu → API Credentials ' +
  '(https://ui.awin.com/awin-api), copy the token and paste it into the connection.';

export function awinBaseUrl(): string {
  return (process.env.AWIN_API_URL || AWIN_DEFAULT_URL).replace(/\/+$/, '');
}

const accountsSchema = zod.object({
  userId: numberLike.optional(),
  accounts: zod.array(
    zod.object({
      accountId: numberLike,
      accountName: zod.string(),
      accountType: zod.string(),
      userRole: zod.string().optional(),
    }),
  ),
});
export type AwinAccount = zod.infer<typeof accountsSchema>['accounts'][number];

const programmeSchema = zod.object({
  id: numberLike,
  name: zod.string(),
  displayUrl: nullableText,
  clickThroughUrl: nullableText,
  logoUrl: nullableText,
  linkStatus: nullableText,
  status: nullableText,
  primarySector: nullableText,
  currencyCode: nullableText,
  primaryRegion: zod
    .object({ name: zod.string().nullish(), countryCode: zod.string().nullish() })
    .nullish()
    .transform((region) => ({
      name: region?.name ?? null,
      countryCode: region?.countryCode ?? null,
    })),
  validDomains: zod
    .array(zod.object({ domain: zod.string() }))
    .nullish()
    .transform((domains) => domains ?? []),
});
export type AwinProgramme = zod.infer<typeof programmeSchema>;

const generateSchema = zod.object({ url: zod.string(), shortUrl: zod.string().optional() });

const echoSchema = zod
  .object({ advertiserId: numberLike.optional(), destinationUrl: zod.string().nullish() })
  .optional();
const batchSchema = zod.object({
  responses: zod.array(
    zod.object({ status: zod.number(), body: zod.unknown(), request: echoSchema }),
  ),
});

const quotaFields = zod.object({
  publisherId: numberLike.optional(),
  limit: numberLike.nullish(),
  usage: numberLike.nullish(),
});
// The wiki wraps the fields in `shorten`; help.awin.com shows them bare. Accept both, nothing else.
const quotaSchema = zod.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && 'shorten' in value
      ? (value as { shorten: unknown }).shorten
      : value,
  quotaFields,
);
export type AwinQuota = zod.infer<typeof quotaFields>;

export const AWIN_RELATIONSHIPS = [
  'joined',
  'pending',
  'suspended',
  'rejected',
  'notjoined',
] as const;
export type AwinRelationship = (typeof AWIN_RELATIONSHIPS)[number];

export const AWIN_CLICK_PARAMETERS = [
  'campaign',
  'clickref',
  'clickref2',
  'clickref3',
  'clickref4',
  'clickref5',
  'clickref6',
] as const;
export type AwinParameters = Partial<Record<(typeof AWIN_CLICK_PARAMETERS)[number], string>>;

export interface AwinLinkRequest {
  advertiserId: number;
  destinationUrl?: string;
  parameters?: AwinParameters;
}

/** One generate-batch item: either a link or the reason Awin refused it. */
export type AwinBatchOutcome =
  { url: string; error?: undefined } | { url?: undefined; error: string };

/** Awin's ways of saying "this advertiser does not allow deep links". */
export function awinDeepLinkRefused(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  if (record.destinationUrl === 'deeplinkNotPermitted') return true;
  const text = errorText(body) ?? '';
  return /unknown error!/i.test(text);
}

export function deepLinkRefusedMessage(advertiserId: number): string {
  return (
    `Awin advertiser ${advertiserId} does not allow deep links, so Awin cannot build this link. ` +
    `Leave Destination URL empty to get the advertiser's default link, or choose another advertiser.`
  );
}

/** Awin-specific reading of an error answer (used for whole calls and for batch items). */
export function awinProblem(
  status: number,
  body: unknown,
  context: { advertiserId?: number; publisherId?: number },
): ApiProblem {
  if (context.advertiserId !== undefined && awinDeepLinkRefused(body)) {
    return { kind: 'rejected', status, message: deepLinkRefusedMessage(context.advertiserId) };
  }
  if (status === 403 && context.publisherId !== undefined) {
    return {
      kind: 'forbidden',
      status,
      message:
        `Awin refused access to publisher account ${context.publisherId} (403). Check that your Awin ` +
        `user can use this account; access granted in the last 10 minutes may not have reached Awin's API yet.`,
    };
  }
  return genericProblem('Awin', status, body, AUTH_HINT);
}

export class AwinClient {
  constructor(
    private readonly z: ZObject,
    private readonly bundle: Bundle,
  ) {}

  private get token(): string {
    const token = this.bundle.authData.awin_access_token;
    if (isBlank(token)) {
      throw invalidInput(
        this.z,
        'This connection has no Awin API Token. Reconnect and fill in "Awin API Token" ' +
          '(Awin → user menu → API Credentials).',
      );
    }
    return token.trim();
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
    } = {},
  ): Promise<T> {
    await spendCall(this.z, {
      network: 'Awin',
      credential: this.token,
      limit: AWIN_CALLS_PER_WINDOW,
      windowSeconds: AWIN_WINDOW_SECONDS,
    });
    return callApi(this.z, {
      network: 'Awin',
      method,
      url: `${awinBaseUrl()}${path}`,
      headers: { Authorization: `Bearer ${this.token}` },
      params: options.params,
      json: options.json,
      schema,
      throttleWindowSeconds: AWIN_WINDOW_SECONDS,
      authHint: AUTH_HINT,
      secrets: [this.token],
      mapError: (status, body) => awinProblem(status, body, options),
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
    const fromStep = optionalPositiveInt(this.z, chosen, 'Publisher Account');
    if (fromStep !== undefined) return fromStep;
    const fromConnection = optionalPositiveInt(
      this.z,
      this.bundle.authData.awin_publisher_id,
      'Awin Publisher ID (in your connection)',
    );
    if (fromConnection !== undefined) return fromConnection;
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
    return this.call('GET', `/publishers/${publisherId}/programmes`, zod.array(programmeSchema), {
      params: { relationship },
      publisherId,
    });
  }

  async generate(publisherId: number, request: AwinLinkRequest & { shorten?: boolean }) {
    return this.call('POST', `/publishers/${publisherId}/linkbuilder/generate`, generateSchema, {
      json: request,
      advertiserId: request.advertiserId,
      publisherId,
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
    return matchBatchResponses(requests, responses).map((response, index) => {
      const outcome = batchOutcome(response, requests[index].advertiserId);
      return outcome.error === undefined ? outcome : { error: redact(outcome.error, [this.token]) };
    });
  }

  async quota(publisherId: number): Promise<AwinQuota> {
    return this.call('GET', `/publishers/${publisherId}/linkbuilder/quota`, quotaSchema, {
      publisherId,
    });
  }
}

type BatchResponse = zod.infer<typeof batchSchema>['responses'][number];

function echoOf(response: BatchResponse): { advertiserId?: number } | undefined {
  if (response.request) return response.request;
  const body = response.body;
  if (typeof body === 'object' && body !== null && 'request' in body) {
    const parsed = echoSchema.safeParse((body as { request: unknown }).request);
    return parsed.success ? parsed.data : undefined;
  }
  return undefined;
}

/**
 * Pairs Awin's answers with our requests: by position, checked against the request echo where
 * Awin sends one; when the positions disagree with the echoes, by the echoed advertiser instead.
 */
export function matchBatchResponses(
  requests: AwinLinkRequest[],
  responses: BatchResponse[],
): (BatchResponse | undefined)[] {
  const positional = responses.length === requests.length;
  const agrees = (response: BatchResponse, request: AwinLinkRequest): boolean => {
    const echo = echoOf(response);
    return echo?.advertiserId === undefined || echo.advertiserId === request.advertiserId;
  };
  if (positional && responses.every((response, index) => agrees(response, requests[index]))) {
    return responses;
  }
  const unused = new Set(responses.map((_, index) => index));
  return requests.map((request, position) => {
    const byEcho = [...unused].find(
      (index) => echoOf(responses[index])?.advertiserId === request.advertiserId,
    );
    const chosen = byEcho ?? (positional && unused.has(position) ? position : undefined);
    if (chosen === undefined) return undefined;
    unused.delete(chosen);
    return responses[chosen];
  });
}

function batchOutcome(response: BatchResponse | undefined, advertiserId: number): AwinBatchOutcome {
  if (!response) {
    return { error: 'Awin returned no result for this item. Run the step again for this link.' };
  }
  const body =
    typeof response.body === 'string'
      ? (parseJsonBody(response.body) ?? response.body)
      : response.body;
  if (response.status >= 200 && response.status < 300) {
    const parsed = generateSchema.safeParse(body);
    return parsed.success
      ? { url: parsed.data.url }
      : { error: malformed('Awin', response.status, 'no url in this item').message };
  }
  return { error: awinProblem(response.status, body, { advertiserId }).message };
}

/** The Awin part of the connection: test the token and name the publisher account. */
export const awinConnection: NetworkConnection = {
  network: 'Awin',
  fields: [
    ['awin_access_token', 'Awin API Token'],
    ['awin_publisher_id', 'Awin Publisher ID'],
  ],
  required: ['awin_access_token'],
  async test(z, bundle) {
    const awin = new AwinClient(z, bundle);
    const accounts = await awin.publisherAccounts();
    if (accounts.length === 0) {
      throw invalidInput(
        z,
        'this API token has no publisher account. Use the token of an Awin publisher user.',
      );
    }
    const chosen = optionalPositiveInt(z, bundle.authData.awin_publisher_id, 'Awin Publisher ID');
    const account =
      chosen === undefined ? accounts[0] : accounts.find((a) => a.accountId === chosen);
    if (account === undefined) {
      const known = accounts.map((a) => `${a.accountName} (${a.accountId})`).join(', ');
      throw invalidInput(
        z,
        `Awin Publisher ID ${chosen} is not one of this token's publisher accounts (${known}). ` +
          'Correct it or leave it empty.',
      );
    }
    const others =
      chosen === undefined && accounts.length > 1 ? ` +${accounts.length - 1} more` : '';
    return `Awin ${account.accountName} (publisher ${account.accountId})${others}`;
  },
};
