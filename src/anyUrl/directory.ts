import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import {
  connectionParts,
  NETWORK_IDS,
  NETWORK_LABELS,
  networkById,
  type NetworkId,
} from '../connection/registry';
import { hashedCacheKey, readThrough } from '../core/cache';
import { commissionSchema } from '../core/commission';
import { type DirectoryEntry, type Keep, type Landing } from '../core/network';
import { hostOfUrl, normalizeDomains } from '../core/url';

/**
 * Each connected network's advertisers or offers (one list per account on a network with
 * accounts), read through the network's `anyUrl.directory` and kept in z.cache for 15 minutes, so
 * a sheet of 500 product URLs does not read them per row.
 */

export const DIRECTORY_TTL_SECONDS = 15 * 60;

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
    /** Normalised: lower-case, punycode, without www. */
    domains: zod.array(zod.string()),
    landings: zod.array(landingSchema),
    /** Known from the list itself; else read per matched advertiser or offer. */
    commission: commissionSchema.optional(),
  }),
);

/** One advertiser or offer a link can be made for. */
export type Candidate = zod.infer<typeof candidateSchema>;

const directorySchema = zod.lazy(() =>
  zod.object({
    network: zod.enum(NETWORK_IDS),
    /** The account the list is of, on a network with accounts; else null. */
    account: zod.number().nullable(),
    candidates: zod.array(candidateSchema),
  }),
);

export type Directory = zod.infer<typeof directorySchema>;

/**
 * The cache key of one network's list (of one account) for one connection: a hash of its
 * connection fields, the account and its API address. The credentials never appear in it.
 */
export function directoryCacheKey(
  network: NetworkId,
  authData: Record<string, unknown>,
  account: number | null = null,
): string {
  return hashedCacheKey(`urlmatch:v3:${network}`, [
    ...connectionParts(network, authData),
    account ?? '',
  ]);
}

// --- from a network's entries to candidates -------------------------------------------------------

function landingOf(id: number, url: string | null): Landing[] {
  if (!url) return [];
  const domain = hostOfUrl(url);
  return domain === undefined ? [] : [{ id, url: url.trim(), domain }];
}

/** An entry as any-URL matches it: domains and landing pages normalised; none without a domain. */
export function candidateOf(network: NetworkId, entry: DirectoryEntry): Candidate[] {
  const landings = entry.landings.flatMap((page) => landingOf(page.id, page.url));
  const domains = normalizeDomains([...entry.domains, ...landings.map((page) => page.domain)]);
  if (domains.length === 0) return [];
  const { commission } = entry;
  return [
    {
      network,
      advertiser_id: entry.id,
      advertiser_name: entry.name,
      domains,
      landings,
      ...(commission === undefined ? {} : { commission }),
    },
  ];
}

function cachedDirectory(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  account: number | null,
): Promise<Directory> {
  const ofNetwork = directorySchema.refine(
    (directory) => directory.network === network && directory.account === account,
  );
  return readThrough(
    z,
    directoryCacheKey(network, bundle.authData, account),
    DIRECTORY_TTL_SECONDS,
    ofNetwork,
    async () => {
      const entries = await networkById(network).anyUrl.directory(z, bundle, account);
      return {
        network,
        account,
        candidates: entries.flatMap((entry) => candidateOf(network, entry)),
      };
    },
    `the ${NETWORK_LABELS[network]} advertiser list`,
  );
}

/**
 * One network's lists: one per account matched (the step's `chosen` account, else what the
 * network says), from the cache when a run in the last 15 minutes read them, else read now.
 */
export async function loadDirectories(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  chosen?: number,
): Promise<Directory[]> {
  const { accounts } = networkById(network).anyUrl;
  const key = directoryCacheKey(network, bundle.authData);
  const keep: Keep = (what, schema, load) =>
    readThrough(z, `${key}:${what}`, DIRECTORY_TTL_SECONDS, schema, load);
  const ids = accounts ? await accounts.list(z, bundle, chosen, keep) : [null];
  return Promise.all(ids.map((account) => cachedDirectory(z, bundle, network, account)));
}
