import { inRun } from '../../src/core/run';
import { type Bundle, defineTrigger, type ZObject } from 'zapier-platform-core';
import { parsePositiveInt } from '../../src/core/input';
import { zapierPage } from '../../src/core/paging';
import { EverflowClient, pageParams } from '../../src/everflow/client';

import { type EverflowOffer } from '../../src/everflow/schemas';

type Choice = { id: string; name: string };

/** Offer URL 0 is Everflow's "the offer's default URL". */
const DEFAULT_OFFER_URL: Choice = { id: '0', name: 'Default offer URL' };

function partnerUrls(offers: EverflowOffer[], withOffer: boolean): Choice[] {
  return offers.flatMap((offer) =>
    offer.relationship.urls.map((url) => ({
      id: String(url.network_offer_url_id),
      name: `${withOffer ? `${offer.name}: ` : ''}${url.name} (${url.network_offer_url_id})`,
    })),
  );
}

async function networkChoices(everflow: EverflowClient, page: number, offerId?: number) {
  const urls = await everflow.offerUrls(pageParams(page), offerId);
  return urls
    .filter((url) => url.url_status !== 'deleted')
    .map((url) => {
      const offer =
        offerId === undefined && url.network_offer_id !== undefined
          ? `Offer ${url.network_offer_id}: `
          : '';
      return {
        id: String(url.network_offer_url_id),
        name: `${offer}${url.name} (${url.network_offer_url_id})`,
      };
    });
}

async function partnerChoices(everflow: EverflowClient, page: number, offerId?: number) {
  if (offerId === undefined) {
    return partnerUrls(await everflow.offers(pageParams(page)), true);
  }
  // One offer's URLs come in one answer: there is no second page.
  return page > 0 ? [] : partnerUrls([await everflow.partnerOffer(offerId)], false);
}

const perform = async (z: ZObject, bundle: Bundle): Promise<Choice[]> => {
  const everflow = new EverflowClient(z, bundle);
  const offerId = parsePositiveInt(bundle.inputData.network_offer_id);
  const page = zapierPage(bundle);
  const choices =
    everflow.keyType === 'network'
      ? await networkChoices(everflow, page, offerId)
      : await partnerChoices(everflow, page, offerId);
  return page > 0 ? choices : [DEFAULT_OFFER_URL, ...choices];
};

export default defineTrigger({
  key: 'everflow_offer_url_list',
  noun: 'Offer URL',
  display: {
    label: 'List Everflow Offer URLs',
    description:
      'Triggers when a landing page (offer URL) of the chosen offer is available, to fill the dropdown.',
    hidden: true,
  },
  operation: {
    type: 'polling',
    perform: inRun(perform),
    canPaginate: true,
    sample: { id: '11', name: 'Sandals page (11)' },
  },
});
