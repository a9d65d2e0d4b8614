// The shapes a link check takes and gives. Kept free of Zapier types so the engine can be wired
// into any action (single check, bulk) and tested on its own.
import { type NetworkId } from '../connection/registry';
import { type ProgrammeInfo } from '../core/network';

export type { ProgrammeInfo };

/** Verdicts of one check, in the order README "Checking links" tries them: the first that applies wins. */
export const LINK_STATUSES = [
  'blocked',
  'timeout',
  'redirect_loop',
  'too_many_redirects',
  'not_tracking',
  'broken',
  'inconclusive',
  'wrong_destination',
  'warning',
  'ok',
] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Extra statuses a bulk run gives rows it could not check. */
type BulkOnlyStatus = 'invalid' | 'not_checked';

/** A network the checker knows a link by: the registry's ids. */
export type NetworkName = NetworkId;
export type Device = 'desktop' | 'mobile';

/** One response of the chain: `step` from 1, the URL requested and the status it answered. */
interface RedirectStep {
  step: number;
  status: number;
  url: string;
}

/** What one check gives back (README "Checking links", output keys used as is). */
export interface LinkCheckResult {
  url: string;
  healthy: boolean;
  status: LinkStatus;
  /** Plain words for a no-code user: what happened and what to do. */
  reason: string;
  /** The last URL requested ('' when nothing was requested). */
  final_url: string;
  /** Status of the response that ended the chain; null when the chain had no final answer. */
  final_status: number | null;
  /** Host of the landing page; '' when the chain had no final answer. */
  landing_domain: string;
  /** Number of redirects followed. */
  hops: number;
  redirects: RedirectStep[];
  /** Whether the network's click id reached the landing page; null where the network has no fixed name for it. */
  click_id_found: boolean | null;
  network: NetworkName | '';
  /** What the network's API says about the programme or offer, as the caller gave it ('' when not asked). */
  programme_status: string;
  elapsed_ms: number;
  /** ISO-8601 time the check started. */
  checked_at: string;
}

/** One row's answer in a bulk run: a check result, or a row that was invalid or not started in time. */
export interface BulkLinkCheckResult extends Omit<LinkCheckResult, 'status'> {
  status: LinkStatus | BulkOnlyStatus;
}

/** Tracking domains of connected networks, which count as that network's own hosts. */
export type NetworkDomains = Partial<Record<NetworkName, readonly string[]>>;

/** One resolved address, as `dns.lookup(name, { all: true })` gives it. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to all its A and AAAA addresses. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Runs `task` when the host has a free slot (bulk: at most 4 requests at a time per host). */
export type HostGate = <T>(host: string, task: () => Promise<T>) => Promise<T>;
