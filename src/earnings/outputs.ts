import { type Conversion } from '../core/network';

/**
 * What the earnings actions give: one summary per reference (the search's one item, each bulk
 * row), and one conversion per trigger item. Types, output fields and samples; no schema, so the
 * action files load this at start-up without building anything.
 */

/** One network's part of a reference's earnings (zeros included). */
export type NetworkEarnings = {
  network: string;
  conversions: number;
  approved: number;
  pending: number;
  declined: number;
  /** Numbers only when every conversion of the network is in one currency. */
  commission_approved: number | null;
  commission_pending: number | null;
  currency: string | null;
  /** Null where the network counts no clicks per reference (or its report was incomplete). */
  clicks: number | null;
};

export type EarningsSummary = {
  id: string;
  tracking_ref: string;
  days: number;
  conversions: number;
  pending: number;
  approved: number;
  declined: number;
  commission_pending: number | null;
  commission_approved: number | null;
  commission_declined: number | null;
  currency: string | null;
  commission_text: string;
  sales: number | null;
  clicks: number | null;
  first_conversion_at: string | null;
  last_conversion_at: string | null;
  networks: NetworkEarnings[];
};

/** A bulk row: the summary without its per-network breakdown (line items do not nest). */
export type EarningsRow = Omit<EarningsSummary, 'networks'> & {
  index: number;
  status: 'success' | 'error';
  error: string | null;
};

export type EarningsBulk = {
  total: number;
  succeeded: number;
  failed: number;
  rows: EarningsRow[];
};

/** A conversion as the trigger gives it: `sub_ids` as text ("clickRef: row-7; clickRef2: mail"). */
export type ConversionOutput = Omit<Conversion, 'sub_ids'> & {
  sub_ids: string;
  id: string;
  network: string;
};

const rowSample: Omit<EarningsSummary, 'networks'> = {
  id: 'row-7',
  tracking_ref: 'row-7',
  days: 30,
  conversions: 3,
  pending: 1,
  approved: 1,
  declined: 1,
  commission_pending: 3.1,
  commission_approved: 12.5,
  commission_declined: 4,
  currency: 'GBP',
  commission_text: 'GBP 12.50 approved, 3.10 pending, 4.00 declined',
  sales: 156,
  clicks: null,
  first_conversion_at: '2026-01-03T10:15:00.000Z',
  last_conversion_at: '2026-01-20T18:02:00.000Z',
};

const summarySample: EarningsSummary = {
  ...rowSample,
  networks: [
    {
      network: 'awin',
      conversions: 3,
      approved: 1,
      pending: 1,
      declined: 1,
      commission_approved: 12.5,
      commission_pending: 3.1,
      currency: 'GBP',
      clicks: null,
    },
  ],
};

export const earningsSample = summarySample;

export const earningsBulkSample: EarningsBulk = {
  total: 1,
  succeeded: 1,
  failed: 0,
  rows: [
    {
      index: 1,
      ...rowSample,
      status: 'success',
      error: null,
    },
  ],
};

export const conversionSample: ConversionOutput = {
  id: 'impact:1000.4636.158134:approved',
  network: 'impact',
  conversion_id: '1000.4636.158134',
  status: 'approved',
  commission: 5,
  currency: 'EUR',
  sale_amount: 60,
  advertiser_id: 10306,
  advertiser_name: 'Trailhead Gear US',
  tracking_ref: 'row-7',
  sub_ids: 'SubId1: row-7; SubId2: sheet',
  click_at: '2026-01-02T09:30:00.000Z',
  converted_at: '2026-01-02T10:00:00.000Z',
  validated_at: '2026-01-05T10:00:00.000Z',
};

const summaryFields = (prefix: string, label: string) =>
  [
    { key: `${prefix}tracking_ref`, label: `${label}Tracking Reference`, type: 'string' },
    { key: `${prefix}days`, label: `${label}Days`, type: 'integer' },
    { key: `${prefix}conversions`, label: `${label}Conversions`, type: 'integer' },
    { key: `${prefix}pending`, label: `${label}Pending Conversions`, type: 'integer' },
    { key: `${prefix}approved`, label: `${label}Approved Conversions`, type: 'integer' },
    { key: `${prefix}declined`, label: `${label}Declined Conversions`, type: 'integer' },
    { key: `${prefix}commission_pending`, label: `${label}Commission Pending`, type: 'number' },
    { key: `${prefix}commission_approved`, label: `${label}Commission Approved`, type: 'number' },
    { key: `${prefix}commission_declined`, label: `${label}Commission Declined`, type: 'number' },
    { key: `${prefix}currency`, label: `${label}Currency`, type: 'string' },
    { key: `${prefix}commission_text`, label: `${label}Commission (in words)`, type: 'string' },
    { key: `${prefix}sales`, label: `${label}Sales`, type: 'number' },
    { key: `${prefix}clicks`, label: `${label}Clicks`, type: 'integer' },
    { key: `${prefix}first_conversion_at`, label: `${label}First Conversion`, type: 'datetime' },
    { key: `${prefix}last_conversion_at`, label: `${label}Last Conversion`, type: 'datetime' },
  ] as const;

export const earningsOutputFields = [
  { key: 'id', label: 'ID', type: 'string' },
  ...summaryFields('', ''),
  { key: 'networks[]network', label: 'Networks: Network', type: 'string' },
  { key: 'networks[]conversions', label: 'Networks: Conversions', type: 'integer' },
  { key: 'networks[]approved', label: 'Networks: Approved', type: 'integer' },
  { key: 'networks[]pending', label: 'Networks: Pending', type: 'integer' },
  { key: 'networks[]declined', label: 'Networks: Declined', type: 'integer' },
  {
    key: 'networks[]commission_approved',
    label: 'Networks: Commission Approved',
    type: 'number',
  },
  { key: 'networks[]commission_pending', label: 'Networks: Commission Pending', type: 'number' },
  { key: 'networks[]currency', label: 'Networks: Currency', type: 'string' },
  { key: 'networks[]clicks', label: 'Networks: Clicks', type: 'integer' },
] as const;

export const earningsBulkOutputFields = [
  { key: 'total', label: 'Total References', type: 'integer' },
  { key: 'succeeded', label: 'References Read', type: 'integer' },
  { key: 'failed', label: 'References Failed', type: 'integer' },
  { key: 'rows[]index', label: 'Rows: Position', type: 'integer' },
  { key: 'rows[]id', label: 'Rows: ID', type: 'string' },
  ...summaryFields('rows[]', 'Rows: '),
  { key: 'rows[]status', label: 'Rows: Status', type: 'string' },
  { key: 'rows[]error', label: 'Rows: Error', type: 'string' },
] as const;

export const conversionOutputFields = [
  { key: 'id', label: 'ID', type: 'string' },
  { key: 'network', label: 'Network', type: 'string' },
  { key: 'conversion_id', label: 'Conversion ID', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'commission', label: 'Commission', type: 'number' },
  { key: 'currency', label: 'Currency', type: 'string' },
  { key: 'sale_amount', label: 'Sale Amount', type: 'number' },
  { key: 'advertiser_id', label: 'Advertiser ID', type: 'integer' },
  { key: 'advertiser_name', label: 'Advertiser Name', type: 'string' },
  { key: 'tracking_ref', label: 'Tracking Reference', type: 'string' },
  { key: 'sub_ids', label: 'Sub IDs (every reference, by the network’s name)', type: 'string' },
  { key: 'click_at', label: 'Clicked At', type: 'datetime' },
  { key: 'converted_at', label: 'Converted At', type: 'datetime' },
  { key: 'validated_at', label: 'Validated At', type: 'datetime' },
] as const;
