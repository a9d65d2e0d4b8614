import { commissionOf, type Commission } from '../core/commission';
import { utcTime } from '../core/text';
import { withQueryParameters } from '../core/url';

import {
  type AwinCommissionRange,
  type AwinProgramme,
  type AwinPromotion,
  type AwinRelationship,
} from './schemas';

/** How an Awin advertiser (programme) looks in the output of searches and triggers. */
export type AwinAdvertiserOutput = {
  id: string;
  name: string;
  displayUrl: string | null;
  clickThroughUrl: string | null;
  logoUrl: string | null;
  status: string | null;
  primarySector: string | null;
  primaryRegion: { name: string | null; countryCode: string | null };
};

export function advertiserOutput(programme: AwinProgramme): AwinAdvertiserOutput {
  return {
    // Text, like the trigger's and the dropdown's `id`: one type for one advertiser everywhere.
    id: String(programme.id),
    name: programme.name,
    displayUrl: programme.displayUrl,
    clickThroughUrl: programme.clickThroughUrl,
    logoUrl: programme.logoUrl,
    status: programme.status,
    primarySector: programme.primarySector,
    primaryRegion: programme.primaryRegion,
  };
}

export const advertiserSample: AwinAdvertiserOutput = {
  id: '1001',
  name: 'Acme Shoes',
  displayUrl: 'https://www.acmeshoes.example',
  clickThroughUrl: 'https://www.awin1.com/awclick.php?mid=1001&id=100001',
  logoUrl: 'https://ui.awin.com/images/upload/merchant/profile/1001.png',
  status: 'Active',
  primarySector: 'Fashion',
  primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
};

export const advertiserOutputFields = [
  { key: 'id', label: 'Advertiser ID', type: 'string' },
  { key: 'name', label: 'Name', type: 'string' },
  { key: 'displayUrl', label: 'Website', type: 'string' },
  { key: 'clickThroughUrl', label: 'Default Tracking Link', type: 'string' },
  { key: 'logoUrl', label: 'Logo URL', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'primarySector', label: 'Primary Sector', type: 'string' },
  { key: 'primaryRegion__name', label: 'Primary Region', type: 'string' },
  { key: 'primaryRegion__countryCode', label: 'Primary Region Country Code', type: 'string' },
] as const;

// --- commission ----------------------------------------------------------------------------------

const PERCENT_TYPES = new Set(['percentage', 'percent']);
// Programme details say `amount`; commission groups say `fix`.
const AMOUNT_TYPES = new Set(['amount', 'fix', 'fixed']);

/**
 * What a programme pays, from its commission ranges: percentages, and fixed amounts in the
 * programme's currency, in core's one model (the words and the numbers from the same ranges).
 */
export function awinCommission(
  ranges: AwinCommissionRange[],
  currencyCode: string | null,
): Commission {
  const ofKind = (kinds: Set<string>) =>
    ranges.filter((range) => kinds.has(range.type.trim().toLowerCase()));
  return commissionOf(ofKind(PERCENT_TYPES), ofKind(AMOUNT_TYPES), currencyCode);
}

/**
 * What a programme pays, in words: percentages first, then fixed amounts in the programme's
 * currency, e.g. "2%–11% or GBP 1.50–18.00", "5%", "USD 10.00". Null when nothing is known.
 */
export function commissionInWords(
  ranges: AwinCommissionRange[],
  currencyCode: string | null,
): string | null {
  return awinCommission(ranges, currencyCode).text || null;
}

// --- Find Awin Advertiser: the list's fields plus the best match's details -----------------------

/** What programme details add for the best match (null when Awin could not be asked). */
export type AwinAdvertiserDetails = {
  deeplinkEnabled: boolean | null;
  commission: string | null;
};

export type AwinAdvertiserDetailsOutput = AwinAdvertiserOutput & {
  linkStatus: string | null;
} & AwinAdvertiserDetails;

export function advertiserDetailsOutput(
  programme: AwinProgramme,
  details: AwinAdvertiserDetails = { deeplinkEnabled: null, commission: null },
): AwinAdvertiserDetailsOutput {
  return { ...advertiserOutput(programme), linkStatus: programme.linkStatus, ...details };
}

export const advertiserDetailsSample: AwinAdvertiserDetailsOutput = {
  ...advertiserSample,
  linkStatus: 'Active',
  deeplinkEnabled: true,
  commission: '5%–8% or GBP 1.50–18.00',
};

export const advertiserDetailsOutputFields = [
  ...advertiserOutputFields,
  { key: 'linkStatus', label: 'Link Status', type: 'string' },
  { key: 'deeplinkEnabled', label: 'Deep Links Allowed', type: 'boolean' },
  { key: 'commission', label: 'Commission', type: 'string' },
] as const;

// --- promotions and vouchers ---------------------------------------------------------------------

/**
 * How a promotion or voucher looks in the search and the trigger: `id` is Awin's promotionId as
 * text (Zapier deduplicates polling items on it), `promotionId` the number.
 */
export type AwinPromotionOutput = {
  id: string;
  promotionId: number;
  type: string;
  title: string | null;
  description: string | null;
  terms: string | null;
  voucherCode: string | null;
  voucherExclusive: boolean;
  advertiserId: number;
  advertiserName: string | null;
  startDate: string | null;
  endDate: string | null;
  url: string | null;
  trackingUrl: string;
  /** "all", or the country codes where it is valid, e.g. "GB, IE". */
  regions: string;
};

/** Awin's dates carry an offset ("2024-04-08T08:24:00+00:00"); outputs are ISO-8601 in UTC. */
const isoDateTime = (value: string | null): string | null => utcTime(value) ?? null;

function webUrl(value: string | null): string | null {
  if (value === null) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? value.trim() : null;
  } catch {
    return null;
  }
}

function regionsInWords(regions: AwinPromotion['regions']): string {
  if (regions === null || regions.all === true) return 'all';
  const codes = regions.list.map((region) => region.countryCode?.trim().toUpperCase() ?? '');
  const named = codes.every(Boolean)
    ? codes
    : regions.list.map((region) => region.countryCode ?? region.name ?? '');
  const words = [...new Set(named.map((word) => word.trim()).filter(Boolean))];
  if (words.length > 0) return words.join(', ');
  return regions.all === false ? 'not stated by Awin' : 'all';
}

/**
 * The link to share: Awin's `urlTracking` (already a deep link for this publisher); if Awin sent
 * none, the documented deep link to the promotion's page, else the advertiser's default link.
 * The click reference, when given, is added as Awin's `clickref` parameter.
 */
function promotionTrackingUrl(
  promotion: AwinPromotion,
  publisherId: number,
  clickref?: string,
): string {
  const advertiserId = promotion.advertiser.id;
  const landing = webUrl(promotion.url);
  const link =
    webUrl(promotion.urlTracking) ??
    (landing
      ? `https://www.awin1.com/cread.php?awinmid=${advertiserId}&awinaffid=${publisherId}` +
        `&ued=${encodeURIComponent(landing)}`
      : `https://www.awin1.com/awclick.php?mid=${advertiserId}&id=${publisherId}`);
  return withQueryParameters(link, clickref ? [['clickref', clickref]] : []);
}

export function promotionOutput(
  promotion: AwinPromotion,
  publisherId: number,
  clickref?: string,
): AwinPromotionOutput {
  const { voucher } = promotion;
  return {
    id: String(promotion.promotionId),
    promotionId: promotion.promotionId,
    type: voucher !== null ? 'voucher' : (promotion.type ?? 'promotion'),
    title: promotion.title,
    description: promotion.description,
    terms: promotion.terms,
    voucherCode: voucher?.code?.trim() || null,
    voucherExclusive: voucher?.exclusive === true,
    advertiserId: promotion.advertiser.id,
    advertiserName: promotion.advertiser.name,
    startDate: isoDateTime(promotion.startDate),
    endDate: isoDateTime(promotion.endDate),
    url: webUrl(promotion.url),
    trackingUrl: promotionTrackingUrl(promotion, publisherId, clickref),
    regions: regionsInWords(promotion.regions),
  };
}

export const promotionSample: AwinPromotionOutput = {
  id: '5001',
  promotionId: 5001,
  type: 'voucher',
  title: '15% off all boots',
  description: 'Take 15% off every boot in the winter range with this code.',
  terms: 'Minimum spend GBP 40. One use per customer.',
  voucherCode: 'BOOTS15',
  voucherExclusive: true,
  advertiserId: 1001,
  advertiserName: 'Acme Shoes',
  startDate: '2026-03-01T00:00:00.000Z',
  endDate: '2026-03-31T23:59:00.000Z',
  url: 'https://www.acmeshoes.example/boots',
  trackingUrl:
    'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
    '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fboots&clickref=newsletter',
  regions: 'GB, IE',
};

export const promotionOutputFields = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'promotionId', label: 'Promotion ID', type: 'integer' },
  { key: 'type', label: 'Type (Promotion or Voucher)', type: 'string' },
  { key: 'title', label: 'Title', type: 'string' },
  { key: 'description', label: 'Description', type: 'string' },
  { key: 'terms', label: 'Terms', type: 'string' },
  { key: 'voucherCode', label: 'Voucher Code', type: 'string' },
  { key: 'voucherExclusive', label: 'Voucher Is Exclusive to You', type: 'boolean' },
  { key: 'advertiserId', label: 'Advertiser ID', type: 'integer' },
  { key: 'advertiserName', label: 'Advertiser Name', type: 'string' },
  { key: 'startDate', label: 'Starts', type: 'datetime' },
  { key: 'endDate', label: 'Ends', type: 'datetime' },
  { key: 'url', label: 'Landing Page', type: 'string' },
  { key: 'trackingUrl', label: 'Tracking Link', type: 'string' },
  { key: 'regions', label: 'Regions (Country Codes)', type: 'string' },
] as const;

// --- programmes that stopped earning: suspended, or links offline -------------------------------

export type AwinUnavailableReason = 'suspended' | 'offline' | 'inactive';

export type AwinProgrammeUnavailableOutput = Omit<AwinAdvertiserOutput, 'id'> & {
  /** Advertiser and reason, e.g. "1012-suspended": Zapier fires once per id. */
  id: string;
  advertiserId: number;
  publisherId: number;
  relationship: AwinRelationship;
  linkStatus: string | null;
  reasonCode: AwinUnavailableReason;
  reason: string;
  whatToDo: string;
};

function reasonInWords(
  code: AwinUnavailableReason,
  name: string,
  advertiserId: number,
  linkStatus: string | null,
): { reason: string; whatToDo: string } {
  const who = `${name} (advertiser ${advertiserId})`;
  if (code === 'suspended') {
    return {
      reason:
        `Awin shows your membership of ${who} as suspended: your links to it no longer earn ` +
        'commission.',
      whatToDo:
        `Pause the Zaps that make or post links to ${name} and take its links off your pages; ` +
        'ask the advertiser or Awin support why the membership was suspended if you did not expect it.',
    };
  }
  return {
    reason:
      `${who} has its Awin link status set to ${linkStatus?.trim() || code}: clicks on your ` +
      "links are not tracked and land on your fallback page or Awin's inactive page.",
    whatToDo:
      `Pause the Zaps that make or post links to ${name} until its link status in Awin is Online ` +
      'again; links shared meanwhile earn nothing.',
  };
}

export function programmeUnavailableOutput(
  programme: AwinProgramme,
  publisherId: number,
  relationship: AwinRelationship,
  code: AwinUnavailableReason,
): AwinProgrammeUnavailableOutput {
  return {
    ...advertiserOutput(programme),
    id: `${programme.id}-${code}`,
    advertiserId: programme.id,
    publisherId,
    relationship,
    linkStatus: programme.linkStatus,
    reasonCode: code,
    ...reasonInWords(code, programme.name, programme.id, programme.linkStatus),
  };
}

export const programmeUnavailableSample: AwinProgrammeUnavailableOutput = {
  ...advertiserSample,
  id: '1001-suspended',
  advertiserId: 1001,
  publisherId: 100001,
  relationship: 'suspended',
  linkStatus: 'Active',
  reasonCode: 'suspended',
  ...reasonInWords('suspended', 'Acme Shoes', 1001, 'Active'),
};

export const programmeUnavailableOutputFields = [
  ...advertiserOutputFields.filter((field) => field.key !== 'id'),
  { key: 'id', label: 'ID (Advertiser and Reason)', type: 'string' },
  { key: 'advertiserId', label: 'Advertiser ID (Number)', type: 'integer' },
  { key: 'publisherId', label: 'Publisher ID', type: 'integer' },
  { key: 'relationship', label: 'Relationship', type: 'string' },
  { key: 'linkStatus', label: 'Link Status', type: 'string' },
  { key: 'reasonCode', label: 'Reason Code', type: 'string' },
  { key: 'reason', label: 'Reason', type: 'string' },
  { key: 'whatToDo', label: 'What to Do', type: 'string' },
] as const;
