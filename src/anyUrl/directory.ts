import { createHash } from 'node:crypto';
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { AwinClient } from '../awin/client';
import { type AwinProgramme } from '../awin/schemas';
import { NETWORK_IDS, NETWORK_LABELS, networkById, type NetworkId } from '../connection/registry';
import { EVERFLOW_LIST_ALL_SIZE, EverflowClient, pageParams } from '../everflow/client';

import { type EverflowOffer } from '../everflow/schemas';

import { OfferslookClient } from '../offerslook/client';

import { type OfferslookOffer } from '../offerslook/schemas';

import { hostOfUrl, normalizeDomains, type Landing } from './match';

export const DIRECTORY_TTL_SECONDS = 15 * 60;

/** Everflow runnable offers, 2,000 a page: at most 5 pages (10,000 offers). */
export const EVERFLOW_DIRECTORY_MAX_PAGES = 5;

/** Offerslook offers, 100 a page: at most 10 pages of each list (1,000 offers). */
export const OFFERSLOOK_DIRECTORY_MAX_PAGES = 10;

// --- the directory and its cached form ------------------------------------------------------------

const landingSchema = zod.object({
  id: zod.number().int().nonnegative(),
  url: zod.string(),
  domain: zod.string(),
});

const candidateSchema = zod.object({
  network: zod.enum(NETWORK_IDS),
  advertiser_id: zod.number(),
  advertiser_name: zod.string(),
  domains: zod.array(zod.string()),
  landings: zod.array(landingSchema),
});

/** One advertiser (Awin) or offer (Everflow, Offerslook) a link can be made for. */
export type Candidate = zod.infer<typeof candidateSchema>;

const directorySchema = zod.union([
  zod.object({
    network: zod.literal('awin'),
    publisherId: zod.number(),
    candidates: zod.array(candidateSchema),
  }),
  zod.object({
    network: zod.enum(['everflow', 'offerslook']),
    candidates: zod.array(candidateSchema),
  }),
]);

export type Directory = zod.infer<typeof directorySchema>;

/**
 * The cache key of one network's list for one connection: a hash of its credentials, publisher
 * account and API address. The credentials themselves never appear in it.
 */
export function directoryCacheKey(network: NetworkId, authData: Record<string, unknown>): string {
  // Every connection field of the network and its base-URL variable decide what its list holds.
  const { fields, baseUrlEnv: env } = networkById(network);
  const values = fields.map((field) => String(authData[field.key] ?? '').trim());
  const digest = createHash('sha256')
    .update(JSON.stringify([network, process.env[env] ?? '', ...values]))
    .digest('hex')
    .slice(0, 40);
  return `urlmatch:v1:${network}:${digest}`;
}

async function readCached(
  z: ZObject,
  key: string,
  network: NetworkId,
): Promise<Directory | undefined> {
  let value: unknown;
  try {
    value = await z.cache.get(key);
  } catch {
    return undefined; // no shared cache here (a local run): read the list from the network
  }
  const parsed = directorySchema.safeParse(value);
  return parsed.success && parsed.data.network === network ? parsed.data : undefined;
}

async function writeCached(z: ZObject, key: string, directory: Directory): Promise<void> {
  try {
    await z.cache.set(key, directory, DIRECTORY_TTL_SECONDS);
  } catch {
    z.console.log(
      `Could not keep the ${NETWORK_LABELS[directory.network]} advertiser list in Zapier's cache; ` +
        'the next run reads it again.',
    );
  }
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

async function loadAwin(z: ZObject, bundle: Bundle): Promise<Directory> {
  const awin = new AwinClient(z, bundle);
  // These actions have no Publisher Account field: the connection's default, else the only account.
  const publisherId = await awin.resolvePublisherId(
    undefined,
    'Set "Awin Publisher ID" in the connection to the account whose programmes URLs should be matched.',
  );
  const programmes = await awin.programmes(publisherId, 'joined');
  return { network: 'awin', publisherId, candidates: programmes.flatMap(awinCandidate) };
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
  return candidate('offerslook', offer.id, offer.name, [], landing(0, offer.preview_url));
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

const LOADERS: Record<NetworkId, (z: ZObject, bundle: Bundle) => Promise<Directory>> = {
  awin: loadAwin,
  everflow: loadEverflow,
  offerslook: loadOfferslook,
};

/** One network's list: from the cache when a run in the last 15 minutes read it, else read now. */
export async function loadDirectory(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
): Promise<Directory> {
  const key = directoryCacheKey(network, bundle.authData);
  const cached = await readCached(z, key, network);
  if (cached !== undefined) return cached;
  const directory = await LOADERS[network](z, bundle);
  await writeCached(z, key, directory);
  return directory;
}
