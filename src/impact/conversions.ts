import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { amountOf, keepConversions, subIdsOf } from '../core/conversions';
import { utcTime } from '../core/text';
import {
  type Conversion,
  type ConversionStatus,
  type EarningsFeature,
  type ReportWindow,
} from '../core/network';
import { numberLike } from '../core/schemas';

import { ImpactClient } from './client';
import { IMPACT_NAME } from './errors';

/**
 * What earnings need of Impact: its actions (conversions), one call per window of at most 45 days
 * (on the last update, so an action is never missed; the period is then kept by its event date),
 * every first page reserved in the account's hourly budget before the first call. Statuses:
 * PENDING, APPROVED; REVERSED counts as declined. Amounts arrive as text decimals.
 */

const STATUSES: Readonly<Record<string, ConversionStatus>> = {
  PENDING: 'pending',
  APPROVED: 'approved',
  REVERSED: 'declined',
};

const SUB_NAMES = ['SubId1', 'SubId2', 'SubId3', 'SharedId'] as const;

const text = () =>
  zod
    .union([zod.string(), zod.number()])
    .nullish()
    .transform((value) => (value === null || value === undefined ? null : String(value).trim()));

/** A decimal as text ("0.88") or a number; blank reads as missing. */
const decimal = () =>
  zod
    .union([numberLike, zod.literal(''), zod.null()])
    .optional()
    .transform((value) => (typeof value === 'number' ? value : null));

/** One action, read into a conversion: no id, no currency, no event date or an unknown state fails it. */
const actionSchema = zod.lazy(() =>
  zod
    .object({
      Id: zod.union([zod.string().trim().min(1), zod.number()]),
      CampaignId: numberLike.nullish(),
      CampaignName: text(),
      State: zod
        .string()
        .transform((state) => state.trim().toUpperCase())
        .refine((state) => state in STATUSES, 'not a known state'),
      Payout: numberLike,
      Amount: decimal(),
      Currency: zod
        .string()
        .trim()
        .regex(/^[A-Za-z]{3}$/, 'not a currency code'),
      EventDate: zod.string().refine((value) => utcTime(value) !== undefined, 'not a date'),
      ReferringDate: text(),
      LockingDate: text(),
      ClearedDate: text(),
      SubId1: text(),
      SubId2: text(),
      SubId3: text(),
      SharedId: text(),
    })
    .transform((action): Conversion => {
      const status = STATUSES[action.State];
      const subs = Object.fromEntries(SUB_NAMES.map((name) => [name, action[name]]));
      // Impact names no validation date: cleared, else locked, once the action is no longer pending.
      const validated = status === 'pending' ? null : action.ClearedDate || action.LockingDate;
      return {
        conversion_id: String(action.Id).trim(),
        status,
        commission: amountOf(action.Payout),
        currency: action.Currency.toUpperCase(),
        sale_amount: action.Amount === null ? null : amountOf(action.Amount),
        advertiser_id: action.CampaignId ?? null,
        advertiser_name: action.CampaignName || null,
        tracking_ref: action.SubId1 || null,
        sub_ids: subIdsOf(subs),
        click_at: utcTime(action.ReferringDate) ?? null,
        converted_at: utcTime(action.EventDate) as string,
        validated_at: utcTime(validated) ?? null,
      };
    }),
);

async function read(
  z: ZObject,
  bundle: Bundle,
  _account: number | null,
  windows: readonly ReportWindow[],
): Promise<Conversion[]> {
  const impact = new ImpactClient(z, bundle);
  // The first page of every window reserved before the first call: all or nothing.
  await impact.reserve(windows.length);
  const answers = await Promise.all(
    windows.map((window) => impact.actions(window.start, window.end)),
  );
  // A window reads actions by their last update: one updated in two windows is kept once.
  const byId = new Map<string, Conversion>();
  for (const records of answers) {
    for (const conversion of keepConversions(z, IMPACT_NAME, actionSchema, records)) {
      byId.set(conversion.conversion_id, conversion);
    }
  }
  return [...byId.values()];
}

export const impactEarnings: EarningsFeature = {
  advertiserNames: null,
  needs: 'an Impact Account SID and Auth Token',
  windowDays: 45,
  // 9 windows (a year); Impact's 1,000 calls an hour are shared with every other Zap of the account.
  callsPerRun: 9,
  unusable: () => undefined,
  read,
  clicks: {
    lacking:
      'Impact counts clicks per sub ID only in click exports (one day per job, ten jobs a day), ' +
      'too few for a period.',
  },
};
