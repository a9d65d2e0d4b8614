import { type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { withReason, reasonOf } from '../core/errors';
import { invalidInput, optionalPositiveInt } from '../core/input';
import { type AnyUrlFeature, type Keep, type LinkRequest } from '../core/network';

import { AWIN_CLICKREF_MAX, AwinClient } from './client';
import { AWIN_NAME, DEEP_LINK_REFUSED } from './errors';
import { awinPublisherField } from './fields';
import { awinCommission } from './outputs';

/**
 * Awin in "Any URL → the right link": the joined programmes of each publisher account (valid
 * domains and display URL), what a programme pays the account that joined it, and a deep link to
 * the exact page for that account.
 */

export const awinAnyUrlPublisherField = {
  ...awinPublisherField,
  helpText:
    'The Awin publisher account whose joined programmes are matched and the link is for. Leave ' +
    "empty to use the connection's default; without one, every publisher account of your Awin " +
    'token is matched, and the link is for the account that joined the shop (the lowest account ' +
    'ID when several did).',
} as const satisfies PlainInputField;

const accountIdsSchema = zod.lazy(() => zod.array(zod.number().int().positive()));

/**
 * The publisher accounts whose programmes are matched: the one chosen in the step, else the
 * connection's default, else every publisher account of the token (lowest id first; the list of
 * accounts is kept like the programmes).
 */
async function accountIds(
  z: ZObject,
  bundle: Bundle,
  chosen: number | undefined,
  keep: Keep,
): Promise<number[]> {
  if (chosen !== undefined) return [chosen];
  const fromConnection = optionalPositiveInt(
    z,
    bundle.authData.awin_publisher_id,
    'Awin Publisher ID (in your connection)',
  );
  if (fromConnection !== undefined) return [fromConnection];
  const ids = await keep('accounts', accountIdsSchema, async () => {
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

function publisherOf(account: number | null): number {
  if (account === null) throw new Error('an Awin list or link needs its publisher account');
  return account;
}

async function makeLink(z: ZObject, bundle: Bundle, request: LinkRequest) {
  const { url, ref, target, alsoOn } = request;
  try {
    const answer = await new AwinClient(z, bundle).generate(publisherOf(target.account), {
      advertiserId: target.id,
      destinationUrl: url,
      ...(ref === undefined ? {} : { parameters: { clickref: ref } }),
    });
    return { url: answer.url, destination_url: url };
  } catch (error) {
    if (reasonOf(error)?.code !== DEEP_LINK_REFUSED) throw error;
    // A property of this shop, like "no match": stop this run without turning the Zap off.
    throw withReason(
      new z.errors.HaltedError(
        `Awin advertiser ${target.name} (${target.id}) does not allow deep links, so no Awin link ` +
          'can point to this exact page. Use "Generate Awin Tracking Link" without a Destination ' +
          `URL for its default link.${alsoOn}`,
      ),
      { network: AWIN_NAME, kind: 'rejected', code: DEEP_LINK_REFUSED },
    );
  }
}

export const awinAnyUrl: AnyUrlFeature = {
  needs: 'an Awin API token',
  unusable: () => undefined,
  accounts: {
    field: awinAnyUrlPublisherField,
    read: (z, value) => optionalPositiveInt(z, value, awinAnyUrlPublisherField.label),
    list: accountIds,
  },
  async directory(z, bundle, account) {
    const programmes = await new AwinClient(z, bundle).programmes(publisherOf(account), 'joined');
    return programmes.map((programme) => ({
      id: programme.id,
      name: programme.name,
      domains: [...programme.validDomains.map((valid) => valid.domain), programme.displayUrl],
      landings: [],
    }));
  },
  commission: {
    // From programme details, asked of the account that joined: an advertiser may pay two
    // accounts differently.
    async read(z, bundle, { account, id }) {
      const details = await new AwinClient(z, bundle).programmeDetails(publisherOf(account), id);
      return awinCommission(details.commissionRange, details.programmeInfo.currencyCode);
    },
  },
  trackingRef: {
    param: 'clickref',
    maxLength: AWIN_CLICKREF_MAX,
    said: 'a click reference (clickref)',
  },
  makeLink,
};
