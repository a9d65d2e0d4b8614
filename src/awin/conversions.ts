import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import { amountOf, keepConversions, subIdsOf } from '../core/conversions';
import { utcTime } from '../core/text';
import {
  type Conversion,
  type ConversionStatus,
  type EarningsFeature,
  type ReportDates,
  type ReportWindow,
} from '../core/network';
import { readThrough } from '../core/cache';
import { userMessage } from '../core/errors';
import { nullableText, numberLike } from '../core/schemas';

import { awinCacheKey } from './cache';
import { AwinClient } from './client';
import { AWIN_NAME } from './errors';

/**
 * What earnings need of Awin: its transactions report, one call per publisher account and window
 * of at most 31 days, every call of a read reserved in the token's shared budget (20 a minute)
 * before the first. Statuses: pending, approved; declined and deleted count as declined.
 */

const STATUSES: Readonly<Record<string, ConversionStatus>> = {
  pending: 'pending',
  approved: 'approved',
  declined: 'declined',
  deleted: 'declined',
};

const money = () =>
  zod.object({
    amount: numberLike,
    currency: zod
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, 'not a currency code'),
  });

/** `clickRef`, `clickRef2` … `clickRef6`: only the ones set are present; missing or null is none. */
const clickRefs = () =>
  zod
    .record(zod.string(), zod.unknown())
    .nullish()
    .transform((refs) =>
      Object.fromEntries(
        Object.entries(refs ?? {}).flatMap(([key, value]) =>
          typeof value === 'string' || typeof value === 'number' ? [[key, String(value)]] : [],
        ),
      ),
    );

const time = (value: string | null | undefined) => utcTime(value) ?? null;

/** One transaction, read into a conversion: no id, no currency, no date or an unknown status fails it. */
const transactionSchema = zod.lazy(() =>
  zod
    .object({
      id: zod.union([zod.number().int(), zod.string().trim().regex(/^\d+$/)]),
      advertiserId: numberLike.nullish(),
      advertiserName: nullableText,
      commissionStatus: zod
        .string()
        .transform((status) => status.trim().toLowerCase())
        .refine((status) => status in STATUSES, 'not a known status'),
      commissionAmount: money(),
      saleAmount: money().nullish(),
      clickRefs: clickRefs(),
      transactionDate: zod.string().refine((text) => utcTime(text) !== undefined, 'not a date'),
      clickDate: zod.string().nullish(),
      validationDate: zod.string().nullish(),
    })
    .transform((record): Conversion => ({
      conversion_id: String(record.id),
      status: STATUSES[record.commissionStatus],
      commission: amountOf(record.commissionAmount.amount),
      currency: record.commissionAmount.currency.toUpperCase(),
      sale_amount: record.saleAmount ? amountOf(record.saleAmount.amount) : null,
      advertiser_id: record.advertiserId ?? null,
      advertiser_name: record.advertiserName,
      tracking_ref: record.clickRefs.clickRef?.trim() || null,
      sub_ids: subIdsOf(record.clickRefs),
      click_at: time(record.clickDate),
      converted_at: utcTime(record.transactionDate) as string,
      validated_at: time(record.validationDate),
    })),
);

async function read(
  z: ZObject,
  bundle: Bundle,
  account: number | null,
  windows: readonly ReportWindow[],
  dates: ReportDates,
): Promise<Conversion[]> {
  if (account === null) throw new Error('Awin transactions are read per publisher account');
  const awin = new AwinClient(z, bundle);
  // Every window of the read reserved before the first call: all or nothing (core/rateBudget).
  await awin.reserve(windows.length);
  const answers = await Promise.all(
    windows.map((window) =>
      awin.transactions(
        account,
        window.start,
        window.end,
        dates === 'validation' ? 'validation' : 'transaction',
      ),
    ),
  );
  return answers.flatMap((records) => keepConversions(z, AWIN_NAME, transactionSchema, records));
}

/** How long the joined programmes' names are kept for the next polls. */
const NAMES_TTL_SECONDS = 15 * 60;

const namesSchema = zod.lazy(() => zod.array(zod.tuple([zod.number(), zod.string()])));

/**
 * The names of the programmes the account joined, by advertiser id (Awin's transactions carry only
 * the id): one call to the programme list, kept 15 minutes, so a poll every few minutes costs one
 * call a quarter of an hour. A list that cannot be read now (the budget, Awin) leaves names empty.
 */
async function advertiserNames(
  z: ZObject,
  bundle: Bundle,
  account: number | null,
): Promise<ReadonlyMap<number, string> | undefined> {
  if (account === null) return undefined;
  const awin = new AwinClient(z, bundle);
  try {
    const names = await readThrough(
      z,
      awinCacheKey('programme-names', bundle, [account]),
      NAMES_TTL_SECONDS,
      namesSchema,
      async () =>
        (await awin.programmes(account, 'joined')).map((programme): [number, string] => [
          programme.id,
          programme.name,
        ]),
    );
    return new Map(names);
  } catch (error) {
    z.console.log(
      `Awin advertiser names were not read for account ${account} (${userMessage(error)}); ` +
        'the conversions are given without them.',
    );
    return undefined;
  }
}

export const awinEarnings: EarningsFeature = {
  needs: 'an Awin API token',
  advertiserNames,
  windowDays: 31,
  // 12 windows (a year) on one account; the token's 20 a minute are shared with every other Zap.
  callsPerRun: 12,
  unusable: () => undefined,
  read,
  clicks: {
    lacking:
      "Awin's API counts no clicks per click reference (only its website's Click References report does).",
  },
};
