import { genericProblem, type ApiProblem } from '../core/errors';

import { errorText } from '../core/errors';

/** The network's name as users read it, in messages and the connection label. */
export const AWIN_NAME = 'Awin';

export const AWIN_AUTH_HINT =
  'Reconnect Awin with a current API token: in Awin open your user menu → API Credentials ' +
  '(https://ui.awin.com/awin-api), copy the token and paste it into the connection.';

/** Awin's ways of saying "this advertiser does not allow deep links". */
export function awinDeepLinkRefused(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return false;
  const record = body as Record<string, unknown>;
  if (record.destinationUrl === 'deeplinkNotPermitted') return true;
  const text = errorText(body) ?? '';
  return /unknown error!/i.test(text);
}

/** The reason code of a deep-link refusal, for callers that react to it. */
export const DEEP_LINK_REFUSED = 'deep_link_refused';

export function deepLinkRefusedMessage(advertiserId: number): string {
  return (
    `Awin advertiser ${advertiserId} does not allow deep links, so Awin cannot build this link. ` +
    `Leave Destination URL empty to get the advertiser's default link, or choose another advertiser.`
  );
}

/** The reason code when an advertiser refuses the link builder as a whole. */
export const LINK_BUILDER_REFUSED = 'link_builder_refused';

export function linkBuilderRefusedMessage(advertiserId: number): string {
  return (
    `Awin advertiser ${advertiserId} does not let publishers make links with Awin's link builder ` +
    '(Awin answered "Unknown error!"). Use its default tracking link instead ("Default Tracking Link" ' +
    'in Find Awin Advertiser), or ask the advertiser to allow it.'
  );
}

/** The reason code when the publisher account has not joined the advertiser's programme. */
export const NOT_JOINED = 'not_joined';

/** Awin's way of saying "this account is not joined to that advertiser" (a 400 on a link call). */
function awinNotJoined(status: number, body: unknown): boolean {
  return status === 400 && /\bnot (yet )?joined\b/i.test(errorText(body) ?? '');
}

export function notJoinedMessage(advertiserId: number, publisherId?: number): string {
  const account = publisherId === undefined ? 'Your Awin account' : `Awin account ${publisherId}`;
  return (
    `${account} has not joined advertiser ${advertiserId}'s programme, so Awin will not make a link ` +
    'for it. Join the programme in Awin (Advertisers → Join Programmes) and wait until it is ' +
    'approved, or pick an advertiser you have joined from the Advertiser list.'
  );
}

/** Awin-specific reading of an error answer (used for whole calls and for batch items). */
export function awinProblem(
  status: number,
  body: unknown,
  context: { advertiserId?: number; publisherId?: number; deepLink?: boolean },
): ApiProblem {
  // "Unknown error!" for a link without a destination: no deep link was asked for, so the
  // advertiser refuses the link builder itself, and leaving the destination empty cannot help.
  if (
    context.advertiserId !== undefined &&
    context.deepLink === false &&
    awinDeepLinkRefused(body)
  ) {
    return {
      kind: 'rejected',
      code: LINK_BUILDER_REFUSED,
      status,
      message: linkBuilderRefusedMessage(context.advertiserId),
    };
  }
  if (context.advertiserId !== undefined && awinDeepLinkRefused(body)) {
    return {
      kind: 'rejected',
      code: DEEP_LINK_REFUSED,
      status,
      message: deepLinkRefusedMessage(context.advertiserId),
    };
  }
  if (context.advertiserId !== undefined && awinNotJoined(status, body)) {
    return {
      kind: 'rejected',
      code: NOT_JOINED,
      status,
      message: notJoinedMessage(context.advertiserId, context.publisherId),
    };
  }
  if (status === 403 && context.publisherId !== undefined) {
    return {
      kind: 'forbidden',
      status,
      message:
        `Awin refused access to publisher account ${context.publisherId} (403). Check that your Awin ` +
        `user can use this account; access granted in the last 10 minutes may not have reached Awin's API yet.`,
    };
  }
  return genericProblem(AWIN_NAME, status, body, AWIN_AUTH_HINT);
}
