import { decodeEntities } from '../../src/core/text';
import { missingHint } from '../../src/offerslook/outputs';

import { impressionUrl } from '../../src/offerslook/pixel';

describe('impressionUrl', () => {
  const src = 'https://t.example/impr.php?offer_id=16&aff_id=40';

  it.each([
    [`<img src='${src}'  border='0'  width='1'  height='1' />`],
    [`<img src="${src}" width="1" height="1">`],
    [`<img width=1 height=1 src=${src}>`],
    [`<IMG BORDER='0' SRC = '${src.replace('&', '&amp;')}' />`],
    [`<img alt="a > b" src="${src.replace('&', '&#38;')}"/>`],
    [`<img data-src="https://wrong.example/" src="${src.replace('&', '&#x26;')}">`],
    [`  <img\nsrc='${src}'\n/>  `],
    [src],
  ])('reads %s', (pixel) => {
    expect(impressionUrl(pixel)).toBe(src);
  });

  it.each([
    [null],
    [''],
    ['   '],
    ["<img border='0' />"],
    ["<img src='' />"],
    ["<img src='javascript:alert(1)' />"],
    ['<script src="https://t.example/x.js"></script>'],
    ['not a pixel'],
  ])('gives null for %j', (pixel) => {
    expect(impressionUrl(pixel)).toBeNull();
  });

  it('keeps a protocol-relative pixel URL', () => {
    expect(impressionUrl("<img src='//t.example/p?a=1' />")).toBe('//t.example/p?a=1');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hex entities and leaves unknown ones', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&quot;&lt;&gt;&apos;&unknown;&#0;')).toBe(
      `a&b&c&d"<>'&unknown;&#0;`,
    );
  });
});

describe('missingHint', () => {
  it('is empty when nothing is missing', () => {
    expect(missingHint([])).toBe('');
  });

  it('lists at most 20 ids and counts the rest', () => {
    const ids = Array.from({ length: 25 }, (_, i) => i + 1);
    expect(missingHint(ids)).toMatch(
      /^Offerslook returned no link for offers 1, 2, .*, 20 and 5 more: an offer must be approved/,
    );
  });
});
