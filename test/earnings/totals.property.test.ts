import fc from 'fast-check';

import { type Conversion, type ConversionStatus } from '../../src/core/network';
import { commissionText, earningsOf } from '../../src/earnings/totals';

/**
 * Totals equal the sum of the conversions, for any mix of statuses and currencies: counts per
 * status, the numbers (only when one currency is involved), and the words per currency.
 */
const STATUSES: ConversionStatus[] = ['pending', 'approved', 'declined'];

const conversion = fc.record({
  conversion_id: fc.uuid(),
  status: fc.constantFrom(...STATUSES),
  // Cents, as the networks give them: sums are exact to the cent.
  commission: fc.integer({ min: 0, max: 100_000 }).map((cents) => cents / 100),
  currency: fc.constantFrom('GBP', 'USD', 'EUR'),
  sale_amount: fc.option(
    fc.integer({ min: 0, max: 1_000_000 }).map((cents) => cents / 100),
    { nil: null },
  ),
  advertiser_id: fc.constant(null),
  advertiser_name: fc.constant(null),
  tracking_ref: fc.constantFrom('row-7', 'row-8', 'ROW-7', null),
  sub_ids: fc.constant({}),
  click_at: fc.constant(null),
  converted_at: fc
    .integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 1, 1) })
    .map((ms) => new Date(ms).toISOString()),
  validated_at: fc.constant(null),
}) satisfies fc.Arbitrary<Conversion>;

const networks = fc.array(
  fc.record({
    network: fc.constantFrom('awin', 'everflow', 'impact'),
    conversions: fc.array(conversion, { maxLength: 30 }),
    clicks: fc.constant(undefined),
  }),
  { minLength: 1, maxLength: 3 },
);

const cents = (value: number) => Math.round(value * 100);

describe('earnings totals', () => {
  it('equal the sum of the matching conversions, for any mix of statuses and currencies', () => {
    fc.assert(
      fc.property(networks, (reads) => {
        const mine = reads
          .flatMap((read) => read.conversions)
          .filter((c) => c.tracking_ref === 'row-7');
        const summary = earningsOf(' row-7 ', 30, reads);
        expect(summary.conversions).toBe(mine.length);
        for (const status of STATUSES) {
          expect(summary[status]).toBe(mine.filter((c) => c.status === status).length);
        }
        expect(summary.networks.reduce((sum, part) => sum + part.conversions, 0)).toBe(mine.length);
        const currencies = new Set(mine.map((c) => c.currency));
        if (currencies.size > 1) {
          expect(summary.currency).toBeNull();
          expect(summary.commission_approved).toBeNull();
          expect(summary.sales).toBeNull();
        } else {
          for (const status of STATUSES) {
            const expected = mine
              .filter((c) => c.status === status)
              .reduce((sum, c) => sum + cents(c.commission), 0);
            expect(cents(summary[`commission_${status}`] ?? NaN)).toBe(expected);
          }
          const sold = mine
            .filter((c) => c.status !== 'declined')
            .reduce((sum, c) => sum + cents(c.sale_amount ?? 0), 0);
          expect(cents(summary.sales ?? NaN)).toBe(sold);
        }
        // The words name, per currency, each status's sum when it is not zero.
        for (const currency of currencies) {
          for (const status of STATUSES) {
            const sum = mine
              .filter((c) => c.currency === currency && c.status === status)
              .reduce((total, c) => total + cents(c.commission), 0);
            const words = `${(sum / 100).toFixed(2)} ${status}`;
            const part = summary.commission_text
              .split('; ')
              .find((text) => text.startsWith(`${currency} `));
            if (sum === 0) expect(part ?? '').not.toMatch(new RegExp(`\\b${status}\\b`));
            else expect(part).toContain(words);
          }
        }
      }),
    );
  });

  it('says the example of the contract in its words', () => {
    const at = '2026-01-05T00:00:00.000Z';
    const base = {
      sale_amount: null,
      advertiser_id: null,
      advertiser_name: null,
      tracking_ref: 'r',
      sub_ids: {},
      click_at: null,
      converted_at: at,
      validated_at: null,
    };
    expect(
      commissionText([
        { ...base, conversion_id: '1', status: 'approved', commission: 12.5, currency: 'GBP' },
        { ...base, conversion_id: '2', status: 'pending', commission: 3.1, currency: 'GBP' },
        { ...base, conversion_id: '3', status: 'pending', commission: 5, currency: 'USD' },
      ]),
    ).toBe('GBP 12.50 approved, 3.10 pending; USD 5.00 pending');
  });
});
