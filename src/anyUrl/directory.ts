import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { AwinClient } from '../awin/client';
import { type AwinProgramme } from '../awin/schemas';
import {
  connectionParts,
  NETWORK_IDS,
  NETWORK_LABELS,
  type NetworkId,
} from '../connection/registry';
import { hashedCacheKey, readThrough } from '../core/cache';
import { EVERFLOW_LIST_ALL_SIZE, EverflowClient, pageParams } from '../everflow/client';

import { type EverflowOffer } from '../everflow/schemas';

import { invalidInput, optionalPositiveInt } from '../core/input';
import { OfferslookClient } from '../offerslook/client';

import { type OfferslookOffer } from '../offerslook/schemas';

import { commissionSchema, offerslookCommission } from './commission';

import { hostOfUrl, normalizeDomains, type Landing } from './match';

export const DIRECTORY_TTL_SECONDS = 15 * 60;

/** Everflow runnable offers, 2,000 a page: at most 5 pages (10,000 offers). */
export const EVERFLOW_DIRECTORY_MAX_PAGES = 5;

/** Offerslook offers, 100 a page: at most 10 pages of each list (1,000 offers). */
export const OFFERSLOOK_DIRECTORY_MAX_PAGES = 10;

// --- the directory and its cached form ------------------------------------------------------------

const landingSchema = zod.lazy(() =>
  zod.object({
    id: zod.number().int().nonnegative(),
    url: zod.string(),
    domain: zod.string(),
  }),
);

const candidateSchema = zod.lazy(() =>
  zod.object({
    network: zod.enum(NETWORK_IDS),
    advertiser_id: zod.number(),
    advertiser_name: zod.string(),
    domains: zod.array(zod.string()),
    landings: zod.array(landingSchema),
    /** Known from the list itself (Offerslook's payout); else read per matched advertiser. */
    commission: commissionSchema.optional(),
  }),
);

/** One advertiser (Awin) or offer (Everflow, Offerslook) a link can be made for. */
export type Candidate = zod.infer<typeof candidateSchema>;

const directorySchema = zod.lazy(() =>
  zod.union([
    zod.object({
      network: zod.literal('awin'),
      publisherId: zod.number(),
      candidates: zod.array(candidateSchema),
    }),
    zod.object({
      network: zod.enum(['everflow', 'offerslook']),
      candidates: zod.array(candidateSchema),
    }),
  ]),
);

export type Directory = zod.infer<typeof directorySchema>;

/**
 * The cache key of one network's list for one connection: a hash of its credentials, publisher
 * account and API address. The credentials themselves never appear in it.
 */
export function directoryCacheKey(network: NetworkId, authData: Record<string, unknown>): string {
  // Every connection field of the network and its base-URL variable decide what its list holds.
  return hashedCacheKey(`urlmatch:v2:${network}`, connectionParts(network, authData));
}

/** The key of what one Awin token (whatever its default account) or other connection holds. */
export function connectionCacheKey(network: NetworkId, authData: Record<string, unknown>): string {
  return directoryCacheKey(network, { ...authData, awin_publisher_id: '' });
}

/** The key of one Awin publisher account's joined programmes. */
export function awinAccountCacheKey(
  authData: Record<string, unknown>,
  publisherId: number,
): string {
  return directoryCacheKey('awin', { ...authData, awin_publisher_id: String(publisherId) });
}

// --- reading each network's list ------------------------------------------------------------------

export function landing(id: number, url: string | null): Landing[] {
  if (!url) return [];
  const domain = hostOfUrl(url);
  return domain === undefined ? [] : [{ id, url: url.trim(), domain }];
}

export function candidate(
  network: NetworkId,
  id: number,
  name: string,
  domains: (string | null)[],
  landings: Landing[],
): Candidate[] {
  const all = normalizeDomains([...domains, ...landings.map((page) => page.domain)]);
  return all.length === 0
    ? []
    : [{ network, advertiser_id: id, advertiser_name: name, domains: all, landings }];
}

/** Unknown status counts as running; a status that says otherwise (paused, pending) does not. */
function isActive(status: string | null): boolean {
  return status === null || status.trim() === '' || status.trim().toLowerCase() === 'active';
}

function distinctBy<T>(items: T[], id: (item: T) => number): T[] {
  const seen = new Set<number>();
  return items.filter((item) => !seen.has(id(item)) && seen.add(id(item)));
}

function awinCandidate(programme: AwinProgramme): Candidate[] {
  const domains = [...programme.validDomains.map((valid) => valid.domain), programme.displayUrl];
  return candidate('awin', programme.id, programme.name, domains, []);
}

async function loadAwinAccount(
  z: ZObject,
  bundle: Bundle,
  publisherId: number,
): Promise<Directory> {
  const programmes = await new AwinClient(z, bundle).programmes(publisherId, 'joined');
  return { network: 'awin', publisherId, candidates: programmes.flatMap(awinCandidate) };
}

const accountIdsSchema = zod.lazy(() => zod.array(zod.number().int().positive()));

/**
 * The Awin publisher accounts whose programmes are matched: the one chosen in the step, else the
 * connection's default, else every publisher account of the token (lowest id first; the list of
 * accounts is kept in z.cache like the programmes).
 */
export async function awinAccountIds(
  z: ZObject,
  bundle: Bundle,
  chosen: number | undefined,
): Promise<number[]> {
  if (chosen !== undefined) return [chosen];
  const fromConnection = optionalPositiveInt(
    z,
    bundle.authData.awin_publisher_id,
    'Awin Publisher ID (in your connection)',
  );
  if (fromConnection !== undefined) return [fromConnection];
  const key = `${connectionCacheKey('awin', bundle.authData)}:accounts`;
  const ids = await readThrough(z, key, DIRECTORY_TTL_SECONDS, accountIdsSchema, async () => {
    const accounts = await new AwinClient(z, bundle).publisherAccounts();
    return [...new Set(accounts.map((account) => account.accountId))].sort((a, b) => a - b);
  });
  if (ids.length === 0) {
    throw invalidInput(
      z,
      'Your Awin API token has no publisher account. Use the token of an Awin publisher user.',
    );
  }
  return ids;
}

/** Every matched Awin account's joined programmes, each list from the cache or read once. */
async function loadAwinDirectories(
  z: ZObject,
  bundle: Bundle,
  chosen: number | undefined,
): Promise<Directory[]> {
  const ids = await awinAccountIds(z, bundle, chosen);
  return Promise.all(
    ids.map((publisherId) =>
      cachedDirectory(z, awinAccountCacheKey(bundle.authData, publisherId), 'awin', () =>
        loadAwinAccount(z, bundle, publisherId),
      ),
    ),
  );
}

function everflowCandidate(offer: EverflowOffer): Candidate[] {
  const landings = [
    ...landing(0, offer.preview_url),
    ...offer.relationship.urls.flatMap((page) =>
      landing(page.network_offer_url_id, page.url ?? page.destination_url),
    ),
  ];
  return candidate('everflow', offer.network_offer_id, offer.name, [], landings);
}

async function loadEverflow(z: ZObject, bundle: Bundle): Promise<Directory> {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('affiliate', 'Matching a URL to an Everflow offer needs');
  const offers: EverflowOffer[] = [];
  for (let page = 0; page < EVERFLOW_DIRECTORY_MAX_PAGES; page++) {
    const batch = await everflow.offers(pageParams(page, EVERFLOW_LIST_ALL_SIZE));
    offers.push(...batch);
    if (batch.length < EVERFLOW_LIST_ALL_SIZE) break;
  }
  const runnable = distinctBy(offers, (offer) => offer.network_offer_id).filter((offer) =>
    isActive(offer.offer_status),
  );
  return { network: 'everflow', candidates: runnable.flatMap(everflowCandidate) };
}

function offerslookCandidate(offer: OfferslookOffer): Candidate[] {
  const commission = offerslookCommission(offer.payout, offer.percent_payout, offer.currency);
  return candidate('offerslook', offer.id, offer.name, [], landing(0, offer.preview_url)).map(
    (item) => ({ ...item, commission }),
  );
}

/** Offers the affiliate can run: those approved for it (its personal list) and public ones. */
async function loadOfferslook(z: ZObject, bundle: Bundle): Promise<Directory> {
  const offerslook = new OfferslookClient(z, bundle);
  const [personal, all] = await Promise.all([
    offerslook.allOffers(OFFERSLOOK_DIRECTORY_MAX_PAGES, 'personal'),
    offerslook.allOffers(OFFERSLOOK_DIRECTORY_MAX_PAGES, 'all'),
  ]);
  const runnable = distinctBy(
    [...personal, ...all.filter((offer) => offer.offer_approval === 2)],
    (offer) => offer.id,
  )
    .filter((offer) => isActive(offer.status))
    .sort((a, b) => a.id - b.id);
  return { network: 'offerslook', candidates: runnable.flatMap(offerslookCandidate) };
}

async function cachedDirectory(
  z: ZObject,
  key: string,
  network: NetworkId,
  load: () => Promise<Directory>,
): Promise<Directory> {
  const ofNetwork = directorySchema.refine((directory) => directory.network === network);
  return readThrough(
    z,
    key,
    DIRECTORY_TTL_SECONDS,
    ofNetwork,
    load,
    `the ${NETWORK_LABELS[network]} advertiser list`,
  );
}

/**
 * One network's lists (Awin: one per publisher account matched): from the cache when a run in the
 * last 15 minutes read them, else read now. `awinPublisherId` is the step's Publisher Account.
 */
export async function loadDirectories(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  awinPublisherId?: number,
): Promise<Directory[]> {
  if (network === 'awin') return loadAwinDirectories(z, bundle, awinPublisherId);
  // Impact's campaigns are not matched by URL yet (a later step of issue 24): nothing to match.
  if (network === 'impact') return [];
  const load = network === 'everflow' ? loadEverflow : loadOfferslook;
  const key = directoryCacheKey(network, bundle.authData);
  return [await cachedDirectory(z, key, network, () => load(z, bundle))];
}
