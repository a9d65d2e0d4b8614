import type { OfferslookOffer } from './offerslook';

/** How an Offerslook offer looks in the output of the search and the polling trigger. */
export type OfferslookOfferOutput = {
  id: number;
  name: string;
  status: string | null;
  offer_approval: number | null;
  preview_url: string | null;
};

export function offerOutput(offer: OfferslookOffer): OfferslookOfferOutput {
  return {
    id: offer.id,
    name: offer.name,
    status: offer.status,
    offer_approval: offer.offer_approval,
    preview_url: offer.preview_url,
  };
}

export const offerSample: OfferslookOfferOutput = {
  id: 16,
  name: 'Acme Shoes US',
  status: 'active',
  offer_approval: 2,
  preview_url: 'https://www.acmeshoes.example/us',
};

export const offerOutputFields = [
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
export function offerChoice(offer: OfferslookOffer): { id: string; name: string } {
  return { id: String(offer.id), name: `${offer.name} (${offer.id})` };
}
