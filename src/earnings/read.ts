import { type Bundle, type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';

import {
  connectedNetworks,
  connectionParts,
  NETWORK_LABELS,
  NETWORKS,
  networkById,
  type NetworkId,
} from '../connection/registry';
import { chunk } from '../core/bulk';
import { hashedCacheKey, readThrough } from '../core/cache';
import { appError } from '../core/errors';
import { invalidInput } from '../core/input';
import {
  type Conversion,
  type EarningsFeature,
  isLacking,
  type Keep,
  type ReportDates,
  type ReportWindow,
} from '../core/network';
import { runOf } from '../core/run';
import { orList, plural } from '../core/text';

import { MAX_DAYS } from './fields';
import { type NetworkRead } from './totals';

/**
 * Which networks a run reads and over which windows (refused before any call when the period
 * needs more calls than a run makes), and reading them: each network's conversions once per run
 * and account, kept in z.cache for 10 minutes (core/cache), so 500 references, or a search per
 * sheet row, cost what one reference does. Nothing here names a network: each declares its
 * `earnings` (core/network.ts).
 */

const DAY_MS = 24 * 60 * 60 * 1000;
/** How long what a run read is kept for the next runs. */
export const EARNINGS_TTL_SECONDS = 10 * 60;

/** One network a run reads: its accounts (null: a network without) and the windows of its calls. */
export interface EarningsSource {
  network: NetworkId;
  label: string;
  feature: EarningsFeature;
  accounts: (number | null)[];
  windows: ReportWindow[];
}

export interface EarningsPlan {
  days: number;
  period: ReportWindow;
  sources: EarningsSource[];
}

/** The period's windows of at most `windowDays` each, oldest first, the last ending at the period's end. */
export function windowsOf(period: ReportWindow, windowDays: number): ReportWindow[] {
  const end = Date.parse(period.end);
  const windows: ReportWindow[] = [];
  for (let start = Date.parse(period.start); start <= end; start += windowDays * DAY_MS) {
    const last = Math.min(end, start + windowDays * DAY_MS - 1000);
    windows.push({ start: new Date(start).toISOString(), end: new Date(last).toISOString() });
  }
  return windows;
}

/** The last `days` days, ending now. */
export function periodOf(z: ZObject, days: number): ReportWindow {
  // To the next whole second: the reports take seconds, and what happened this second is in.
  const now = Math.ceil(runOf(z).clock.now() / 1000) * 1000;
  return {
    start: new Date(now - days * DAY_MS).toISOString(),
    end: new Date(now).toISOString(),
  };
}

/** Refuses, before any call, a period whose calls on `accounts` accounts exceed what a run makes. */
function refuseTooLong(
  z: ZObject,
  source: Omit<EarningsSource, 'accounts'>,
  days: number,
  accounts: number,
): void {
  const { feature, label } = source;
  const calls = source.windows.length * accounts;
  if (calls <= feature.callsPerRun) return;
  const windowsThatFit = Math.floor(feature.callsPerRun / accounts);
  const longest = Math.min(MAX_DAYS, windowsThatFit * feature.windowDays);
  const perAccount = accounts > 1 ? ` on each of ${plural(accounts, 'account')}` : '';
  const fix =
    windowsThatFit === 0
      ? `Choose one ${label} account in this step.`
      : `The longest period that fits is ${longest} days: choose ${longest} days or fewer` +
        (accounts > 1 ? `, or choose one ${label} account.` : '.');
  throw appError(
    z,
    { network: label, kind: 'invalid_input', code: 'period_too_long' },
    `${days} days of ${label} conversions need ${plural(calls, `${label} call`)} ` +
      `(one per ${feature.windowDays} days${perAccount}), more than one step makes ` +
      `(${feature.callsPerRun}). ${fix}`,
  );
}

/**
 * The networks this run reads: the one chosen (refused with the reason when it cannot report
 * earnings for this connection), else every connected network that can (the others logged).
 */
function networksToRead(
  z: ZObject,
  authData: Record<string, unknown>,
  chosen: NetworkId | undefined,
): NetworkId[] {
  if (chosen !== undefined) {
    if (!connectedNetworks(authData).includes(chosen)) {
      throw invalidInput(
        z,
        `Your connection has no ${NETWORK_LABELS[chosen]} credentials. Reconnect and fill them in, ` +
          'or leave Network empty to read the networks you connected.',
      );
    }
    const { earnings } = networkById(chosen);
    const unusable = isLacking(earnings) ? earnings.lacking : earnings.unusable(z, authData);
    if (unusable !== undefined) throw invalidInput(z, unusable);
    return [chosen];
  }
  const usable: NetworkId[] = [];
  const left: string[] = [];
  for (const id of connectedNetworks(authData)) {
    const { earnings } = networkById(id);
    // A network that never reports earnings is said in the help text; credentials that cannot
    // (an Everflow network key) are said in the log too.
    if (isLacking(earnings)) continue;
    const why = earnings.unusable(z, authData);
    if (why === undefined) usable.push(id);
    else left.push(`${NETWORK_LABELS[id]}: ${why}`);
  }
  if (left.length > 0) runOf(z).logOnce(`Earnings leave out ${left.join(' ')}`);
  if (usable.length === 0) {
    const needs = NETWORKS.flatMap(({ earnings }) => (isLacking(earnings) ? [] : [earnings.needs]));
    throw invalidInput(
      z,
      `None of the networks in your connection reports earnings here. Connect ${orList(needs)}.` +
        (left.length > 0 ? ` ${left.join(' ')}` : ''),
    );
  }
  return usable;
}

/**
 * What a run reads: the networks, their accounts (the step's, else the connection's, else every
 * account of the credential) and windows; refused before any report call when too long.
 */
export async function planEarnings(
  z: ZObject,
  bundle: Bundle,
  options: { network: NetworkId | undefined; days: number },
): Promise<EarningsPlan> {
  const period = periodOf(z, options.days);
  const chosen = networksToRead(z, bundle.authData, options.network).map((network) => {
    const { label, earnings, anyUrl } = networkById(network);
    const feature = earnings as EarningsFeature;
    const source = { network, label, feature, windows: windowsOf(period, feature.windowDays) };
    // Refused with one account already, before the accounts are looked up.
    refuseTooLong(z, source, options.days, 1);
    const account = anyUrl.accounts?.read(z, bundle.inputData[anyUrl.accounts.field.key]);
    return { source, account, accountsOf: anyUrl.accounts };
  });
  const sources = await Promise.all(
    chosen.map(async ({ source, account, accountsOf }): Promise<EarningsSource> => {
      const keep: Keep = (what, schema, load) =>
        readThrough(
          z,
          hashedCacheKey(`earnings:${what}:v1`, connectionParts(source.network, bundle.authData)),
          EARNINGS_TTL_SECONDS,
          schema,
          load,
        );
      const accounts = accountsOf ? await accountsOf.list(z, bundle, account, keep) : [null];
      refuseTooLong(z, source, options.days, accounts.length);
      return { ...source, accounts };
    }),
  );
  return { days: options.days, period, sources };
}

// --- reading ---------------------------------------------------------------------------------------

const conversionSchema = zod.lazy(() =>
  zod.object({
    conversion_id: zod.string(),
    status: zod.enum(['pending', 'approved', 'declined']),
    commission: zod.number(),
    currency: zod.string(),
    sale_amount: zod.number().nullable(),
    advertiser_id: zod.number().nullable(),
    advertiser_name: zod.string().nullable(),
    tracking_ref: zod.string().nullable(),
    sub_ids: zod.record(zod.string(), zod.string()),
    click_at: zod.string().nullable(),
    converted_at: zod.string(),
    validated_at: zod.string().nullable(),
  }),
);

const storedConversionsSchema = zod.lazy(() => zod.array(conversionSchema));

const storedClicksSchema = zod.lazy(() =>
  zod.object({ clicks: zod.record(zod.string(), zod.number()).nullable() }),
);

function cacheKey(
  what: string,
  bundle: Bundle,
  source: EarningsSource,
  parts: readonly unknown[],
): string {
  return hashedCacheKey(`earnings:${what}:v1`, [
    ...connectionParts(source.network, bundle.authData),
    ...parts,
  ]);
}

/**
 * Every conversion of the source over the plan's windows, every account: once per run, and kept
 * in z.cache for 10 minutes (`fresh`: read from the network, for a trigger that must see changes;
 * still kept for the next runs).
 */
export async function readConversions(
  z: ZObject,
  bundle: Bundle,
  plan: EarningsPlan,
  source: EarningsSource,
  options: { fresh?: boolean; dates?: ReportDates } = {},
): Promise<Conversion[]> {
  const run = runOf(z);
  const dates = options.dates ?? 'event';
  const perAccount = await Promise.all(
    source.accounts.map((account) => {
      const key = cacheKey('conversions', bundle, source, [account, plan.days, dates]);
      const load = () => source.feature.read(z, bundle, account, source.windows, dates);
      return run.once(`${key}:${options.fresh === true}`, () =>
        options.fresh
          ? load()
          : readThrough(
              z,
              key,
              EARNINGS_TTL_SECONDS,
              storedConversionsSchema,
              load,
              `${source.label}'s conversions`,
            ),
      );
    }),
  );
  return perAccount.flat();
}

/**
 * Clicks per reference for `refs`, where the network counts them: one report per `refsPerCall`
 * references, each kept in z.cache for 10 minutes. undefined: the network counts none; null: a
 * report was incomplete (logged by the network).
 */
export async function readClicks(
  z: ZObject,
  bundle: Bundle,
  plan: EarningsPlan,
  source: EarningsSource,
  refs: readonly string[],
): Promise<Record<string, number> | null | undefined> {
  const { clicks } = source.feature;
  if (isLacking(clicks)) return undefined;
  const unique = [...new Set(refs.map((ref) => ref.trim()).filter((ref) => ref !== ''))];
  const parts = await Promise.all(
    chunk(unique, clicks.refsPerCall).map((batch) =>
      readThrough(
        z,
        cacheKey('clicks', bundle, source, [plan.days, batch]),
        EARNINGS_TTL_SECONDS,
        storedClicksSchema,
        async () => ({ clicks: (await clicks.read(z, bundle, plan.period, batch)) ?? null }),
        `${source.label}'s clicks`,
      ),
    ),
  );
  if (parts.some((part) => part.clicks === null)) return null;
  return Object.assign({}, ...parts.map((part) => part.clicks)) as Record<string, number>;
}

/** Conversions made inside the period (a network may read by last update: older ones left out). */
export function inPeriod(conversions: readonly Conversion[], period: ReportWindow): Conversion[] {
  const start = Date.parse(period.start);
  return conversions.filter((conversion) => Date.parse(conversion.converted_at) >= start);
}

/** One network's read for the references: its conversions in the period and its clicks. */
export async function readNetwork(
  z: ZObject,
  bundle: Bundle,
  plan: EarningsPlan,
  source: EarningsSource,
  refs: readonly string[],
): Promise<NetworkRead> {
  const [conversions, clicks] = await Promise.all([
    readConversions(z, bundle, plan, source),
    readClicks(z, bundle, plan, source, refs),
  ]);
  return { network: source.network, conversions: inPeriod(conversions, plan.period), clicks };
}
