import { type Bundle, type ZObject } from 'zapier-platform-core';
import { connectedNetworks, NETWORK_LABELS, type NetworkId } from '../connection/registry';
import { userMessage, withReason } from '../core/errors';
import { invalidInput, optionalPositiveInt } from '../core/input';
import { orList } from '../core/text';
import { needsKeyTypeMessage } from '../everflow/errors';
import { everflowKeyType } from '../everflow/keyType';

import { loadDirectories, type Candidate, type Directory } from './directory';

import { NETWORK_LABEL, PUBLISHER_LABEL } from './fields';

import { displayDomain, rankMatches, type Ranked } from './match';

// --- which networks to look on --------------------------------------------------------------------

export interface SearchPlan {
  /** The networks to read, in tie-break order. */
  networks: NetworkId[];
  /** The user restricted the step to one network. */
  filtered: boolean;
  /** Everflow is connected with a network key, which has no affiliate to link for. */
  everflowNetworkKey: boolean;
  /** The step's Awin Publisher Account; without it the connection's default or every account. */
  awinPublisherId?: number;
}

function notConnectedMessage(network: NetworkId): string {
  const label = NETWORK_LABELS[network];
  return (
    `Network is set to ${label}, but this connection has no ${label} credentials. Clear Network ` +
    `to look on every network in the connection, or reconnect with your ${label} details.`
  );
}

const EVERFLOW_NETWORK_KEY_REASON =
  'An Everflow network key has no affiliate of its own to make links for. ';

function nothingToSearchMessage(everflowNetworkKey: boolean): string {
  const start = everflowNetworkKey
    ? `This connection only holds an Everflow network key. ${EVERFLOW_NETWORK_KEY_REASON}`
    : 'This connection holds no network credentials. ';
  return (
    `${start}Matching a URL needs an Awin API token, an Everflow partner (affiliate) key or ` +
    'Offerslook details: reconnect with at least one of them.'
  );
}

/**
 * Decides, before any request, which networks a URL is matched on: the connected ones, or the
 * one the step names. Everflow counts only with a partner key (a network key has no affiliate).
 */
export function planSearch(
  z: ZObject,
  bundle: Bundle,
  filter: NetworkId | undefined,
  publisherId?: unknown,
): SearchPlan {
  const awinPublisherId = optionalPositiveInt(z, publisherId, PUBLISHER_LABEL);
  const connected = connectedNetworks(bundle.authData);
  const everflowNetworkKey =
    connected.includes('everflow') &&
    everflowKeyType(z, bundle.authData.everflow_api_type) === 'network';
  if (filter !== undefined && !connected.includes(filter)) {
    throw invalidInput(z, notConnectedMessage(filter));
  }
  if (filter === 'everflow' && everflowNetworkKey) {
    throw invalidInput(
      z,
      EVERFLOW_NETWORK_KEY_REASON +
        needsKeyTypeMessage(
          'Matching a URL to an Everflow offer needs',
          'affiliate',
          'Clear Network, or',
        ),
    );
  }
  const usable = connected.filter((network) => network !== 'everflow' || !everflowNetworkKey);
  const networks = filter === undefined ? usable : [filter];
  if (networks.length === 0) throw invalidInput(z, nothingToSearchMessage(everflowNetworkKey));
  const plan = { networks, filtered: filter !== undefined, everflowNetworkKey };
  return awinPublisherId === undefined ? plan : { ...plan, awinPublisherId };
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

async function outcome(
  z: ZObject,
  bundle: Bundle,
  network: NetworkId,
  awinPublisherId?: number,
): Promise<Outcome> {
  try {
    return { network, directories: await loadDirectories(z, bundle, network, awinPublisherId) };
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
    plan.networks.map((network) => outcome(z, bundle, network, plan.awinPublisherId)),
  );
  const failed = outcomes.filter((result) => result.error !== undefined);
  const fatal = failed.find((result) => mustStop(z, result.error));
  if (fatal) throw fatal.error;

  // Awin accounts come lowest id first, so on a tie the lowest account that joined a programme wins.
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
function noMatchMessage(host: string, plan: SearchPlan): string {
  const labels = plan.networks.map((network) => NETWORK_LABELS[network]);
  const where = plan.filtered ? labels[0] : `your connected networks (${labels.join(', ')})`;
  const fix = plan.filtered
    ? `Join its programme on ${labels[0]}, or clear ${NETWORK_LABEL} to look on every connected network.`
    : `Join its programme on ${orList(labels)}, or check the URL.`;
  const everflow =
    plan.everflowNetworkKey && !plan.filtered
      ? ' Everflow offers are matched only with a partner (affiliate) key, not a network key.'
      : '';
  return (
    `No joined advertiser or runnable offer on ${where} sells from ${displayDomain(host)}. ` +
    `${fix}${everflow}`
  );
}

/** Stops this run, without turning the Zap off, when no connected network sells from the URL's shop. */
export function noMatch(z: ZObject, host: string, plan: SearchPlan): Error {
  return withReason(new z.errors.HaltedError(noMatchMessage(host, plan)), { kind: 'no_match' });
}
