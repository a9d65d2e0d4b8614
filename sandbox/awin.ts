// The Awin Publisher API, imitated under the `/awin` prefix (see the shared api/awin.md).
import { awinTransactions } from './conversions';
import { createHash } from 'node:crypto';

import {
  AWIN_ACCOUNT_COMMISSIONS,
  AWIN_ADVERTISERS,
  AWIN_COUNTRY_NAMES,
  AWIN_PROMOTIONS,
  AWIN_PUBLISHER_PROGRAMMES,
  AWIN_RELATIONSHIPS,
  AWIN_SHORTEN_LIMITS,
  AWIN_USERS,
  type AwinAdvertiser,
  type AwinPromotionData,
  type AwinRelationship,
  type AwinUser,
} from './data/awin';
import {
  isRecord,
  json,
  parseJsonBody,
  type NetworkModule,
  type NetworkSettings,
  type SandboxRequest,
  type SandboxResponse,
} from './router';

const AWIN_BATCH_LIMIT = 100;

const PARAMETER_KEYS = [
  'campaign',
  'clickref',
  'clickref2',
  'clickref3',
  'clickref4',
  'clickref5',
  'clickref6',
] as const;

const UNKNOWN_ERROR = { error: 'exception', description: 'Unknown error! Please try again later!' };

/** Result of evaluating one link request (a single generate, or one batch item). */
type LinkOutcome =
  | { ok: true; url: string; echo: LinkEcho }
  | { ok: false; status: number; body: Record<string, unknown> };

interface LinkEcho {
  publisherId: number;
  advertiserId: number;
  destinationUrl?: string;
  parameters: Record<string, string>;
}

function badRequest(description: string): SandboxResponse {
  return json(400, { error: 'bad request', description });
}

function fail(status: number, body: Record<string, unknown>): LinkOutcome {
  return { ok: false, status, body };
}

function bearerToken(req: SandboxRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

function userFor(token: string | undefined): AwinUser | undefined {
  return token !== undefined && Object.hasOwn(AWIN_USERS, token) ? AWIN_USERS[token] : undefined;
}

function hasPublisher(user: AwinUser, publisherId: string): boolean {
  return user.accounts.some(
    (a) => a.accountType === 'publisher' && String(a.accountId) === publisherId,
  );
}

function positiveInteger(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function advertiserById(id: number): AwinAdvertiser | undefined {
  return AWIN_ADVERTISERS.find((a) => a.id === id);
}

function relationshipOf(publisherId: number, advertiserId: number): AwinRelationship | undefined {
  return AWIN_PUBLISHER_PROGRAMMES[publisherId]?.[advertiserId];
}

function defaultLink(advertiserId: number, publisherId: number): string {
  return `https://www.awin1.com/awclick.php?mid=${advertiserId}&id=${publisherId}`;
}

function deepLink(advertiserId: number, publisherId: number, destination: string): string {
  return (
    `https://www.awin1.com/cread.php?awinmid=${advertiserId}&awinaffid=${publisherId}` +
    `&ued=${encodeURIComponent(destination)}`
  );
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Every short link made in this process and the long link it stands for, so that the sandbox web
 * can resolve it (a code is a hash of its long link: the same in every sandbox, never reused).
 */
const SHORT_LINKS = new Map<string, string>();

/** `https://tidd.ly/` + 7 base62 characters derived from a hash of the long link. */
function shortLinkFor(longUrl: string): string {
  let n = createHash('sha256').update(longUrl).digest().readBigUInt64BE(0);
  let code = '';
  for (let i = 0; i < 7; i++) {
    code = BASE62[Number(n % 62n)] + code;
    n /= 62n;
  }
  const shortUrl = `https://tidd.ly/${code}`;
  SHORT_LINKS.set(shortUrl, longUrl);
  return shortUrl;
}

/** The long link behind a short link the sandbox made (`https://tidd.ly/…`), if it made it. */
export function awinShortLinkTarget(shortUrl: string): string | undefined {
  return SHORT_LINKS.get(shortUrl);
}

function programmeJson(advertiser: AwinAdvertiser, publisherId: number, joined: boolean) {
  return {
    id: advertiser.id,
    name: advertiser.name,
    displayUrl: `https://${advertiser.host}`,
    clickThroughUrl: defaultLink(advertiser.id, publisherId),
    logoUrl: `https://ui.awin.com/images/upload/merchant/profile/${advertiser.id}.png`,
    linkStatus: advertiser.linkStatus ?? (joined ? 'Active' : 'Inactive'),
    primaryRegion: { ...advertiser.region },
    primarySector: advertiser.sector,
    currencyCode: advertiser.currencyCode,
    status: 'Active',
    validDomains: advertiser.validDomains.map((domain) => ({ domain })),
  };
}

function parameterString(params: Record<string, string>): string {
  return PARAMETER_KEYS.filter((key) => params[key])
    .map((key) => `&${key}=${encodeURIComponent(params[key])}`)
    .join('');
}

/** Absent (undefined, null, '') = the advertiser's default landing page; else an absolute http(s) URL. */
function readDestination(value: unknown): { ok: true; url?: string } | { ok: false } {
  if (value === undefined || value === null || value === '') return { ok: true };
  return typeof value === 'string' && isHttpUrl(value) ? { ok: true, url: value } : { ok: false };
}

/** Validates `parameters`: an object of strings (numbers accepted), empty values dropped. */
function readParameters(value: unknown): Record<string, string> | undefined {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (raw === undefined || raw === null || raw === '') continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
    out[key] = String(raw);
  }
  return out;
}

/** Everything the single generate call checks and builds, except shortening. */
function evaluateLinkRequest(publisherId: number, item: unknown): LinkOutcome {
  const request = isRecord(item) ? item : {};
  const advertiserId = positiveInteger(request.advertiserId);
  if (advertiserId === undefined) return fail(400, { advertiserId: 'must be a positive integer' });

  const destination = readDestination(request.destinationUrl);
  if (!destination.ok) return fail(400, { destinationUrl: 'invalid' });

  const parameters = readParameters(request.parameters);
  if (parameters === undefined) return fail(400, { parameters: 'invalid' });

  const advertiser = advertiserById(advertiserId);
  if (!advertiser || relationshipOf(publisherId, advertiserId) !== 'joined') {
    return fail(400, {
      error: 'bad request',
      description: `Publisher ${publisherId} is not joined to advertiser ${advertiserId}`,
    });
  }
  if (advertiser.linkBuilder === 'refused') return fail(500, UNKNOWN_ERROR);
  if (advertiser.linkBuilder === 'noDeepLinks' && destination.url !== undefined) {
    return fail(400, { destinationUrl: 'deeplinkNotPermitted' });
  }

  const { url } = destination;
  const base = url
    ? deepLink(advertiserId, publisherId, url)
    : defaultLink(advertiserId, publisherId);
  const echo: LinkEcho = { publisherId, advertiserId, parameters };
  // Awin echoes the destination normalised (e.g. a trailing slash added to a bare host).
  if (url) echo.destinationUrl = new URL(url).href;
  return { ok: true, url: base + parameterString(parameters), echo };
}

/** Parses a POST body that must be a JSON object. */
function readObjectBody(
  req: SandboxRequest,
): { ok: true; value: Record<string, unknown> } | { ok: false; response: SandboxResponse } {
  const parsed = parseJsonBody(req.body);
  if (!parsed) return { ok: false, response: badRequest('Malformed JSON request body') };
  if (!isRecord(parsed.value)) {
    return { ok: false, response: badRequest('Request body must be a JSON object') };
  }
  return { ok: true, value: parsed.value };
}

// --- promotions and vouchers ----------------------------------------------------------------------

const DAY_MS = 24 * 60 * 60 * 1000;
const PROMOTION_TYPES = ['all', 'promotion', 'voucher'];
const PROMOTION_STATUSES = ['active', 'expiringSoon', 'upcoming'];
/** Camel case, as Awin documents it (the programmes API says `notjoined`). */
const PROMOTION_MEMBERSHIPS = ['all', 'joined', 'notJoined'];
const PROMOTION_FILTERS = [
  'advertiserIds',
  'exclusiveOnly',
  'membership',
  'regionCodes',
  'status',
  'type',
  'updatedSince',
];
/** Awin does not document its largest page; the sandbox answers at most 100 a page, 10 by default. */
const AWIN_PROMOTIONS_MAX_PAGE_SIZE = 100;
const AWIN_PROMOTIONS_DEFAULT_PAGE_SIZE = 10;

interface PromotionFilters {
  advertiserIds?: number[];
  exclusiveOnly: boolean;
  membership: string;
  regionCodes?: string[];
  status: string;
  type: string;
  updatedSince?: number;
}

interface PromotionQuery {
  filters: PromotionFilters;
  page: number;
  pageSize: number;
}

function oneOf(value: unknown, allowed: string[], fallback: string, name: string): string | Error {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' && allowed.includes(value)
    ? value
    : new Error(`Invalid ${name}: ${String(value)}`);
}

/** The request body's filters and pagination, or the 400 description. */
function readPromotionQuery(body: Record<string, unknown>): PromotionQuery | string {
  const raw = body.filters ?? {};
  if (!isRecord(raw)) return 'filters must be an object';
  const unknown = Object.keys(raw).find((key) => !PROMOTION_FILTERS.includes(key));
  if (unknown !== undefined) return `Unknown filter: ${unknown}`;
  const type = oneOf(raw.type, PROMOTION_TYPES, 'all', 'type');
  const status = oneOf(raw.status, PROMOTION_STATUSES, 'active', 'status');
  const membership = oneOf(raw.membership, PROMOTION_MEMBERSHIPS, 'all', 'membership');
  for (const value of [type, status, membership]) if (value instanceof Error) return value.message;
  const filters: PromotionFilters = {
    type: type as string,
    status: status as string,
    membership: membership as string,
    exclusiveOnly: false,
  };
  if (raw.exclusiveOnly !== undefined) {
    if (typeof raw.exclusiveOnly !== 'boolean') return 'exclusiveOnly must be true or false';
    filters.exclusiveOnly = raw.exclusiveOnly;
  }
  if (raw.advertiserIds !== undefined) {
    const ids = Array.isArray(raw.advertiserIds) ? raw.advertiserIds.map(positiveInteger) : [];
    if (!Array.isArray(raw.advertiserIds) || ids.some((id) => id === undefined)) {
      return 'advertiserIds must be a list of advertiser ids';
    }
    filters.advertiserIds = ids as number[];
  }
  if (raw.regionCodes !== undefined) {
    const codes = raw.regionCodes;
    if (
      !Array.isArray(codes) ||
      codes.some((c) => typeof c !== 'string' || !/^[A-Z]{2}$/.test(c))
    ) {
      return 'regionCodes must be a list of ISO 3166 alpha-2 country codes';
    }
    filters.regionCodes = codes as string[];
  }
  if (raw.updatedSince !== undefined) {
    const day = typeof raw.updatedSince === 'string' ? raw.updatedSince : '';
    const at = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : NaN;
    if (Number.isNaN(at)) return 'updatedSince must be a date (YYYY-MM-DD)';
    filters.updatedSince = at;
  }
  const paging = body.pagination ?? {};
  if (!isRecord(paging)) return 'pagination must be an object';
  const page = paging.page === undefined ? 1 : positiveInteger(paging.page);
  const size =
    paging.pageSize === undefined
      ? AWIN_PROMOTIONS_DEFAULT_PAGE_SIZE
      : positiveInteger(paging.pageSize);
  if (page === undefined) return 'pagination.page must be a whole number from 1';
  if (size === undefined) return 'pagination.pageSize must be a whole number from 1';
  return { filters, page, pageSize: Math.min(size, AWIN_PROMOTIONS_MAX_PAGE_SIZE) };
}

function promotionDates(promotion: AwinPromotionData, now: number) {
  return {
    start: now + promotion.startDays * DAY_MS,
    end: promotion.endDays === null ? Infinity : now + promotion.endDays * DAY_MS,
    added: now - promotion.addedHoursAgo * 60 * 60 * 1000,
  };
}

function promotionMatches(
  promotion: AwinPromotionData,
  publisherId: number,
  filters: PromotionFilters,
  now: number,
): boolean {
  if (promotion.exclusiveTo !== undefined && promotion.exclusiveTo !== publisherId) return false;
  const { start, end, added } = promotionDates(promotion, now);
  const active = start <= now && now < end;
  const joined = relationshipOf(publisherId, promotion.advertiserId) === 'joined';
  const checks = [
    filters.type === 'all' || filters.type === promotion.type,
    filters.status === 'active'
      ? active
      : filters.status === 'expiringSoon'
        ? active && end - now <= 7 * DAY_MS
        : start > now,
    filters.membership === 'all' || (filters.membership === 'joined') === joined,
    !filters.advertiserIds || filters.advertiserIds.includes(promotion.advertiserId),
    !filters.regionCodes ||
      promotion.regions === 'all' ||
      filters.regionCodes.some((code) => promotion.regions.includes(code)),
    !filters.exclusiveOnly || promotion.exclusiveTo === publisherId,
    filters.updatedSince === undefined || added >= filters.updatedSince,
  ];
  return checks.every(Boolean);
}

/** Awin's date format: ISO 8601 with an offset, e.g. 2024-04-08T08:24:00+00:00. */
function awinDate(at: number): string | null {
  return Number.isFinite(at) ? new Date(at).toISOString().replace(/\.\d{3}Z$/, '+00:00') : null;
}

function promotionJson(promotion: AwinPromotionData, publisherId: number, now: number) {
  const advertiser = advertiserById(promotion.advertiserId) as AwinAdvertiser;
  const { start, end, added } = promotionDates(promotion, now);
  const url = `https://${advertiser.host}${promotion.path}`;
  return {
    promotionId: promotion.promotionId,
    type: promotion.type,
    advertiser: {
      id: advertiser.id,
      name: advertiser.name,
      joined: relationshipOf(publisherId, advertiser.id) === 'joined',
    },
    title: promotion.title,
    description: promotion.description,
    terms: promotion.terms,
    startDate: awinDate(start),
    endDate: awinDate(end),
    url,
    urlTracking: deepLink(advertiser.id, publisherId, url),
    dateAdded: awinDate(added),
    campaign: '',
    regions:
      promotion.regions === 'all'
        ? { all: true }
        : {
            all: false,
            list: promotion.regions.map((code) => ({
              name: AWIN_COUNTRY_NAMES[code] ?? code,
              countryCode: code,
            })),
          },
    ...(promotion.voucher
      ? {
          voucher: {
            code: promotion.voucher.code,
            exclusive: promotion.exclusiveTo === publisherId,
            attributable: promotion.voucher.attributable,
          },
        }
      : {}),
  };
}

export function createAwinNetwork(settings: NetworkSettings): NetworkModule {
  const callTimes = new Map<string, number[]>();
  const shortenUsage = new Map<number, number>();

  /** Sliding window over the timestamps of accepted calls; true when this call is accepted. */
  function acceptCall(token: string, now: number): boolean {
    const recent = (callTimes.get(token) ?? []).filter((t) => t > now - settings.awinWindowMs);
    const accepted = recent.length < settings.awinCallsPerMinute;
    if (accepted) recent.push(now);
    callTimes.set(token, recent);
    return accepted;
  }

  function guard(req: SandboxRequest): SandboxResponse | undefined {
    const token = bearerToken(req);
    const user = userFor(token);
    if (!token || !user) {
      return json(401, {
        error: 'unauthorized',
        description: 'Full authentication is required to access this resource',
      });
    }
    if (!acceptCall(token, req.receivedAt)) {
      return json(429, {
        error: 'too many requests',
        description: `Rate limit of ${settings.awinCallsPerMinute} calls per minute exceeded`,
      });
    }
    const publisherId = req.params.publisherId;
    if (publisherId !== undefined && !hasPublisher(user, publisherId)) {
      return json(403, {
        error: 'forbidden',
        description: `You do not have permission to access publisher ${publisherId}`,
      });
    }
    return undefined;
  }

  function accounts(req: SandboxRequest): SandboxResponse {
    // The guard has already refused requests without a demo token.
    const user = userFor(bearerToken(req)) as AwinUser;
    const type = req.query.get('type');
    const list = user.accounts.filter((a) => !type || a.accountType === type);
    return json(200, { userId: user.userId, accounts: list.map((a) => ({ ...a })) });
  }

  function programmes(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const relationship = req.query.get('relationship') || 'joined';
    if (!(AWIN_RELATIONSHIPS as readonly string[]).includes(relationship)) {
      return badRequest(`Invalid relationship: ${relationship}`);
    }
    const country = req.query.get('countryCode')?.toUpperCase();
    const list = AWIN_ADVERTISERS.filter(
      (a) =>
        relationshipOf(publisherId, a.id) === relationship &&
        (!country || a.region.countryCode === country),
    );
    return json(
      200,
      list.map((a) => programmeJson(a, publisherId, relationship === 'joined')),
    );
  }

  function programmeDetails(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const advertiserId = positiveInteger(req.query.get('advertiserId') ?? undefined);
    if (advertiserId === undefined) {
      return json(400, { advertiserId: 'must be a positive integer' });
    }
    const advertiser = advertiserById(advertiserId);
    const relationship = relationshipOf(publisherId, advertiserId);
    // `relationship` defaults to joined; `any` reads whatever the relationship is.
    const asked = req.query.get('relationship') || 'joined';
    if (asked !== 'any' && !(AWIN_RELATIONSHIPS as readonly string[]).includes(asked)) {
      return badRequest(`Invalid relationship: ${asked}`);
    }
    if (!advertiser || !relationship || (asked !== 'any' && asked !== relationship)) {
      return json(404, {
        error: 'not found',
        description: `No programme found for advertiser ${advertiserId}`,
      });
    }
    const { kpi } = advertiser;
    // An advertiser may pay one account differently from its programme's usual commission.
    const { commissionPercent, commissionAmount } = {
      ...advertiser,
      ...AWIN_ACCOUNT_COMMISSIONS[publisherId]?.[advertiserId],
    };
    return json(200, {
      programmeInfo: {
        ...programmeJson(advertiser, publisherId, relationship === 'joined'),
        description: advertiser.description,
        deeplinkEnabled: advertiser.deeplinkEnabled,
      },
      kpi: { ...kpi, averagePaymentTime: `${kpi.validationDays + 7} days`, awinIndex: 0.8 },
      commissionRange: [
        ...(commissionPercent ? [{ ...commissionPercent, type: 'percentage' }] : []),
        ...(commissionAmount ? [{ ...commissionAmount, type: 'amount' }] : []),
      ],
    });
  }

  function promotions(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const body = readObjectBody(req);
    if (!body.ok) return body.response;
    const query = readPromotionQuery(body.value);
    if (typeof query === 'string') return badRequest(query);
    const now = req.receivedAt;
    const list = AWIN_PROMOTIONS.filter((promotion) =>
      promotionMatches(promotion, publisherId, query.filters, now),
    );
    const { page, pageSize } = query;
    const data = list
      .slice((page - 1) * pageSize, page * pageSize)
      .map((promotion) => promotionJson(promotion, publisherId, now));
    return json(200, { data, pagination: { page, pageSize, total: list.length } });
  }

  function shorten(publisherId: number, url: string): SandboxResponse | string {
    const limit = AWIN_SHORTEN_LIMITS[publisherId];
    const usage = shortenUsage.get(publisherId) ?? 0;
    if (limit !== undefined && usage >= limit) return badRequest('Short link quota exceeded');
    shortenUsage.set(publisherId, usage + 1);
    return shortLinkFor(url);
  }

  function generate(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const body = readObjectBody(req);
    if (!body.ok) return body.response;
    const outcome = evaluateLinkRequest(publisherId, body.value);
    if (!outcome.ok) return json(outcome.status, outcome.body);
    if (body.value.shorten !== true) return json(200, { url: outcome.url });
    const shortUrl = shorten(publisherId, outcome.url);
    if (typeof shortUrl !== 'string') return shortUrl;
    return json(200, { url: outcome.url, shortUrl });
  }

  function generateBatch(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const body = readObjectBody(req);
    if (!body.ok) return body.response;
    const { requests } = body.value;
    if (!Array.isArray(requests) || requests.length === 0) {
      return badRequest('requests must be a non-empty array');
    }
    if (requests.length > AWIN_BATCH_LIMIT) {
      return badRequest(`A batch may contain at most ${AWIN_BATCH_LIMIT} requests`);
    }
    const responses = requests.map((item: unknown) => {
      const outcome = evaluateLinkRequest(publisherId, item);
      return outcome.ok
        ? { status: 200, body: { url: outcome.url, request: outcome.echo } }
        : { status: outcome.status, body: outcome.body };
    });
    return json(200, { responses });
  }

  function quota(req: SandboxRequest): SandboxResponse {
    const publisherId = Number(req.params.publisherId);
    const limit = AWIN_SHORTEN_LIMITS[publisherId];
    if (limit === undefined) return json(200, { shorten: { publisherId } });
    const usage = shortenUsage.get(publisherId) ?? 0;
    return json(200, { shorten: { publisherId, limit: String(limit), usage } });
  }

  return {
    name: 'awin',
    prefix: '/awin',
    env: (baseUrl) => ({ AWIN_API_URL: `${baseUrl}/awin` }),
    routes: [
      { method: 'GET', pattern: '/accounts', handler: accounts },
      { method: 'GET', pattern: '/publishers/:publisherId/programmes', handler: programmes },
      {
        method: 'GET',
        pattern: '/publishers/:publisherId/programmedetails',
        handler: programmeDetails,
      },
      {
        method: 'POST',
        pattern: '/publishers/:publisherId/linkbuilder/generate',
        handler: generate,
      },
      {
        method: 'POST',
        pattern: '/publishers/:publisherId/linkbuilder/generate-batch',
        handler: generateBatch,
      },
      { method: 'GET', pattern: '/publishers/:publisherId/linkbuilder/quota', handler: quota },
      {
        method: 'GET',
        pattern: '/publishers/:publisherId/transactions/',
        handler: (req) => awinTransactions(settings.conversions, req),
      },
      // Singular `publisher`, as Awin spells this one path.
      { method: 'POST', pattern: '/publisher/:publisherId/promotions', handler: promotions },
    ],
    guard,
    notFound: (req) =>
      json(404, {
        error: 'exception',
        description: `No handler found for ${req.method} ${req.fullPath}`,
      }),
  };
}
