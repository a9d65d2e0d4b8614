import {
  bulkLines,
  dateRange,
  day,
  joinWords,
  listWithMore,
  named,
  namesOf,
  plural,
  stepLines,
  titledList,
} from '../../demo/format';

const numbers = (count: number) => Array.from({ length: count }, (_, i) => i + 1);

describe('plural', () => {
  it('counts one, many and none', () => {
    expect(plural(1, 'link')).toBe('1 link');
    expect(plural(150, 'link')).toBe('150 links');
    expect(plural(0, 'row')).toBe('0 rows');
  });

  it('takes the plural it is given', () => {
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
    expect(plural(1, 'match', 'matches')).toBe('1 match');
  });
});

describe('joinWords', () => {
  it('joins with commas and a final "and"', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['links'])).toBe('links');
    expect(joinWords(['links', 'coupons'])).toBe('links and coupons');
    expect(joinWords(['links', 'coupons', 'creatives'])).toBe('links, coupons and creatives');
  });
});

describe('listWithMore', () => {
  const render = (n: number) => `item ${n}`;

  it('shows the first items, then how many more there are', () => {
    expect(listWithMore(numbers(150), 3, render)).toEqual([
      'item 1',
      'item 2',
      'item 3',
      '… and 147 more',
    ]);
  });

  it('adds nothing when every item is shown', () => {
    expect(listWithMore(numbers(3), 3, render)).toEqual(['item 1', 'item 2', 'item 3']);
    expect(listWithMore(numbers(2), 3, render)).toEqual(['item 1', 'item 2']);
    expect(listWithMore([], 3, render)).toEqual([]);
  });

  it('says "1 more" for a single item left out', () => {
    expect(listWithMore(numbers(4), 3, render)).toEqual([
      'item 1',
      'item 2',
      'item 3',
      '… and 1 more',
    ]);
  });

  it('also shows the items picked, in their place, at most as many as shown', () => {
    const odd = (n: number) => n % 2 === 1;
    expect(listWithMore(numbers(20), 3, render, (n) => n === 5)).toEqual([
      'item 1',
      'item 2',
      'item 3',
      'item 5',
      '… and 16 more',
    ]);
    expect(listWithMore(numbers(20), 3, render, odd)).toEqual([
      'item 1',
      'item 2',
      'item 3',
      'item 5',
      'item 7',
      'item 9',
      '… and 14 more',
    ]);
  });
});

describe('titledList', () => {
  it('puts the items under the title, indented', () => {
    expect(titledList('Links', ['a', 'b', 'c', 'd'], 2, (s) => s)).toEqual([
      'Links:',
      '  a',
      '  b',
      '  … and 2 more',
    ]);
  });

  it('is empty when there is nothing to list', () => {
    expect(titledList('Links', [], 3, String)).toEqual([]);
  });
});

describe('bulkLines', () => {
  const rows = numbers(150).map((index) =>
    index === 5
      ? { index, url: null, error: 'Awin advertiser 1007 does not allow deep links.' }
      : { index, url: `https://www.awin1.com/cread.php?clickref=row-${index}`, error: null },
  );

  it('shows the first rows whole and every refused row, then the true count of the rest', () => {
    expect(bulkLines(rows)).toEqual([
      'Row 1 → https://www.awin1.com/cread.php?clickref=row-1',
      'Row 2 → https://www.awin1.com/cread.php?clickref=row-2',
      'Row 3 → https://www.awin1.com/cread.php?clickref=row-3',
      'Row 5 refused: Awin advertiser 1007 does not allow deep links.',
      '… and 146 more',
    ]);
  });

  it('lists a short run in full', () => {
    expect(bulkLines(rows.slice(0, 2))).toHaveLength(2);
  });
});

describe('day and dateRange', () => {
  it('writes ISO dates and date-times as a day, month and year', () => {
    expect(day('2025-08-31T23:59:59Z')).toBe('31 Aug 2025');
    expect(day('2026-01-05')).toBe('5 Jan 2026');
    expect(day('soon')).toBe('soon');
  });

  it('says from and to only for the dates it has', () => {
    expect(dateRange('2025-06-01T00:00:00Z', '2025-08-31T00:00:00Z')).toBe(
      'from 1 Jun 2025 to 31 Aug 2025',
    );
    expect(dateRange('2025-04-15T00:00:00Z', null)).toBe('from 15 Apr 2025');
    expect(dateRange(null, '2025-12-31')).toBe('until 31 Dec 2025');
    expect(dateRange(null, null)).toBe('');
  });
});

describe('namesOf and named', () => {
  it('reads names by id, without the id dropdown labels end with', () => {
    const names = namesOf([
      { id: '1001', name: 'Acme Shoes (1001)' },
      { id: 7, name: 'Jamie Partner' },
      { id: 'random', name: 'Random' },
    ]);
    expect(names.get('1001')).toBe('Acme Shoes');
    expect(names.get('7')).toBe('Jamie Partner');
    expect(names.get('random')).toBe('Random');
  });

  it('names a thing with its id, or gives the id alone when the name is not known', () => {
    const names = new Map([['1001', 'Acme Shoes']]);
    expect(named(names, 'advertiser', 1001)).toBe('Acme Shoes (advertiser 1001)');
    expect(named(names, 'advertiser', '1007')).toBe('advertiser 1007');
    expect(named(names, 'affiliate', null)).toBe('affiliate unknown');
  });
});

describe('stepLines', () => {
  it('is the sentence with its results indented under it', () => {
    expect(stepLines('✓', 'Made 1 link:', ['https://example.com/a'])).toBe(
      '✓ Made 1 link:\n    https://example.com/a',
    );
    expect(stepLines('✗', 'Refused.')).toBe('✗ Refused.');
  });
});
