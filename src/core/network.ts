import { type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { type z as zod } from 'zod';

import { type Commission } from './commission';
import { type NetworkConnection } from './connection';

/**
 * What the features that span networks (any-URL, link checks, watching links, earnings) need of a network, declared by the
 * network itself. Each network folder fills one `Network` in its network.ts; the registry
 * (src/connection/registry.ts) lists them, and the features only ever read this list: no code
 * outside a network's folder branches on a network's name. Every piece is required, so a network
 * that lacks one says so (`null` for a value it does not have, `Lacking` with the reason for
 * something it cannot do) and a forgotten piece is a type error, never a silent fallback.
 * docs/architecture.md "Adding a network" walks through filling one in.
 */
export interface Network<Id extends string = string> extends NetworkConnection<Id> {
  anyUrl: AnyUrlFeature;
  linkCheck: LinkCheckFeature;
  watch: WatchFeature;
  earnings: EarningsFeature | Lacking;
}

/** A capability the network does not have, and why, in words for a maintainer (and the log). */
export interface Lacking {
  lacking: string;
}

export function isLacking<T extends object>(value: T | Lacking): value is Lacking {
  return 'lacking' in value;
}

// --- Any URL → the right link -----------------------------------------------------------------

/** One advertiser or offer a link can be made for, as the network lists it. */
export interface DirectoryEntry {
  id: number;
  name: string;
  /** Where it sells from: domains or URLs as the network gives them (any-URL normalises them). */
  domains: readonly (string | null)[];
  /** Pages a link can land on, `id` 0 the default; their hosts count as domains too. */
  landings: readonly { id: number; url: string | null }[];
  /** What it pays, when the list itself says (else read per match, see `commission`). */
  commission?: Commission;
}

/** A page a link can land on, with its normalised domain: `id` 0 is the default landing page. */
export interface Landing {
  id: number;
  url: string;
  domain: string;
}

/** The advertiser or offer a link is made for, on one account of the network. */
interface LinkTarget {
  /** The account whose list matched (see `AnyUrlFeature.accounts`); null on a network without. */
  account: number | null;
  id: number;
  name: string;
  /** The landing page that fits the URL best, else the default one; undefined without any. */
  landing: Landing | undefined;
}

export interface LinkRequest {
  /** The shop page the user gave (absolute http(s)). */
  url: string;
  /** The step's Tracking Reference, checked against `trackingRef.maxLength`. */
  ref: string | undefined;
  target: LinkTarget;
  /**
   * A sentence naming the other networks that have the shop and how to use them (" This shop is
   * also on …"), or ''; for a refusal that is a property of this shop (no deep links).
   */
  alsoOn: string;
}

/** Why the connection's credentials cannot match URLs on this network (an Everflow network key). */
export interface Unusable {
  /** What the connection holds, e.g. "an Everflow network key". */
  holds: string;
  /** Why that cannot match URLs, one sentence. */
  why: string;
  /** The whole refusal when the step's Network names this network; `clear` is how to widen it. */
  refusal: (clear: string) => string;
  /** Said after "no match" when the other networks were searched. */
  note: string;
}

/** Reads through z.cache for the time any-URL keeps its lists, under this connection's key. */
export type Keep = <T>(what: string, schema: zod.ZodType<T>, load: () => Promise<T>) => Promise<T>;

/** A network whose one credential reaches several accounts (Awin publisher accounts). */
interface AccountChoice {
  /** The step's input field choosing the account; any-URL's actions show it. */
  field: PlainInputField;
  /** The step's value, checked before any request; undefined when empty. */
  read: (z: ZObject, value: unknown) => number | undefined;
  /**
   * The accounts whose lists are matched, lowest first: the chosen one, else the connection's
   * default, else every account the credential reaches (`keep` caches that list).
   */
  list: (z: ZObject, bundle: Bundle, chosen: number | undefined, keep: Keep) => Promise<number[]>;
}

type CommissionSource =
  /** Every directory entry carries its commission. */
  | { inDirectory: true }
  /** Read per matched advertiser or offer, for the account that matched (kept in z.cache). */
  | {
      read: (
        z: ZObject,
        bundle: Bundle,
        of: { account: number | null; id: number },
      ) => Promise<Commission>;
    }
  | Lacking;

export interface AnyUrlFeature {
  /** What the connection must hold to match URLs here, e.g. "an Awin API token". */
  needs: string;
  /** Why this connection's credentials cannot match URLs here; undefined when they can. */
  unusable: (z: ZObject, authData: Record<string, unknown>) => Unusable | undefined;
  /** Several accounts behind one credential; null when the network has one per connection. */
  accounts: AccountChoice | null;
  /** Every advertiser or offer of one account (null: no accounts) a link can be made for. */
  directory: (z: ZObject, bundle: Bundle, account: number | null) => Promise<DirectoryEntry[]>;
  commission: CommissionSource;
  /** How the step's Tracking Reference is sent: query parameter, longest value, in words. */
  trackingRef: { param: string; maxLength: number; said: string };
  /** The tracking link for one match, and the page it lands on. */
  makeLink: (
    z: ZObject,
    bundle: Bundle,
    request: LinkRequest,
  ) => Promise<{ url: string; destination_url: string }>;
}

// --- Checking links ---------------------------------------------------------------------------

/** What the network's API says about a link's programme or offer. */
export interface ProgrammeInfo {
  /** In words, e.g. "joined, link active" or "offer paused"; `unknown` when the API could not be asked. */
  status: string;
  /** True when the programme or offer is suspended, offline, paused or expired. */
  notTracking: boolean;
}

/** What the APIs say about one link. */
export interface LinkFacts {
  /** Undefined when no connected network knows the link's programme or offer. */
  programme?: ProgrammeInfo;
  /** Where the programme's links land, per its network ([] when it says nothing). */
  domains: string[];
}

/** Nothing to say: the link names no programme the network could be asked about. */
export const NO_FACTS: LinkFacts = { domains: [] };

/** The status when the network could not be asked (throttled, failing, too slow). */
const UNKNOWN_PROGRAMME: ProgrammeInfo = { status: 'unknown', notTracking: false };

export const UNKNOWN_FACTS: LinkFacts = { programme: UNKNOWN_PROGRAMME, domains: [] };

/**
 * Starts one request of a look-up, or refuses (throws) once the look-up was given up or its time
 * is up: every network call of a look-up goes through it, so an abandoned look-up spends nothing.
 */
export type Call = <R>(request: () => Promise<R>) => Promise<R>;

/** What the link checker hands a network to read its lists with. */
export interface Lookups {
  z: ZObject;
  bundle: Bundle;
  /**
   * One list, read at most once per look-up and kept in z.cache (under this connection and
   * `parts`): undefined when the network cannot be asked, or not in the look-up's time. `what`
   * names the list in the log ("your Offerslook offers").
   */
  list: <T>(
    what: string,
    parts: readonly (string | number)[],
    schema: zod.ZodType<T>,
    read: (call: Call) => Promise<T>,
  ) => Promise<T | undefined>;
}

export interface ProgrammeLookup {
  /**
   * The hosts of the connected account's own tracking links (vanity domains), read before the
   * links are told apart when a link may be this network's; Lacking when `hosts` are all there are.
   */
  trackingHosts: ((lookups: Lookups) => Promise<string[] | undefined>) | Lacking;
  /** What the API says about one link of this network. */
  facts: (lookups: Lookups, url: URL) => Promise<LinkFacts>;
}

export interface LinkCheckFeature {
  /** The network's click-server domains (subdomains count): a link through one is the network's. */
  hosts: readonly string[];
  /** The network's link shape on hosts of its clients' own; null when only the hosts tell. */
  looksLike: ((url: URL) => boolean) | null;
  /** The click id's query parameter on the landing page, where it has one fixed name; else null. */
  clickId: string | null;
  /** The query parameter in which a deep link names its page (Awin `ued`); null when none does. */
  deepLinkParam: string | null;
  /** What its API says about a link's programme or offer. */
  programmes: ProgrammeLookup | Lacking;
}

// --- Watching links ---------------------------------------------------------------------------

/** One programme's (advertiser's, offer's, campaign's) default tracking link, as its list gives it. */
export interface ProgrammeLink {
  id: number;
  name: string;
  /** The link as the network gives it; null when it gives none (the programme is left out). */
  url: string | null;
}

export interface WatchFeature {
  /** Which links "your programmes" are here, in words for the help text ("every active Impact campaign"). */
  watched: string;
  /**
   * The default tracking link of every programme the connection sends traffic to, on one account
   * (see `AnyUrlFeature.accounts`; null on a network without accounts), read with `lookups` from
   * the lists link checks read too, so that a poll reads each list once: Lacking, with why, when
   * this connection has no programmes of its own (an Everflow network key); undefined when the
   * lists cannot be read now.
   */
  programmeLinks: (
    lookups: Lookups,
    account: number | null,
  ) => Promise<ProgrammeLink[] | Lacking | undefined>;
}

// --- what a status means, for networks whose offers have a status and an end date -------------

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

/** An offer's status in words (`YYYY-MM-DD` or Unix seconds as end date); tracks if active and not expired. */
export function offerProgramme(
  offer: { status: string | null; endsAt: string | null },
  now = Date.now(),
): ProgrammeInfo {
  const status = (offer.status ?? '').trim().toLowerCase() || 'active';
  const ends = endDate(offer.endsAt, now);
  if (ends?.passed) return { status: `expired on ${ends.day}`, notTracking: true };
  if (status !== 'active') return { status, notTracking: true };
  return { status: ends ? `active until ${ends.day}` : 'active', notTracking: false };
}

/** The first of the named query parameters that holds a positive id. */
export function idParameter(url: URL, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = url.searchParams.get(name)?.trim() ?? '';
    if (/^\d{1,15}$/.test(value) && Number(value) > 0) return Number(value);
  }
  return undefined;
}

// --- Earnings: what links earned ---------------------------------------------------------------

/** A conversion's status as every network's is read: declined covers deleted, rejected, reversed. */
export type ConversionStatus = 'pending' | 'approved' | 'declined';

/** One conversion as the network's report gives it: amounts in its own currency, times in UTC. */
export type Conversion = {
  /** The network's own id, as text (Awin and Impact ids, Everflow's hex or numeric id). */
  conversion_id: string;
  status: ConversionStatus;
  /** The commission to the publisher or partner, in `currency`. */
  commission: number;
  /** ISO 4217, upper case. */
  currency: string;
  sale_amount: number | null;
  advertiser_id: number | null;
  advertiser_name: string | null;
  /** The first click reference or sub ID (Awin clickRef, Everflow sub1, Impact SubId1), trimmed. */
  tracking_ref: string | null;
  /** Every reference the network recorded, by the network's own names, blank ones left out. */
  sub_ids: Record<string, string>;
  /** ISO-8601 UTC. */
  click_at: string | null;
  converted_at: string;
  validated_at: string | null;
};

/** A span of time one report call reads: ISO-8601 UTC, `start` included, `end` included. */
export interface ReportWindow {
  start: string;
  end: string;
}

/**
 * Which date a report's windows select on: `event` (when the sale or lead happened) or
 * `validation` (when it was approved or declined), for a trigger that must see a sale validated
 * today that happened months ago. A network that cannot select on validation reads by its usual
 * date (Impact's reads select on last update, which covers validations; Everflow gives no
 * validation date).
 */
export type ReportDates = 'event' | 'validation';

export interface EarningsFeature {
  /** What the connection must hold to read earnings here, e.g. "an Everflow partner (affiliate) key". */
  needs: string;
  /** The longest span one report call may cover (Awin 31 days, Impact 45, Everflow a year). */
  windowDays: number;
  /**
   * The most report calls one run makes on this network, every account and window together (the
   * run's 25 s and the network's budget): a period needing more is refused before any call.
   */
  callsPerRun: number;
  /** Why this connection's credentials cannot read conversions (the refusal, in words); else undefined. */
  unusable: (z: ZObject, authData: Record<string, unknown>) => string | undefined;
  /**
   * Every conversion of `windows` on one account (null on a network without accounts): its calls
   * reserved in the network's shared budget or paced by its shared pace, under the run's deadline.
   * Records that cannot be read are skipped and logged.
   */
  read: (
    z: ZObject,
    bundle: Bundle,
    account: number | null,
    windows: readonly ReportWindow[],
    dates: ReportDates,
  ) => Promise<Conversion[]>;
  /**
   * Clicks per reference over the period, where the network counts them per reference: a map of
   * reference to clicks (references without clicks absent), or undefined when the report is
   * incomplete (logged). Lacking on networks that do not count clicks per reference.
   */
  /**
   * Advertiser names by id on one account, for a network whose conversion records carry only the
   * id (Awin): read from a list kept in z.cache, undefined when it cannot be read now (the names
   * stay empty, never the conversions). null where the records carry their names.
   */
  advertiserNames:
    | ((
        z: ZObject,
        bundle: Bundle,
        account: number | null,
      ) => Promise<ReadonlyMap<number, string> | undefined>)
    | null;
  clicks:
    | {
        /** References one report call takes. */
        refsPerCall: number;
        read: (
          z: ZObject,
          bundle: Bundle,
          period: ReportWindow,
          refs: readonly string[],
        ) => Promise<Record<string, number> | undefined>;
      }
    | Lacking;
}
