import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { appError } from '../core/errors';
import { amountOf, keepConversions, subIdsOf } from '../core/conversions';
import { utcTime, thousands } from '../core/text';
import {
  type Conversion,
  type ConversionStatus,
  type EarningsFeature,
  type ReportWindow,
} from '../core/network';
import { nullableText, numberLike } from '../core/schemas';
import { runOf } from '../core/run';

import { EVERFLOW_BULK_PACE, withSharedPace } from './bulk';
import { EverflowClient } from './client';
import { EVERFLOW_NAME, needsKeyTypeMessage } from './errors';
import { everflowKeyType } from './keyType';

/**
 * What earnings need of Everflow, with a partner (affiliate) key: the partner's conversions report
 * (pages of up to 2,000, the whole period in one query: Everflow allows up to a year), and clicks
 * per sub1 from the entity report (one call per 100 references). Every call is paced by the key's
 * shared pace (core/sharedPace). Statuses: approved, pending; rejected and invalid count as declined.
 */

const PAGE_SIZE = 2_000;
/** Pages one read follows at most: 20,000 conversions (each page one call at the partner's pace). */
const MAX_PAGES = 10;
const REFS_PER_CLICKS_CALL = 100;

const STATUSES: Readonly<Record<string, ConversionStatus>> = {
  approved: 'approved',
  pending: 'pending',
  rejected: 'declined',
  invalid: 'declined',
};

const SUB_NAMES = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5', 'source_id'] as const;

const subText = () =>
  zod
    .union([zod.string(), zod.number()])
    .nullish()
    .transform((value) => (value === null || value === undefined ? null : String(value)));

/**
 * One conversion record: the id is `conversion_id` (hex text) or `network_conversion_id` (a
 * number); the status `status` or `conversion_status`. No id, no currency, no time or an unknown
 * status fails the record (skipped and logged).
 */
const conversionSchema = zod.lazy(() =>
  zod
    .object({
      conversion_id: zod.union([zod.string().trim().min(1), zod.number()]).nullish(),
      network_conversion_id: zod.union([zod.string().trim().min(1), zod.number()]).nullish(),
      status: zod.string().nullish(),
      conversion_status: zod.string().nullish(),
      revenue: numberLike.nullish(),
      sale_amount: numberLike.nullish(),
      currency_id: zod
        .string()
        .trim()
        .regex(/^[A-Za-z]{3}$/, 'not a currency code'),
      conversion_unix_timestamp: numberLike.refine((seconds) => seconds > 0, 'not a time'),
      click_unix_timestamp: numberLike.nullish(),
      sub1: subText(),
      sub2: subText(),
      sub3: subText(),
      sub4: subText(),
      sub5: subText(),
      source_id: subText(),
      relationship: zod
        .object({
          offer: zod
            .object({ network_offer_id: numberLike.nullish(), name: nullableText })
            .nullish(),
        })
        .nullish(),
    })
    .refine((record) => (record.conversion_id ?? record.network_conversion_id) != null, {
      message: 'no conversion id',
      path: ['conversion_id'],
    })
    .refine(
      (record) =>
        (record.status ?? record.conversion_status ?? '').trim().toLowerCase() in STATUSES,
      { message: 'not a known status', path: ['status'] },
    )
    .transform((record): Conversion => {
      const offer = record.relationship?.offer;
      const subs = Object.fromEntries(SUB_NAMES.map((name) => [name, record[name]]));
      const status = (record.status ?? record.conversion_status ?? '').trim().toLowerCase();
      return {
        conversion_id: String(record.conversion_id ?? record.network_conversion_id),
        status: STATUSES[status],
        commission: amountOf(record.revenue ?? 0),
        currency: record.currency_id.toUpperCase(),
        sale_amount:
          record.sale_amount === null || record.sale_amount === undefined
            ? null
            : amountOf(record.sale_amount),
        advertiser_id: offer?.network_offer_id ?? null,
        advertiser_name: offer?.name ?? null,
        tracking_ref: record.sub1?.trim() || null,
        sub_ids: subIdsOf(subs),
        click_at: utcTime(record.click_unix_timestamp ?? null) ?? null,
        converted_at: utcTime(record.conversion_unix_timestamp) ?? new Date(0).toISOString(),
        // Everflow's partner report gives no validation date.
        validated_at: null,
      };
    }),
);

function partnerClient(z: ZObject, bundle: Bundle): EverflowClient {
  const everflow = new EverflowClient(z, bundle);
  everflow.requireKeyType('affiliate', 'Reading earnings needs');
  return everflow;
}

async function read(
  z: ZObject,
  bundle: Bundle,
  _account: number | null,
  windows: readonly ReportWindow[],
): Promise<Conversion[]> {
  const everflow = partnerClient(z, bundle);
  return withSharedPace(z, everflow, EVERFLOW_BULK_PACE.affiliate, async () => {
    const conversions: Conversion[] = [];
    for (const window of windows) {
      for (let page = 1; ; page += 1) {
        if (page > MAX_PAGES) {
          throw appError(
            z,
            { network: EVERFLOW_NAME, kind: 'invalid_input', code: 'period_too_long' },
            `Everflow has more than ${thousands(MAX_PAGES * PAGE_SIZE)} conversions in this ` +
              'period, more than one step can read in time. Choose fewer days.',
          );
        }
        const answer = await everflow.conversionsPage(window.start, window.end, page, PAGE_SIZE);
        conversions.push(
          ...keepConversions(z, EVERFLOW_NAME, conversionSchema, answer.conversions),
        );
        const total = answer.paging?.total_count ?? answer.total_count ?? undefined;
        const more =
          answer.conversions.length >= PAGE_SIZE &&
          (total === undefined || page * PAGE_SIZE < total);
        if (!more) break;
      }
    }
    return conversions;
  });
}

async function readClicks(
  z: ZObject,
  bundle: Bundle,
  period: ReportWindow,
  refs: readonly string[],
): Promise<Record<string, number> | undefined> {
  const everflow = partnerClient(z, bundle);
  const table = await withSharedPace(z, everflow, EVERFLOW_BULK_PACE.affiliate, () =>
    everflow.clicksBySub1(period.start, period.end, refs),
  );
  if (table.incomplete_results === true) {
    runOf(z).logOnce(
      'Everflow marked its click report as incomplete (incomplete_results: more than 10,000 rows), ' +
        'so Clicks is left empty rather than given too low.',
    );
    return undefined;
  }
  const clicks: Record<string, number> = {};
  for (const row of table.table) {
    const sub1 = row.columns.find((column) => column.column_type === 'sub1')?.id.trim();
    if (sub1) clicks[sub1] = (clicks[sub1] ?? 0) + (row.reporting.total_click ?? 0);
  }
  return clicks;
}

export const everflowEarnings: EarningsFeature = {
  advertiserNames: null,
  needs: 'an Everflow partner (affiliate) key',
  // Everflow's report takes up to a year in one query.
  windowDays: 365,
  callsPerRun: 1,
  unusable: (z, authData) =>
    everflowKeyType(z, authData.everflow_api_type) === 'affiliate'
      ? undefined
      : needsKeyTypeMessage(
          'Reading earnings needs',
          'affiliate',
          'Choose another Network in this step, or',
        ),
  read,
  clicks: { refsPerCall: REFS_PER_CLICKS_CALL, read: readClicks },
};
