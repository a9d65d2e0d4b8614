import fc from 'fast-check';
import { rankByCommission } from '../../src/anyUrl/commission';
import { awinCommission, commissionInWords } from '../../src/awin/outputs';
import { commissionOf, type Commission } from '../../src/core/commission';
import { everflowCommission } from '../../src/everflow/anyUrl';
import { offerslookCommission } from '../../src/offerslook/anyUrl';

const value = fc.integer({ min: 1, max: 10_000 }).map((cents) => cents / 100);
const range = fc.tuple(value, value).map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);
const percent = range.map(([min, max]) => commissionOf([min, max], [], null));
const usd = range.map(([min, max]) => commissionOf([], [min, max], 'usd'));

const upper = (c: Commission) => (c.percent ?? c.amount)?.max ?? 0;
const lower = (c: Commission) => (c.percent ?? c.amount)?.min ?? 0;

describe('rankByCommission', () => {
  it('with commissions of one kind: the higher upper end, then the higher lower end, first', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.array(percent, { minLength: 1 }), fc.array(usd, { minLength: 1 })),
        (items) => {
          const { ranked, chosenBy } = rankByCommission(items, (c) => c, 'commission');
          expect(chosenBy).toBe('commission');
          expect(ranked).toHaveLength(items.length);
          for (let i = 1; i < ranked.length; i++) {
            const [a, b] = [ranked[i - 1], ranked[i]];
            expect(upper(a) > upper(b) || (upper(a) === upper(b) && lower(a) >= lower(b))).toBe(
              true,
            );
          }
        },
      ),
    );
  });

  it('keeps the domain order when kinds, currencies or knowledge differ, or prefer is domain', () => {
    const unknown = commissionOf([], [], null);
    const eur = commissionOf([], [5], 'EUR');
    fc.assert(
      fc.property(
        fc.array(percent, { minLength: 1 }),
        usd,
        fc.constantFrom(unknown, eur),
        (p, u, odd) => {
          for (const items of [
            [...p, u],
            [...p, odd],
            [u, eur],
          ]) {
            expect(rankByCommission(items, (c) => c, 'commission')).toEqual({
              ranked: items,
              chosenBy: 'domain',
            });
          }
          expect(rankByCommission(p, (c) => c, 'domain')).toEqual({
            ranked: p,
            chosenBy: 'domain',
          });
        },
      ),
    );
  });

  it('is stable: equal commissions keep the domain order', () => {
    const items = ['a', 'b', 'c'];
    const same = commissionOf([5], [], null);
    expect(rankByCommission(items, () => same, 'commission').ranked).toEqual(items);
  });
});

describe('reading what a network pays', () => {
  it('Everflow: revenue-share types are percentages, others fixed amounts in the offer currency', () => {
    const payouts = [
      { payout_type: 'CPS', payout_amount: null, payout_percentage: 12 },
      { payout_type: 'cpa', payout_amount: 4.5, payout_percentage: null },
    ];
    expect(everflowCommission(payouts, 'usd').text).toBe('12% or USD 4.50');
    expect(everflowCommission([payouts[1]], 'EUR')).toMatchObject({
      percent: null,
      amount: { min: 4.5, max: 4.5, currency: 'EUR' },
    });
  });

  it('a zero or missing payout is unknown: empty words', () => {
    expect(
      everflowCommission([{ payout_type: 'cpa', payout_amount: 0, payout_percentage: null }], 'USD')
        .text,
    ).toBe('');
    expect(offerslookCommission(null, null, 'USD').text).toBe('');
    expect(offerslookCommission('0.00', '', 'USD').text).toBe('');
  });

  it('Offerslook: a flat payout in the offer currency, a percentage written with %', () => {
    expect(offerslookCommission('12.00', null, 'eur').text).toBe('EUR 12.00');
    expect(offerslookCommission('8%', null, 'USD').text).toBe('8%');
    expect(offerslookCommission(null, '7.5', 'USD').text).toBe('7.5%');
  });
});

describe('one commission model, read the same everywhere', () => {
  const r = (min: number | null, max: number | null, type: string) => ({ min, max, type });

  it('a range from zero keeps its zero in words and in numbers alike', () => {
    const ranges = [r(0, 5, 'percentage')];
    expect(awinCommission(ranges, 'GBP')).toEqual({
      text: '0%–5%',
      percent: { min: 0, max: 5 },
      amount: null,
    });
    // Find Awin Advertiser's words are the same model's.
    expect(commissionInWords(ranges, 'GBP')).toBe('0%–5%');
    expect(commissionOf([{ min: 0, max: 5 }], [], null).text).toBe('0%–5%');
  });

  it('a figure paying nothing at its top is unknown, whichever network gives it', () => {
    expect(awinCommission([r(0, 0, 'percentage'), r(2, 4, 'percentage')], null).percent).toEqual({
      min: 2,
      max: 4,
    });
    expect(commissionInWords([r(0, 0, 'amount')], 'GBP')).toBeNull();
  });

  it('the words always say the numbers: percentages, then amounts in the currency', () => {
    const figure = fc.oneof(
      value,
      fc.constant(0),
      fc.constant(null),
      range.map(([min, max]) => ({ min: min - 1 < 0 ? 0 : min - 1, max })),
    );
    fc.assert(
      fc.property(fc.array(figure), fc.array(figure), (percents, amounts) => {
        const commission = commissionOf(percents, amounts, 'eur');
        const { percent, amount } = commission;
        if (percent) expect(commission.text).toContain(`${Number(percent.max.toFixed(2))}%`);
        if (amount) expect(commission.text).toContain(`EUR `);
        if (!percent && !amount) expect(commission.text).toBe('');
        for (const span of [percent, amount]) {
          if (span) expect(span.min).toBeLessThanOrEqual(span.max);
          if (span) expect(span.max).toBeGreaterThan(0);
        }
      }),
    );
  });
});
