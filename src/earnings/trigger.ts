import { type Bundle, type ZObject } from 'zapier-platform-core';

import { describeValue, invalidInput, isBlank, optionalText } from '../core/input';
import { type Conversion } from '../core/network';

import { readEarningsNetwork } from './fields';
import { type ConversionOutput } from './outputs';
import { type EarningsSource, inPeriod, planEarnings, readConversions } from './read';

/**
 * "New Conversion on Your Links": one network's conversions of the last 30 days, read fresh each
 * poll (a poll must see a status change, so z.cache is not read).
 * `new`: every conversion, id = network and conversion id, newest conversion first; `validated`:
 * every conversion approved or declined, id adds the status, so one that becomes approved fires
 * once (Zapier deduplicates on id), newest validation first.
 */

const TRIGGER_DAYS = 30;

type ConversionEvent = 'new' | 'validated';

function readEvent(z: ZObject, value: unknown): ConversionEvent {
  if (isBlank(value)) return 'new';
  const text = String(value).trim().toLowerCase();
  if (text === 'new' || text === 'validated') return text;
  throw invalidInput(
    z,
    `Event must be "new" or "validated", but it was ${describeValue(value)}. Choose one from the list.`,
  );
}

/**
 * Fills in the advertiser names a network's records leave out (Awin's carry only the id), from the
 * list the network keeps for it; read only when a conversion to show lacks its name.
 */
async function withAdvertiserNames(
  z: ZObject,
  bundle: Bundle,
  source: EarningsSource,
  conversions: Conversion[],
): Promise<Conversion[]> {
  const names = source.feature.advertiserNames;
  const unnamed = conversions.some((c) => c.advertiser_name === null && c.advertiser_id !== null);
  if (names === null || !unnamed) return conversions;
  const byId = new Map<number, string>();
  for (const account of source.accounts) {
    for (const [id, name] of (await names(z, bundle, account)) ?? []) byId.set(id, name);
  }
  return conversions.map((conversion) =>
    conversion.advertiser_name === null && conversion.advertiser_id !== null
      ? { ...conversion, advertiser_name: byId.get(conversion.advertiser_id) ?? null }
      : conversion,
  );
}

const at = (conversion: Conversion, event: ConversionEvent): string =>
  event === 'validated'
    ? (conversion.validated_at ?? conversion.converted_at)
    : conversion.converted_at;

export async function pollConversions(z: ZObject, bundle: Bundle): Promise<ConversionOutput[]> {
  const network = readEarningsNetwork(z, bundle.inputData.network);
  if (network === undefined) {
    throw invalidInput(z, 'Network is required: choose the network whose conversions to watch.');
  }
  const event = readEvent(z, bundle.inputData.event);
  const ref = optionalText(z, bundle.inputData.tracking_ref, 'Tracking Reference', 255);
  const plan = await planEarnings(z, bundle, { network, days: TRIGGER_DAYS });
  const start = Date.parse(plan.period.start);
  const wanted = (conversion: Conversion) =>
    (ref === undefined || conversion.tracking_ref === ref) &&
    (event === 'new' || conversion.status !== 'pending') &&
    Date.parse(at(conversion, event)) >= start;
  const conversions = (
    await Promise.all(
      plan.sources.map(async (source) => {
        const read = await readConversions(z, bundle, plan, source, {
          fresh: true,
          // A sale validated today may have happened months ago: select on validation dates.
          dates: event === 'validated' ? 'validation' : 'event',
        });
        const kept = (event === 'new' ? inPeriod(read, plan.period) : read).filter(wanted);
        return withAdvertiserNames(z, bundle, source, kept);
      }),
    )
  ).flat();
  return conversions
    .sort((a, b) => at(b, event).localeCompare(at(a, event)))
    .map(({ sub_ids, ...conversion }) => ({
      id: [
        network,
        conversion.conversion_id,
        ...(event === 'validated' ? [conversion.status] : []),
      ].join(':'),
      network,
      ...conversion,
      sub_ids: Object.entries(sub_ids)
        .map(([name, value]) => `${name}: ${value}`)
        .join('; '),
    }));
}
