// The conversions the sandbox's networks report (Awin transactions, Everflow partner conversions,
// Impact actions), carrying the references the demo's links carry: `row-7` (Awin clickref, Impact
// subId1), `sheet-row-7` (Awin), `deal-42` (Everflow sub1, Impact subId1: two networks, two
// currencies), `row-1`…`row-3`. Every status of every network is here (Awin's deleted, Everflow's
// rejected and invalid, Impact's REVERSED among them), and a few records no reader can use (no id,
// no currency), which the app skips and logs. Times are days before the sandbox started.
import { DEMO_IMPACT_ACCOUNT_SID } from '../credentials';

export type ConversionNetwork = 'awin' | 'everflow' | 'impact';

export interface SandboxConversion {
  network: ConversionNetwork;
  /** The network's id for it; '' for a record that comes without one. */
  id: string;
  /** Awin publisher id, Everflow affiliate id, Impact Account SID. */
  account: string;
  /** As the network writes it (Awin `deleted`, Everflow `rejected`, Impact `REVERSED`…). */
  status: string;
  commission: number;
  sale: number;
  /** '' for a record that comes without one. */
  currency: string;
  /** The click references or sub IDs in order (Awin clickRef…, Everflow sub1…, Impact SubId1…). */
  refs: string[];
  advertiserId: number;
  advertiserName: string;
  /** Days before the sandbox started. */
  daysAgo: number;
  /** Days before the sandbox started it was validated, when it was. */
  validatedDaysAgo?: number;
}

const AWIN = '100001';
const PARTNER = '7';
const IMPACT = DEMO_IMPACT_ACCOUNT_SID;

const awin = (
  id: number,
  status: string,
  commission: number,
  refs: string[],
  daysAgo: number,
  extra: Partial<SandboxConversion> = {},
): SandboxConversion => ({
  network: 'awin',
  id: String(id),
  account: AWIN,
  status,
  commission,
  sale: Math.round(commission * 1000) / 100,
  currency: 'GBP',
  refs,
  advertiserId: 1001,
  advertiserName: 'Acme Shoes',
  daysAgo,
  ...(status === 'pending' ? {} : { validatedDaysAgo: Math.max(0, daysAgo - 2) }),
  ...extra,
});

const everflow = (
  id: string,
  status: string,
  commission: number,
  refs: string[],
  daysAgo: number,
  extra: Partial<SandboxConversion> = {},
): SandboxConversion => ({
  network: 'everflow',
  id,
  account: PARTNER,
  status,
  commission,
  sale: Math.round(commission * 400) / 100,
  currency: 'USD',
  refs,
  advertiserId: 1,
  advertiserName: 'Acme Shoes Summer Sale',
  daysAgo,
  ...extra,
});

const impact = (
  id: string,
  status: string,
  commission: number,
  refs: string[],
  daysAgo: number,
  extra: Partial<SandboxConversion> = {},
): SandboxConversion => ({
  network: 'impact',
  id,
  account: IMPACT,
  status,
  commission,
  sale: Math.round(commission * 1200) / 100,
  currency: 'EUR',
  refs,
  advertiserId: 10306,
  advertiserName: 'Trailhead Gear US',
  daysAgo,
  ...(status === 'PENDING' ? {} : { validatedDaysAgo: Math.max(0, daysAgo - 3) }),
  ...extra,
});

/** Every conversion, newest last; the store copies them per sandbox (statuses change). */
export const SANDBOX_CONVERSIONS: readonly SandboxConversion[] = [
  // Awin, publisher 100001, GBP: row-7 in every status (deleted counts as declined).
  awin(300000101, 'approved', 12.5, ['row-7'], 20),
  awin(300000102, 'pending', 3.1, ['row-7', 'newsletter'], 4),
  awin(300000103, 'declined', 2.5, ['row-7'], 12),
  awin(300000104, 'deleted', 1.5, ['row-7'], 9),
  awin(300000105, 'approved', 7.2, ['sheet-row-7'], 15),
  awin(300000106, 'pending', 4.4, ['row-1'], 2),
  // A sale of 40 days ago validated 4 days ago: the validated trigger still sees it.
  awin(300000107, 'approved', 9.99, ['poster-2026'], 40, { validatedDaysAgo: 4 }),
  // In USD: an Awin programme paying in another currency.
  awin(300000108, 'pending', 6, ['row-2'], 3, {
    currency: 'USD',
    advertiserId: 1004,
    advertiserName: 'Bluebird Books',
  }),
  // No currency: skipped and logged.
  awin(300000109, 'pending', 1, ['row-7'], 5, { currency: '' }),
  // Everflow, partner 7, USD: deal-42 approved and pending, rejected and invalid (declined).
  everflow('a1f3c2e4b5d6478899aabbccddeeff01', 'approved', 25, ['deal-42', '', 'newsletter'], 10),
  everflow('a1f3c2e4b5d6478899aabbccddeeff02', 'pending', 10, ['deal-42'], 1),
  everflow('a1f3c2e4b5d6478899aabbccddeeff03', 'rejected', 8, ['deal-42'], 6),
  everflow('a1f3c2e4b5d6478899aabbccddeeff04', 'invalid', 2, ['row-3'], 8),
  everflow('a1f3c2e4b5d6478899aabbccddeeff05', 'approved', 30, ['row-3'], 25),
  // No id: skipped and logged.
  everflow('', 'approved', 5, ['deal-42'], 3),
  // Impact, EUR: deal-42 pending (the trigger's test approves it), row-7 approved and reversed.
  impact('1000.4636.158133', 'PENDING', 8.4, ['deal-42'], 2),
  impact('1000.4636.158134', 'APPROVED', 5, ['row-7', 'sheet'], 18),
  impact('1000.4636.158135', 'REVERSED', 3, ['row-7'], 14),
  impact('1000.4636.158136', 'APPROVED', 11, ['row-1'], 22, { currency: 'USD' }),
];

/** Clicks per Everflow sub1 (the entity report), for partner 7. */
export const EVERFLOW_CLICKS_BY_SUB1: Readonly<Record<string, number>> = {
  'deal-42': 57,
  'row-3': 12,
  'row-1': 4,
};
