import { type EverflowCoupon, type EverflowOffer } from './schemas';

/** Everflow dates as ISO-8601: dates stay dates, "date time" gets a T, Unix seconds become UTC. */
export function isoDate(value: string | number | null): string | null {
  if (value === null || value === '' || value === 0) return null;
  if (typeof value === 'number') return new Date(value * 1000).toISOString();
  const text = value.trim();
  if (/^0000-00-00/.test(text)) return null;
  if (/^\d+$/.test(text)) return isoDate(Number(text));
  const dateTime = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(:\d{2})?)(.*)$/.exec(text);
  if (dateTime) return `${dateTime[1]}T${dateTime[2]}${dateTime[4]}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? text : new Date(parsed).toISOString();
}

/** How an Everflow offer looks in the output of the search and the polling trigger. */
export type EverflowOfferOutput = {
  id: number;
  network_offer_id: number;
  name: string;
  offer_status: string | null;
};

export function everflowOfferOutput(offer: EverflowOffer): EverflowOfferOutput {
  return {
    id: offer.network_offer_id,
    network_offer_id: offer.network_offer_id,
    name: offer.name,
    offer_status: offer.offer_status,
  };
}

export const everflowOfferSample: EverflowOfferOutput = {
  id: 1,
  network_offer_id: 1,
  name: 'Acme Shoes Summer Sale',
  offer_status: 'active',
};

export const everflowOfferOutputFields = [
  { key: 'id', label: 'ID' },
  { key: 'network_offer_id', label: 'Offer ID', type: 'integer' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'offer_status', label: 'Status', type: 'string' },
] as const;

export type EverflowCouponOutput = {
  id: number;
  coupon_code: string;
  tracking_link: string | null;
  network_offer_id: number;
  offer_name: string | null;
  start_date: string | null;
  end_date: string | null;
};

export function couponOutput(coupon: EverflowCoupon): EverflowCouponOutput {
  return {
    id: coupon.network_coupon_code_id,
    coupon_code: coupon.coupon_code,
    tracking_link: coupon.tracking_link,
    network_offer_id: coupon.network_offer_id,
    offer_name: coupon.relationship?.offer?.name ?? null,
    start_date: isoDate(coupon.start_date),
    end_date: isoDate(coupon.end_date),
  };
}

export function offerChoice(offer: EverflowOffer): { id: string; name: string } {
  const status =
    offer.offer_status && offer.offer_status !== 'active' ? `, ${offer.offer_status}` : '';
  return {
    id: String(offer.network_offer_id),
    name: `${offer.name} (${offer.network_offer_id}${status})`,
  };
}
