import { impressionUrl } from './pixel';

import { type OfferslookOffer, type OfferslookTrackingLink } from './schemas';

export type OfferslookLink = {
  offer_id: number;
  url: string;
  impression_pixel: string | null;
  impression_url: string | null;
};

export type OfferslookTrackingLinks = {
  links: OfferslookLink[];
  missing_offer_ids: number[];
  missing_offer_ids_hint: string;
  url: string | null;
};

const HINT_IDS_SHOWN = 20;

/** Why some offers have no link, in words a user can act on; '' when none are missing. */
/** "16, 102 and 3 more": the first ids of a list, then how many more. */
function listIds(ids: readonly number[]): string {
  const listed = ids.slice(0, HINT_IDS_SHOWN).join(', ');
  return ids.length > HINT_IDS_SHOWN ? `${listed} and ${ids.length - HINT_IDS_SHOWN} more` : listed;
}

export function missingHint(missing: number[]): string {
  if (missing.length === 0) return '';
  const one = missing.length === 1;
  return (
    `Offerslook returned no link for ${one ? 'offer' : 'offers'} ${listIds(missing)}: an offer must be ` +
    `approved for you or public. Ask your network to approve ${one ? 'it' : 'them'}, ` +
    'or check the IDs.'
  );
}

/** Ids a run asked for and got no answer about: not reached in time (`late`), or failed. */
export interface UnmadeIds {
  ids: readonly number[];
  message: string;
  late: boolean;
}

/** Lays the answers out in the order of the requested ids and lists the ids left out. */
export function trackingLinksOutput(
  ids: number[],
  answers: OfferslookTrackingLink[],
  /** Ids whose call was not made in time (`late`) or failed, with the reason. */
  unmade: readonly UnmadeIds[] = [],
): OfferslookTrackingLinks {
  const byId = new Map<number, OfferslookTrackingLink>();
  for (const answer of answers) if (!byId.has(answer.offer_id)) byId.set(answer.offer_id, answer);
  const links = ids.flatMap((id): OfferslookLink[] => {
    const answer = byId.get(id);
    if (answer === undefined) return [];
    const { url, impression_pixel } = answer;
    return [
      { offer_id: id, url, impression_pixel, impression_url: impressionUrl(impression_pixel) },
    ];
  });
  const missing = ids.filter((id) => !byId.has(id));
  const unmadeSet = new Set(unmade.flatMap((group) => group.ids));
  const refused = missing.filter((id) => !unmadeSet.has(id));
  const notReached = unmade.filter((group) => group.late).flatMap((group) => group.ids);
  const lateHint =
    notReached.length === 0
      ? ''
      : `Offers ${listIds(notReached)} were not processed: this run reached the time Zapier allows one ` +
        'step (30 seconds) before them. Run the step again for them, or split the list.';
  const failedHints = unmade
    .filter((group) => !group.late)
    .map((group) => `Offers ${listIds(group.ids)} got no link: ${group.message}`);
  return {
    links,
    missing_offer_ids: missing,
    missing_offer_ids_hint: [missingHint(refused), lateHint, ...failedHints]
      .filter(Boolean)
      .join(' '),
    url: links[0]?.url ?? null,
  };
}

/** How an Offerslook offer looks in the output of the search and the polling trigger. */
export type OfferslookOfferOutput = {
  id: number;
  name: string;
  status: string | null;
  offer_approval: number | null;
  preview_url: string | null;
};

export function offerslookOfferOutput(offer: OfferslookOffer): OfferslookOfferOutput {
  return {
    id: offer.id,
    name: offer.name,
    status: offer.status,
    offer_approval: offer.offer_approval,
    preview_url: offer.preview_url,
  };
}

export const offerslookOfferSample: OfferslookOfferOutput = {
  id: 16,
  name: 'Acme Shoes US',
  status: 'active',
  offer_approval: 2,
  preview_url: 'https://www.acmeshoes.example/us',
};

export const offerslookOfferOutputFields = [
  { key: 'id', label: 'Offer ID' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  {
    key: 'offer_approval',
    label: 'Approval (1 Require Approval, 2 Public, 3 Private)',
    type: 'integer',
  },
  { key: 'preview_url', label: 'Preview URL', type: 'string' },
] as const;

/** "Name (id)", the label of an offer in dropdowns. */
export function offerslookOfferChoice(offer: OfferslookOffer): { id: string; name: string } {
  return { id: String(offer.id), name: `${offer.name} (${offer.id})` };
}
