import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { chooseMatch } from '../src/anyUrl/commissionLookup';
import {
  networkField,
  preferField,
  accountFields,
  readNetworkFilter,
  readPrefer,
  readShopUrl,
  readTrackingRef,
  trackingRefField,
  urlField,
} from '../src/anyUrl/fields';
import { makeUrlLink } from '../src/anyUrl/links';
import { type UrlTrackingLink } from '../src/anyUrl/outputs';

import { noMatch } from '../src/anyUrl/plan';

import { findMatches, planSearch } from '../src/anyUrl/plan';

/**
 * The best match for the URL's host across the connected networks (longest domain; ties Awin,
 * Everflow, Offerslook; with `prefer: commission` the match that pays more, when every match's
 * commission is known and of one kind) gets the link: an Awin deep link to the exact URL for the
 * account that joined the programme, the Everflow partner link of the offer URL that fits, or the
 * Offerslook offer's link. No match stops this run with HaltedError, so a Zap working through a
 * sheet carries on with the next row.
 */
const perform = async (z: ZObject, bundle: Bundle): Promise<UrlTrackingLink> => {
  const { url, host } = readShopUrl(z, bundle.inputData.url);
  const plan = planSearch(z, bundle, readNetworkFilter(z, bundle.inputData.network));
  const prefer = readPrefer(z, bundle.inputData.prefer);
  const ref = readTrackingRef(z, bundle.inputData.tracking_ref, plan.networks);
  const matches = await findMatches(z, bundle, url, plan);
  if (matches.length === 0) throw noMatch(z, host, plan);
  const choice = await chooseMatch(z, bundle, matches, prefer);
  return makeUrlLink(z, bundle, url, ref, choice.matches, choice);
};

const sample: UrlTrackingLink = {
  url:
    'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
    '&ued=https%3A%2F%2Fshop.acmeshoes.example%2Ftrainers%2Frunner-2&clickref=row-42',
  network: 'awin',
  advertiser_id: 1001,
  advertiser_name: 'Acme Shoes',
  destination_url: 'https://shop.acmeshoes.example/trainers/runner-2',
  matched_domain: 'shop.acmeshoes.example',
  commission: '5%–8% or GBP 1.50–18.00',
  publisher_id: '100001',
  chosen_by: 'domain',
};

export default defineCreate({
  key: 'tracking_link_for_url',
  noun: 'Tracking Link',
  display: {
    label: 'Generate Tracking Link for Any URL',
    description:
      'Creates an affiliate tracking link for any product or shop URL, on whichever connected ' +
      'network has that shop: an advertiser you joined or an offer you can run.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [urlField, networkField, ...accountFields, preferField, trackingRefField],
    sample,
    outputFields: [
      { key: 'url', label: 'Tracking Link', type: 'string' },
      { key: 'network', label: 'Network', type: 'string' },
      { key: 'advertiser_id', label: 'Advertiser or Offer ID', type: 'integer' },
      { key: 'advertiser_name', label: 'Advertiser or Offer Name', type: 'string' },
      { key: 'destination_url', label: 'Destination URL', type: 'string' },
      { key: 'matched_domain', label: 'Matched Domain', type: 'string' },
      { key: 'commission', label: 'Commission', type: 'string' },
      { key: 'publisher_id', label: 'Awin Publisher Account', type: 'string' },
      { key: 'chosen_by', label: 'Chosen By', type: 'string' },
    ],
  },
});
