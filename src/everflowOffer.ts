import type { EverflowOffer } from './everflow';

/** How an Everflow offer looks in the output of the search and the polling trigger. */
export type EverflowOfferOutput = {
  id: number;
  network_offer_id: number;
  name: string;
  offer_status: string | null;
};

export function offerOutput(offer: EverflowOffer): EverflowOfferOutput {
  return {
    id: offer.network_offer_id,
    network_offer_id: offer.network_offer_id,
    name: offer.name,
    offer_status: offer.offer_status,
  };
}

export const offerSample: EverflowOfferOutput = {
  id: 1,
  network_offer_id: 1,
  name: 'Acme Shoes Summer Sale',
  offer_status: 'active',
};

export const offerOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'network_offer_id', label: 'Offer ID', type: 'integer' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'offer_status', label: 'Status', type: 'string' },
] as const;
