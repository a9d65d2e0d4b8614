import { inRun } from '../src/core/run';
import { type Bundle, defineSearch, type ZObject } from 'zapier-platform-core';
import { commissionsOf } from '../src/anyUrl/commissionLookup';
import {
  networkField,
  accountFields,
  readNetworkFilter,
  readShopUrl,
  urlField,
} from '../src/anyUrl/fields';
import { type AdvertiserMatch, advertiserMatch } from '../src/anyUrl/outputs';

import { findMatches, planSearch } from '../src/anyUrl/plan';

/**
 * Every joined Awin advertiser (on every publisher account of the token, unless the step or the
 * connection names one) and runnable Everflow (partner key) or Offerslook offer whose domains
 * match the URL's host, best match first, each with what it pays; `[]` when none does. The lists
 * and commissions come from Zapier's cache when a run in the last 15 minutes read them.
 */
const perform = async (z: ZObject, bundle: Bundle): Promise<AdvertiserMatch[]> => {
  const { url } = readShopUrl(z, bundle.inputData.url);
  const plan = planSearch(z, bundle, readNetworkFilter(z, bundle.inputData.network));
  const matches = await findMatches(z, bundle, url, plan);
  const commissions = await commissionsOf(z, bundle, matches);
  return matches.map((match, index) => advertiserMatch(match, commissions[index]));
};

const sample: AdvertiserMatch = {
  id: 'awin:100001:1001',
  network: 'awin',
  advertiser_id: 1001,
  advertiser_name: 'Acme Shoes',
  matched_domain: 'shop.acmeshoes.example',
  commission: '5%–8% or GBP 1.50–18.00',
  publisher_id: '100001',
};

export default defineSearch({
  key: 'advertiser_for_url',
  noun: 'Advertiser',
  display: {
    label: 'Find Advertiser for URL',
    description:
      'Finds the advertisers and offers on your connected networks that sell from the domain of a ' +
      'product or shop URL, best match first, with what each pays.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [urlField, networkField, ...accountFields],
    sample,
    outputFields: [
      { key: 'id', label: 'Match ID', type: 'string' },
      { key: 'network', label: 'Network', type: 'string' },
      { key: 'advertiser_id', label: 'Advertiser or Offer ID', type: 'integer' },
      { key: 'advertiser_name', label: 'Advertiser or Offer Name', type: 'string' },
      { key: 'matched_domain', label: 'Matched Domain', type: 'string' },
      { key: 'commission', label: 'Commission', type: 'string' },
      { key: 'publisher_id', label: 'Awin Publisher Account', type: 'string' },
    ],
  },
});
