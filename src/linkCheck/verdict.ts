import { NETWORK_LABELS } from '../connection/registry';
import { hostMatches } from '../core/url';
import { plural } from '../core/text';
// Turning a followed chain into the verdict (README "Checking links"): the first status that applies, and a reason in
// plain words that says what happened and what to do about it.
import type { Chain } from './fetch';
import { isHomePage, isNetworkHost } from './network';
import type { LinkStatus, NetworkName, ProgrammeInfo } from './types';

export interface VerdictInput {
  chain: Chain;
  network: NetworkName | '';
  /** Hosts that belong to the link's network (its click servers). */
  networkHosts: readonly string[];
  /** Normalised expected landing domains; [] when none is known. */
  expectedDomains: readonly string[];
  /** The page a deep link asked for, or null for other links. */
  deepLink: URL | null;
  programme?: ProgrammeInfo;
  /** Name of the network's click id parameter, and whether it reached the landing page. */
  clickIdParam: string | null;
  clickIdFound: boolean | null;
  /** Why the check had less than its full time: the run's deadline, or its own 20 s. */
  checkLimitedBy: 'run' | 'check';
  checkSeconds: number;
}

export interface Verdict {
  status: LinkStatus;
  reason: string;
}

const NETWORK_NAMES: Readonly<Record<NetworkName, string>> = NETWORK_LABELS;

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}

function stepWords(chain: Chain): string {
  const step = chain.hops.length + 1;
  return step === 1 ? 'at the first step' : `at step ${step}`;
}

const STATUS_WORDS: Readonly<Record<number, string>> = {
  400: 'bad request',
  401: 'login required',
  404: 'page not found',
  405: 'method not allowed',
  408: 'request timeout',
  410: 'page gone',
  451: 'unavailable for legal reasons',
  500: 'server error',
  502: 'bad gateway',
  503: 'service unavailable',
  504: 'gateway timeout',
};

function statusWords(status: number): string {
  const words = STATUS_WORDS[status];
  return words ? `${status} (${words})` : String(status);
}

/** Reason for a failure before any final answer: blocked, timeout, loop, too many, no connection. */
function chainFailure(input: VerdictInput): Verdict | undefined {
  const { chain } = input;
  const end = chain.end;
  switch (end.kind) {
    case 'blocked': {
      const where =
        chain.hops.length === 0
          ? 'The link was not opened'
          : `The link was stopped at step ${chain.hops.length + 1}, where it redirects to ${end.url}`;
      const rule =
        end.rule === 'port'
          ? 'For safety, links are only followed on the web ports 80 and 443, never to other ' +
            'services a server runs.'
          : 'For safety, links to private or internal addresses are never opened.';
      return {
        status: 'blocked',
        reason: `${where}: ${end.reason}. ${rule} Check that this is the link the network gave you.`,
      };
    }
    case 'timeout': {
      const host = hostOf(end.url);
      if (end.limit === 'hop') {
        return {
          status: 'timeout',
          reason:
            `${host} did not answer within 5 seconds ${stepWords(chain)}, so the check stopped. ` +
            'The site may be slow or down: try again later.',
        };
      }
      return {
        status: 'timeout',
        reason:
          input.checkLimitedBy === 'run'
            ? `The run ran out of time while waiting for ${host} ${stepWords(chain)}. ` +
              'Check this link again on its own.'
            : `The check ran out of time (${input.checkSeconds} seconds) while waiting for ${host} ` +
              `${stepWords(chain)}. The chain is slow: try again later.`,
      };
    }
    case 'loop':
      return {
        status: 'redirect_loop',
        reason:
          `The link goes round in circles: step ${chain.hops.length} sends it back to ${end.url}, ` +
          'which it had already visited, so visitors never arrive. Tell the network or the advertiser.',
      };
    case 'too_many':
      return {
        status: 'too_many_redirects',
        reason:
          `The link redirected ${chain.redirectsFollowed} times and then asked for one more (to ` +
          `${end.url}), so the check stopped: browsers give up on chains this long. Ask the ` +
          'network or the advertiser to shorten it.',
      };
    default:
      return undefined;
  }
}

function brokenReason(input: VerdictInput): string | undefined {
  const { chain } = input;
  const end = chain.end;
  const last = chain.hops[chain.hops.length - 1];
  if (end.kind === 'failed') {
    const host = hostOf(end.url);
    const where = stepWords(chain);
    switch (end.failure) {
      case 'dns':
        return (
          `The address ${host} could not be found ${where} (DNS failure): the site may be gone ` +
          'or the link mistyped. Replace the link or ask the network for a new one.'
        );
      case 'tls':
        return (
          `The secure connection to ${host} failed ${where} (certificate or TLS problem, ` +
          `${end.detail}): visitors would see a security warning. Tell the advertiser.`
        );
      case 'protocol':
        return `${host} answered ${where} with something that is not a web page. Tell the advertiser.`;
      default:
        return (
          `${host} refused or dropped the connection ${where} (${end.detail}): the site may be ` +
          'down. Try again later; if it keeps failing, replace the link.'
        );
    }
  }
  if (end.kind === 'bad_redirect') {
    return end.location === undefined
      ? `Step ${chain.hops.length} answered ${last.status} (a redirect) without saying where to ` +
          'go, so visitors are stuck there. Tell the network or the advertiser.'
      : `Step ${chain.hops.length} redirects to "${end.location}", which is not a valid web ` +
          'address. Tell the network or the advertiser.';
  }
  if (end.kind !== 'answered' || !last) return undefined;
  const { status } = last;
  // 403 and 429 are usually bot walls: inconclusive, judged after this.
  if (status === 403 || status === 429) return undefined;
  if (status >= 400) {
    const what = status >= 500 ? "the site's server failed" : 'visitors get an error page';
    return (
      `The link ends on ${last.url}, which answered ${statusWords(status)}: ${what}. ` +
      'Replace the link, or tell the advertiser if the page should exist.'
    );
  }
  if (status < 200 || status > 299) {
    return (
      `The link ends on ${last.url}, which answered ${status}, an answer a browser cannot ` +
      'show as a page. Tell the network or the advertiser.'
    );
  }
  if (input.network !== '' && isNetworkHost(hostOf(last.url), input.networkHosts)) {
    return (
      `The link ends on ${NETWORK_NAMES[input.network]}'s own site (${hostOf(last.url)}) instead ` +
      "of the advertiser's: usually the programme is closed, the link is no longer active or the " +
      'click was refused. Check the programme in your network account.'
    );
  }
  return undefined;
}

function wrongDestinationReason(input: VerdictInput): string | undefined {
  const { chain } = input;
  const last = chain.hops[chain.hops.length - 1];
  if (chain.end.kind !== 'answered' || !last) return undefined;
  const landing = new URL(last.url);
  const host = landing.hostname.toLowerCase();
  if (
    input.expectedDomains.length > 0 &&
    !input.expectedDomains.some((d) => hostMatches(host, d))
  ) {
    return (
      `The link lands on ${host}, not on ${input.expectedDomains.join(' or ')} as expected. The ` +
      'network may be sending clicks to another offer or a fallback page (results can also differ ' +
      "by country and device). Check the link and the advertiser's domain."
    );
  }
  if (input.deepLink && input.deepLink.pathname !== '/' && isHomePage(landing)) {
    return (
      `The link asks for a specific page (${input.deepLink.pathname}) but lands on the home page ` +
      `of ${host}. The advertiser may not accept deep links to that page, or the page is gone: ` +
      "check the destination, or use the advertiser's default link."
    );
  }
  return undefined;
}

function warningReasons(input: VerdictInput): string[] {
  const { chain } = input;
  const reasons: string[] = [];
  const last = chain.hops[chain.hops.length - 1];
  if (chain.end.kind === 'app') {
    const scheme = chain.end.target.split(':')[0];
    reasons.push(
      `Step ${chain.hops.length} hands over to an app or app store (a "${scheme}:" link), which a ` +
        'check cannot follow. Try the link on a phone to be sure.',
    );
  }
  if (input.clickIdFound === false && input.clickIdParam && input.network !== '') {
    reasons.push(
      `The link works, but ${NETWORK_NAMES[input.network]}'s click id (${input.clickIdParam}) did ` +
        'not reach the landing page (a redirect on the way dropped it), so sales may not be ' +
        'credited to you. Tell the advertiser.',
    );
  }
  if (chain.end.kind === 'answered' && chain.end.javascriptRedirect && last) {
    reasons.push(
      `The page ${last.url} moves on with JavaScript, which the check does not run, so the rest ` +
        'of the way was not checked. Open the link in a browser to be sure.',
    );
  }
  return reasons;
}

/** Applies the statuses in order; the first that applies wins. */
/** What to do about a programme or offer that does not track, by what the network calls it. */
export function untrackedAdvice(status: string): string {
  const said = status.toLowerCase();
  if (said.startsWith('expired')) {
    return 'The offer has ended: take the link down, or pick another offer.';
  }
  if (said === 'pending') {
    return (
      'Your application is still waiting for approval: use the link once it is approved, or ' +
      'pick another offer.'
    );
  }
  if (said === 'paused') return 'Wait until the offer runs again, or pick another offer.';
  if (said.startsWith('joined')) {
    return "Wait until the advertiser's link status is Active again, or pick another programme.";
  }
  return 'Rejoin it or pick another offer before using the link.';
}

export function judge(input: VerdictInput): Verdict {
  const failure = chainFailure(input);
  if (failure) return failure;

  const { chain, programme } = input;
  if (programme?.notTracking) {
    return {
      status: 'not_tracking',
      reason:
        `The network reports this programme or offer as "${programme.status}", so clicks on this ` +
        `link are not tracked or paid. ${untrackedAdvice(programme.status)}`,
    };
  }

  const broken = brokenReason(input);
  if (broken) return { status: 'broken', reason: broken };

  const last = chain.hops[chain.hops.length - 1];
  if (chain.end.kind === 'answered' && last && (last.status === 403 || last.status === 429)) {
    const what = last.status === 403 ? 'access refused' : 'too many requests';
    return {
      status: 'inconclusive',
      reason:
        `${hostOf(last.url)} answered ${last.status} (${what}): usually a bot wall that stops ` +
        'automated checks but lets people through. Open the link in a browser to be sure.',
    };
  }

  const wrong = wrongDestinationReason(input);
  if (wrong) return { status: 'wrong_destination', reason: wrong };

  const warnings = warningReasons(input);
  if (warnings.length > 0) return { status: 'warning', reason: warnings.join(' ') };

  const redirects = plural(chain.redirectsFollowed, 'redirect', 'redirects');
  const clickId = input.clickIdFound ? ` with the click id (${input.clickIdParam})` : '';
  return {
    status: 'ok',
    reason: `The link works: it lands on ${hostOf(last.url)} (status ${last.status}) after ${redirects}${clickId}.`,
  };
}
