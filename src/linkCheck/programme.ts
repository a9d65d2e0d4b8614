// What the connected networks' APIs say about the links of one run (README "Checking links":
// Programme status, Expected domain): Awin's programme list (relationship and link status), an
// Everflow partner's runnable offers (status, end date) or a network key's tracking domains, and
// Offerslook's offers (status, end date). Each list is read at most once per run and kept in
// z.cache, never once per link; when a network cannot be asked the status is `unknown` and the
// check goes on.
import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { AwinClient } from '../awin/client';
import { connectedNetworks, connectionParts, type NetworkId } from '../connection/registry';
import { hashedCacheKey, readThrough } from '../core/cache';
import { reasonOf, userMessage } from '../core/errors';
import { EverflowClient } from '../everflow/client';
import { type EverflowOfferStatus } from '../everflow/schemas';
import { OfferslookClient } from '../offerslook/client';
import { type OfferslookOfferStatus } from '../offerslook/schemas';
import { detectNetwork, inferExpectedFromLink, normaliseDomain } from './network';
import type { NetworkDomains, ProgrammeInfo } from './types';

/** How long a network's list stays in z.cache: the next runs in that time do not read it again. */
const PROGRAMME_TTL_SECONDS = 15 * 60;
/** The longest the look-ups of one run may take; what is not known by then is `unknown`. */
const PROGRAMME_LOOKUP_MS = 6_000;
/** Everflow runnable offers, 2,000 a page: at most 5 pages. */
const EVERFLOW_STATUS_PAGE_SIZE = 2000;
const EVERFLOW_STATUS_MAX_PAGES = 5;
/** Offerslook offers, 100 a page: at most 10 pages. */
const OFFERSLOOK_STATUS_MAX_PAGES = 10;

/** The status when the network could not be asked (throttled, failing, too slow). */
const UNKNOWN_PROGRAMME: ProgrammeInfo = { status: 'unknown', notTracking: false };

/** What the APIs say about one link. */
export interface LinkFacts {
  /** Undefined when no connected network knows the link's programme or offer. */
  programme?: ProgrammeInfo;
  /** Where the programme's links land, per its network ([] when it says nothing). */
  domains: string[];
}

/** What the APIs say about the links of a run, one entry per link in order. */
export interface RunFacts {
  /** Tracking domains of connected networks (they count as that network's own hosts). */
  networkDomains: NetworkDomains;
  links: LinkFacts[];
}

const NO_FACTS: LinkFacts = { domains: [] };
const UNKNOWN_FACTS: LinkFacts = { programme: UNKNOWN_PROGRAMME, domains: [] };

// --- the cached lists -----------------------------------------------------------------------------

const awinListSchema = zod.array(
  zod.object({
    id: zod.number(),
    linkStatus: zod.string().nullable(),
    domains: zod.array(zod.string()),
  }),
);
type AwinList = zod.infer<typeof awinListSchema>;

const offerEntrySchema = zod.object({
  id: zod.number(),
  status: zod.string().nullable(),
  /** The end date as the network gives it (`YYYY-MM-DD` or Unix seconds as text). */
  endsAt: zod.string().nullable(),
  domains: zod.array(zod.string()),
  /** Everflow: the offer's code in its tracking links' path (`/<affiliate>/<offer>/`). */
  codes: zod.array(zod.string()),
});
type OfferEntry = zod.infer<typeof offerEntrySchema>;

const everflowBookSchema = zod.object({
  /** The hosts of the network's tracking domains. */
  trackingHosts: zod.array(zod.string()),
  /** A partner's runnable offers; null for a network key (its links do not say which offer). */
  offers: zod.array(offerEntrySchema).nullable(),
});
type EverflowBook = zod.infer<typeof everflowBookSchema>;

const offerListSchema = zod.array(offerEntrySchema);

/**
 * The z.cache key of one list for one connection: a hash of the network's connection fields, its
 * API address and what the list is of. The credentials themselves never appear in it.
 */
function programmeCacheKey(
  network: NetworkId,
  authData: Record<string, unknown>,
  ...what: (string | number)[]
): string {
  return hashedCacheKey(`linkcheck:v1:${network}`, [
    ...connectionParts(network, authData),
    ...what,
  ]);
}

// --- reading what a link says ---------------------------------------------------------------------

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}

function firstId(url: URL, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = url.searchParams.get(name)?.trim() ?? '';
    if (/^\d{1,15}$/.test(value) && Number(value) > 0) return Number(value);
  }
  return undefined;
}

/**
 * Awin's ids in a link: advertiser (`awinmid`, `mid`, banner `v`, product `m`) and publisher
 * (`awinaffid`, `id`, banner `r`, product `a`). A tidd.ly short link names neither.
 */
export function awinLinkIds(url: URL): { advertiserId?: number; publisherId?: number } {
  return {
    advertiserId: firstId(url, ['awinmid', 'mid', 'v', 'm']),
    publisherId: firstId(url, ['awinaffid', 'id', 'r', 'a']),
  };
}

/** The offer's code in an Everflow redirect link (`/<affiliate>/<offer>/`), upper-cased. */
function everflowOfferCode(url: URL): string | undefined {
  const segments = url.pathname.split('/').filter((s) => s !== '');
  return segments.length >= 2 ? segments[segments.length - 1].toUpperCase() : undefined;
}

function hostOf(url: string | null): string | undefined {
  return url ? parseUrl(url)?.hostname.toLowerCase() : undefined;
}

function domainsOf(...urls: (string | null)[]): string[] {
  const domains = urls
    .map((url) => (url ? normaliseDomain(url) : undefined))
    .filter((d): d is string => d !== undefined && d !== '');
  return [...new Set(domains)];
}

// --- what a status means --------------------------------------------------------------------------

/** The end date as `YYYY-MM-DD` and whether it has passed; undefined when there is none. */
export function endDate(
  value: string | null,
  now = Date.now(),
): { day: string; passed: boolean } | undefined {
  const text = (value ?? '').trim();
  if (text === '' || /^0+$/.test(text) || text.startsWith('0000')) return undefined;
  if (/^\d+$/.test(text)) {
    const at = Number(text) * 1000;
    return { day: new Date(at).toISOString().slice(0, 10), passed: at < now };
  }
  const day = /^(\d{4}-\d{2}-\d{2})/.exec(text)?.[1];
  if (!day || Number.isNaN(Date.parse(day))) return undefined;
  // A date without a time is live until the end of that day.
  const endsAt = /^\d{4}-\d{2}-\d{2}$/.test(text)
    ? Date.parse(`${day}T23:59:59Z`)
    : Date.parse(text.replace(' ', 'T'));
  return { day, passed: (Number.isNaN(endsAt) ? Date.parse(`${day}T23:59:59Z`) : endsAt) < now };
}

/** An Everflow or Offerslook offer's status in words; not tracking unless active and not expired. */
export function offerProgramme(offer: OfferEntry, now = Date.now()): ProgrammeInfo {
  const status = (offer.status ?? '').trim().toLowerCase() || 'active';
  const ends = endDate(offer.endsAt, now);
  if (ends?.passed) return { status: `expired on ${ends.day}`, notTracking: true };
  if (status !== 'active') return { status, notTracking: true };
  return { status: ends ? `active until ${ends.day}` : 'active', notTracking: false };
}

/** Awin: joined with its link status, suspended, or not joined. Offline or inactive links do not track. */
export function awinProgramme(
  relationship: 'joined' | 'suspended' | 'not joined',
  linkStatus: string | null = null,
): ProgrammeInfo {
  if (relationship !== 'joined') return { status: relationship, notTracking: true };
  const link = (linkStatus ?? '').trim();
  return {
    status: link === '' ? 'joined' : `joined, link status ${link}`,
    notTracking: ['offline', 'inactive'].includes(link.toLowerCase()),
  };
}

// --- one run's look-ups ---------------------------------------------------------------------------

class TimeUp extends Error {}

/** Reads each list at most once per run (and from z.cache when a recent run read it). */
class RunLookups {
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly connected: Set<NetworkId>;

  constructor(
    private readonly z: ZObject,
    private readonly bundle: Bundle,
    private readonly until: number,
  ) {
    this.connected = new Set(connectedNetworks(bundle.authData));
  }

  has(network: NetworkId): boolean {
    return this.connected.has(network);
  }

  /**
   * One list: from this run's memory, else from z.cache, else read now and kept. Undefined when
   * the network cannot be asked (any failure, or no answer before the look-ups' time is up).
   */
  private remember<T>(
    label: string,
    key: string,
    schema: zod.ZodType<T>,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    let promise = this.memo.get(key) as Promise<T | undefined> | undefined;
    if (!promise) {
      promise = this.fetch(label, key, schema, read);
      this.memo.set(key, promise);
    }
    return promise;
  }

  private async fetch<T>(
    label: string,
    key: string,
    schema: zod.ZodType<T>,
    read: () => Promise<T>,
  ): Promise<T | undefined> {
    try {
      return await readThrough(this.z, key, PROGRAMME_TTL_SECONDS, schema, () =>
        this.beforeTimeUp(read()),
      );
    } catch (error) {
      const why =
        error instanceof TimeUp
          ? 'no answer in the time a link check allows for it'
          : reasonOf(error)?.kind === 'throttled'
            ? 'the network is limiting requests right now'
            : userMessage(error).split('\nWhat happened:')[0];
      this.z.console.log(`Link check: could not read ${label}, so its status is unknown (${why}).`);
      return undefined;
    }
  }

  private beforeTimeUp<T>(work: Promise<T>): Promise<T> {
    // The request may still answer later; its outcome is then ignored.
    work.catch(() => undefined);
    const left = this.until - Date.now();
    if (left <= 0) return Promise.reject(new TimeUp());
    let timer: NodeJS.Timeout | undefined;
    const timeUp = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeUp()), left);
    });
    return Promise.race([work, timeUp]).finally(() => clearTimeout(timer));
  }

  // Awin ---------------------------------------------------------------------------------------

  private defaultAwinPublisher(): Promise<number | undefined> {
    const auth = this.bundle.authData;
    return this.remember(
      'your Awin publisher account',
      programmeCacheKey('awin', auth, 'publisher'),
      zod.number(),
      async () =>
        new AwinClient(this.z, this.bundle).resolvePublisherId(
          undefined,
          'Set "Awin Publisher ID" in the connection to the account whose programmes links are checked against.',
        ),
    );
  }

  private awinList(
    publisherId: number,
    relationship: 'joined' | 'suspended',
  ): Promise<AwinList | undefined> {
    return this.remember(
      `the ${relationship} Awin programmes of publisher ${publisherId}`,
      programmeCacheKey('awin', this.bundle.authData, 'programmes', publisherId, relationship),
      awinListSchema,
      async () => {
        const programmes = await new AwinClient(this.z, this.bundle).programmes(
          publisherId,
          relationship,
        );
        return programmes.map((programme) => ({
          id: programme.id,
          linkStatus: programme.linkStatus,
          domains: domainsOf(
            ...programme.validDomains.map((valid) => valid.domain),
            programme.displayUrl,
          ),
        }));
      },
    );
  }

  async awinFacts(url: URL): Promise<LinkFacts> {
    const { advertiserId, publisherId: fromLink } = awinLinkIds(url);
    // A short link does not say which programme it is for.
    if (advertiserId === undefined) return NO_FACTS;
    const publisherId = fromLink ?? (await this.defaultAwinPublisher());
    if (publisherId === undefined) return UNKNOWN_FACTS;
    const joined = await this.awinList(publisherId, 'joined');
    if (!joined) return UNKNOWN_FACTS;
    const member = joined.find((programme) => programme.id === advertiserId);
    if (member) {
      return { programme: awinProgramme('joined', member.linkStatus), domains: member.domains };
    }
    const suspended = await this.awinList(publisherId, 'suspended');
    if (!suspended) return UNKNOWN_FACTS;
    const held = suspended.find((programme) => programme.id === advertiserId);
    return held
      ? { programme: awinProgramme('suspended'), domains: held.domains }
      : { programme: awinProgramme('not joined'), domains: [] };
  }

  // Everflow -----------------------------------------------------------------------------------

  everflowBook(): Promise<EverflowBook | undefined> {
    const auth = this.bundle.authData;
    return this.remember(
      'your Everflow offers and tracking domains',
      programmeCacheKey('everflow', auth, 'book'),
      everflowBookSchema,
      async () => {
        const everflow = new EverflowClient(this.z, this.bundle);
        if (everflow.keyType === 'network') {
          const domains = await everflow.trackingDomains();
          return {
            trackingHosts: domains
              .map((d) => (d.domain.includes('://') ? hostOf(d.domain) : d.domain.trim()))
              .filter((host): host is string => host !== undefined && host !== '')
              .map((host) => host.toLowerCase()),
            offers: null,
          };
        }
        const offers: EverflowOfferStatus[] = [];
        for (let page = 1; page <= EVERFLOW_STATUS_MAX_PAGES; page++) {
          const batch = await everflow.runnableOfferStatuses({
            page,
            page_size: EVERFLOW_STATUS_PAGE_SIZE,
          });
          offers.push(...batch);
          if (batch.length < EVERFLOW_STATUS_PAGE_SIZE) break;
        }
        const links = offers.flatMap((o) => [o.tracking_url, o.redirect_tracking_url]);
        return {
          trackingHosts: [
            ...new Set(links.map(hostOf).filter((h): h is string => h !== undefined)),
          ],
          offers: offers.map(everflowEntry),
        };
      },
    );
  }

  async everflowFacts(url: URL, book: EverflowBook | undefined): Promise<LinkFacts> {
    if (!book) return UNKNOWN_FACTS;
    // A network key's links do not say which offer they are for.
    if (!book.offers) return NO_FACTS;
    const offerId = firstId(url, ['oid']);
    const code = everflowOfferCode(url);
    const offer = book.offers.find((entry) =>
      offerId !== undefined
        ? entry.id === offerId
        : code !== undefined && entry.codes.includes(code),
    );
    return offer
      ? { programme: offerProgramme(offer), domains: offer.domains }
      : {
          programme: { status: 'not among your runnable offers', notTracking: false },
          domains: [],
        };
  }

  // Offerslook ---------------------------------------------------------------------------------

  private offerslookOffers(): Promise<OfferEntry[] | undefined> {
    return this.remember(
      'your Offerslook offers',
      programmeCacheKey('offerslook', this.bundle.authData, 'offers'),
      offerListSchema,
      async () => {
        const offers = await new OfferslookClient(this.z, this.bundle).offerStatuses(
          OFFERSLOOK_STATUS_MAX_PAGES,
        );
        return offers.map(offerslookEntry);
      },
    );
  }

  async offerslookFacts(url: URL): Promise<LinkFacts> {
    const offerId = firstId(url, ['offer_id']);
    if (offerId === undefined) return NO_FACTS;
    const offers = await this.offerslookOffers();
    if (!offers) return UNKNOWN_FACTS;
    const offer = offers.find((entry) => entry.id === offerId);
    return offer
      ? { programme: offerProgramme(offer), domains: offer.domains }
      : { programme: { status: 'not among your offers', notTracking: false }, domains: [] };
  }
}

function everflowEntry(offer: EverflowOfferStatus): OfferEntry {
  const codes = [offer.tracking_url, offer.redirect_tracking_url]
    .map((link) => (link ? parseUrl(link) : undefined))
    .map((link) => (link ? everflowOfferCode(link) : undefined))
    .filter((code): code is string => code !== undefined);
  return {
    id: offer.network_offer_id,
    status: offer.offer_status,
    endsAt: offer.date_live_until === null ? null : String(offer.date_live_until),
    domains: domainsOf(
      offer.preview_url,
      ...offer.relationship.urls.map((page) => page.url ?? page.destination_url),
    ),
    codes: [...new Set(codes)],
  };
}

function offerslookEntry(offer: OfferslookOfferStatus): OfferEntry {
  return {
    id: offer.id,
    status: offer.status,
    endsAt: offer.end_date === null ? null : String(offer.end_date),
    domains: domainsOf(offer.preview_url),
    codes: [],
  };
}

export interface ProgrammeLookupOptions {
  /** Epoch ms the run must be done by; the look-ups take at most 6 s and never past it. */
  deadlineAt?: number;
}

/**
 * What the connected networks' APIs say about each link (in order): its programme or offer status
 * and where it should land, plus the networks' tracking domains. Never throws for a network that
 * cannot be asked: its links get `unknown`. Without a connected network nothing is asked.
 */
export async function lookUpProgrammes(
  z: ZObject,
  bundle: Bundle,
  urls: readonly string[],
  options: ProgrammeLookupOptions = {},
): Promise<RunFacts> {
  const until = Math.min(Date.now() + PROGRAMME_LOOKUP_MS, options.deadlineAt ?? Infinity);
  const lookups = new RunLookups(z, bundle, until);
  const parsed = urls.map(parseUrl);

  // Everflow links can sit on any domain the network chose: when Everflow is connected and a link
  // is not plainly another network's, its tracking domains (or a partner's offers) are read first.
  const everflowMayMatter =
    lookups.has('everflow') &&
    parsed.some((url) => url !== undefined && !['awin', 'offerslook'].includes(detectNetwork(url)));
  const everflow = everflowMayMatter ? await lookups.everflowBook() : undefined;
  const networkDomains: NetworkDomains = everflow ? { everflow: everflow.trackingHosts } : {};

  const links = await Promise.all(
    parsed.map(async (url): Promise<LinkFacts> => {
      if (!url) return NO_FACTS;
      const network = detectNetwork(url, networkDomains);
      if (network === '' || !lookups.has(network)) return NO_FACTS;
      if (network === 'awin') return lookups.awinFacts(url);
      if (network === 'everflow') return lookups.everflowFacts(url, everflow);
      return lookups.offerslookFacts(url);
    }),
  );
  return { networkDomains, links };
}

/**
 * The expected landing domains of a link: those the user gave, else those the link names itself
 * (Awin `ued`, Everflow `url=`: left to the checker), else those its network's API gives.
 */
export function expectedDomainsFor(
  url: string,
  given: readonly string[],
  facts: LinkFacts,
  networkDomains: NetworkDomains,
): string[] | undefined {
  if (given.length > 0) return [...given];
  if (inferExpectedFromLink(url, networkDomains).length > 0) return undefined;
  return facts.domains.length > 0 ? facts.domains : undefined;
}
