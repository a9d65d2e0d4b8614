import { type Bundle, type ZObject } from 'zapier-platform-core';
import {
  connectedNetworks,
  NETWORK_LABELS,
  NETWORKS,
  networkById,
  type NetworkId,
} from '../connection/registry';
import { userMessage, withReason } from '../core/errors';
import { invalidInput } from '../core/input';
import { type Unusable } from '../core/network';
import { andList, orList } from '../core/text';

import { loadDirectories, type Candidate, type Directory } from './directory';

import { NETWORK_LABEL } from './fields';

import { displayDomain, rankMatches, type Ranked } from './match';

// --- which networks to look on --------------------------------------------------------------------

export interface SearchPlan {
  /** The networks to read, in tie-break order. */
  networks: NetworkId[];
  /** The user restricted the step to one network. */
  filtered: boolean;
  /** What "no match" adds about connected networks whose credentials cannot match URLs. */
  notes: string[];
  /** The account the step chose, on networks with several behind one credential. */
  accounts: Partial<Record<NetworkId, number>>;
}

function notConnectedMessage(network: NetworkId): string {
  const label = NETWORK_LABELS[network];
  return (
    `${NETWORK_LABEL} is set to ${label}, but this connection has no ${label} credentials. Clear ` +
    `${NETWORK_LABEL} to look on every network in the connection, or reconnect with your ${label} details.`
  );
}

function nothingToSearchMessage(unusable: readonly Unusable[]): string {
  const start =
    unusable.length > 0
      ? `This connection only holds ${andList(unusable.map((u) => u.holds))}. ` +
        `${unusable.map((u) => u.why).join(' ')} `
      : 'This connection holds no network credentials. ';
  const needs = orList(NETWORKS.map((network) => network.anyUrl.needs));
  return `${start}Matching a URL needs ${needs}: reconnect with at least one of them.`;
}

/** The step's account on each network that has several, read (and checked) before any request. */
function chosenAccounts(z: ZObject, bundle: Bundle): Partial<Record<NetworkId, number>> {
  const chosen: Partial<Record<NetworkId, number>> = {};
  for (const network of NETWORKS) {
    const choice = network.anyUrl.accounts;
    const account = choice?.read(z, bundle.inputData[choice.field.key]);
    if (account !== undefined) chosen[network.id] = account;
  }
  return chosen;
}

/**
 * Decides, before any request, which networks a URL is matched on: the connected ones whose
 * credentials can match URLs (each network says when they cannot), or the one the step names.
 */
export function planSearch(z: ZObject, bundle: Bundle, filter: NetworkId | undefined): SearchPlan {
  const accounts = chosenAccounts(z, bundle);
  const connected = connectedNetworks(bundle.authData);
  const unusable = new Map<NetworkId, Unusable>();
  for (const network of connected) {
    const why = networkById(network).anyUrl.unusable(z, bundle.authData);
    if (why) unusable.set(network, why);
  }
  if (filter !== undefined && !connected.includes(filter)) {
    throw invalidInput(z, notConnectedMessage(filter));
  }
  const refused = filter === undefined ? undefined : unusable.get(filter);
  if (refused) throw invalidInput(z, refused.refusal(`Clear ${NETWORK_LABEL}`));
  const usable = connected.filter((network) => !unusable.has(network));
  const networks = filter === undefined ? usable : [filter];
  if (networks.length === 0) throw invalidInput(z, nothingToSearchMessage([...unusable.values()]));
  const notes = filter === undefined ? [...unusable.values()].map((u) => u.note) : [];
  return { networks, filtered: filter !== undefined, notes, accounts };
}

// --- matching -------------------------------------------------------------------------------------

export interface Match extends Ranked<Candidate> {
  directory: Directory;
}

type Outcome =
  | { network: NetworkId; directories: Directory[]; error?: undefined }
  | { network: NetworkId; directories?: undefined; error: unknown };

/** Errors that stop the step even when another network matched: reconnect, or retry later. */
function mustStop(z: ZObject, error: unknown): boolean {
  return error instanceof z.errors.ExpiredAuthError || error instanceof z.errors.ThrottledError;
}

export async function outcome(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  account?: number,
): Promise<Outcome> {
  try {
    return { network, directories: await loadDirectories(z, bundle, network, account) };
  } catch (error) {
    return { network, error };
  }
}

/**
 * Every candidate on the planned networks whose domains match the URL's host, best first.
 *
 * A network whose list cannot be read: an expired credential or a rate limit stops the step (the
 * user must reconnect; Zapier retries a throttled step), so a result is never silently partial for
 * those. Any other failure is logged and skipped when another network matched, and thrown when
 * nothing matched, so "nothing found" is never reported because a network was down.
 */
export async function findMatches(
  z: ZObject,
  bundle: Bundle,
  url: string,
  plan: SearchPlan,
): Promise<Match[]> {
  const outcomes = await Promise.all(
    plan.networks.map((network) => outcome(z, bundle, network, plan.accounts[network])),
  );
  const failed = outcomes.filter((result) => result.error !== undefined);
  const fatal = failed.find((result) => mustStop(z, result.error));
  if (fatal) throw fatal.error;

  // Accounts come lowest id first, so on a tie the lowest account that joined a programme wins.
  const directories = outcomes.flatMap((result) => result.directories ?? []);
  const candidates = directories.flatMap((directory) =>
    directory.candidates.map((item) => ({ ...item, directory })),
  );
  const matches = rankMatches(url, candidates).map(({ candidate: found, matchedDomain }) => {
    const { directory, ...item } = found;
    return { candidate: item, matchedDomain, directory };
  });
  if (matches.length === 0 && failed.length > 0) throw failed[0].error;
  for (const skipped of failed) {
    z.console.log(
      `Skipped ${NETWORK_LABELS[skipped.network]} while matching this URL: ${userMessage(skipped.error)}`,
    );
  }
  return matches;
}

/** "No joined advertiser … sells from shop.example", with what the user can do. */
export function noMatchMessage(host: string, plan: SearchPlan): string {
  const labels = plan.networks.map((network) => NETWORK_LABELS[network]);
  const where = plan.filtered ? labels[0] : `your connected networks (${labels.join(', ')})`;
  const fix = plan.filtered
    ? `Join its programme on ${labels[0]}, or clear ${NETWORK_LABEL} to look on every connected network.`
    : `Join its programme on ${orList(labels)}, or check the URL.`;
  const notes = plan.notes.map((note) => ` ${note}`).join('');
  return (
    `No joined advertiser or runnable offer on ${where} sells from ${displayDomain(host)}. ` +
    `${fix}${notes}`
  );
}

/** Stops this run, without turning the Zap off, when no connected network sells from the URL's shop. */
export function noMatch(z: ZObject, host: string, plan: SearchPlan): Error {
  return withReason(new z.errors.HaltedError(noMatchMessage(host, plan)), { kind: 'no_match' });
}
