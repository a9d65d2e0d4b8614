import fc from 'fast-check';

import {
  UNPAIRED_ITEM,
  batchOutcome,
  linkKey,
  pairBatchAnswers,
  requestKey,
} from '../../src/awin/pairing';
import { AWIN_CLICK_PARAMETERS, type AwinLinkRequest } from '../../src/awin/schemas';

/**
 * Pairing generate-batch answers with rows when Awin's echo is there, missing or unreadable: a row
 * gets a link only when the echo or the link itself names that row's request.
 */

/** The link Awin makes for a request: a deep link with `ued`, else the default link. */
function linkFor(request: AwinLinkRequest): string {
  const url = request.destinationUrl
    ? new URL('https://www.awin1.com/cread.php')
    : new URL('https://www.awin1.com/awclick.php');
  if (request.destinationUrl) {
    url.searchParams.set('awinmid', String(request.advertiserId));
    url.searchParams.set('awinaffid', '100001');
    url.searchParams.set('ued', request.destinationUrl);
  } else {
    url.searchParams.set('mid', String(request.advertiserId));
    url.searchParams.set('id', '100001');
  }
  for (const name of AWIN_CLICK_PARAMETERS) {
    const value = request.parameters?.[name];
    if (value) url.searchParams.set(name, value);
  }
  return url.href;
}

/** The request as Awin echoes it: the destination normalised, the publisher added. */
function echoOf(request: AwinLinkRequest) {
  return {
    publisherId: 100001,
    advertiserId: request.advertiserId,
    ...(request.destinationUrl ? { destinationUrl: new URL(request.destinationUrl).href } : {}),
    ...(request.parameters ? { parameters: request.parameters } : {}),
  };
}

const withEcho = (request: AwinLinkRequest) => ({
  status: 200,
  body: { url: linkFor(request), request: echoOf(request) },
});
const noEcho = (request: AwinLinkRequest) => ({ status: 200, body: { url: linkFor(request) } });
const badEcho = (request: AwinLinkRequest) => ({
  status: 200,
  body: { url: linkFor(request), request: { ...echoOf(request), advertiserId: 'abc' } },
});
const refused = { status: 400, body: { destinationUrl: 'deeplinkNotPermitted' } };

/** What each row ends with: its link, or its error. */
function outcomes(requests: AwinLinkRequest[], answers: unknown[]) {
  return pairBatchAnswers(requests, answers).map((item, row) => batchOutcome(item, requests[row]));
}

const shop = 'https://www.acmeshoes.example';
const boots: AwinLinkRequest = {
  advertiserId: 1001,
  destinationUrl: `${shop}/boots`,
  parameters: { clickref: 'row-1' },
};
const socks: AwinLinkRequest = {
  advertiserId: 1001,
  destinationUrl: `${shop}/socks`,
  parameters: { clickref: 'row-2' },
};

describe('the issue’s cases: where the echo is missing or unreadable, the link names the row', () => {
  it('two answers swapped with no echo: each row gets its own link, never the other’s', () => {
    expect(outcomes([boots, socks], [noEcho(socks), noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(socks) },
    ]);
  });

  it('two answers swapped with a non-numeric echoed advertiser id: each row gets its own link', () => {
    expect(outcomes([boots, socks], [badEcho(socks), badEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(socks) },
    ]);
  });

  it('one answer sent twice without an echo: its row gets it once, the other row an error', () => {
    expect(outcomes([boots, socks], [noEcho(boots), noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { error: UNPAIRED_ITEM },
    ]);
  });

  it('the same with an unreadable echo', () => {
    expect(outcomes([boots, socks], [badEcho(boots), badEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { error: UNPAIRED_ITEM },
    ]);
  });

  it('links that name no row (not an Awin link) are given to no one, even in the right number', () => {
    const short = (n: number) => ({ status: 200, body: { url: `https://tidd.ly/${n}` } });
    expect(outcomes([boots, socks], [short(1), short(2)])).toEqual([
      { error: UNPAIRED_ITEM },
      { error: UNPAIRED_ITEM },
    ]);
  });

  it('the error says what happened and what to do', () => {
    expect(UNPAIRED_ITEM).toMatch(/could not be matched to it with certainty/);
    expect(UNPAIRED_ITEM).toMatch(/no link was given out\. Run the step again for this row\.$/);
  });
});

describe('what a link must name', () => {
  it('the click reference: a link without the row’s clickref, or with another, is refused', () => {
    const bare = { ...boots, parameters: undefined };
    const other = { ...boots, parameters: { clickref: 'row-9' } };
    expect(outcomes([boots], [noEcho(bare)])).toEqual([{ error: UNPAIRED_ITEM }]);
    expect(outcomes([boots], [noEcho(other)])).toEqual([{ error: UNPAIRED_ITEM }]);
    // And a row without a clickref refuses a link that carries one.
    expect(outcomes([bare], [noEcho(boots)])).toEqual([{ error: UNPAIRED_ITEM }]);
    expect(outcomes([bare], [noEcho(bare)])).toEqual([{ url: linkFor(bare) }]);
  });

  it('the other click parameters too, under the names the request gives them', () => {
    const tagged = { ...boots, parameters: { clickref: 'row-1', clickref2: 'summer' } };
    expect(outcomes([tagged, boots], [noEcho(boots), noEcho(tagged)])).toEqual([
      { url: linkFor(tagged) },
      { url: linkFor(boots) },
    ]);
  });

  it('the destination, compared as pairing compares echoes (https://shop = https://shop/)', () => {
    const home: AwinLinkRequest = { advertiserId: 1001, destinationUrl: shop };
    const link = `https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=${encodeURIComponent(`${shop}/`)}`;
    expect(outcomes([home], [{ status: 200, body: { url: link } }])).toEqual([{ url: link }]);
    expect(outcomes([{ ...home, destinationUrl: `${shop}/boots` }], [noEcho(home)])).toEqual([
      { error: UNPAIRED_ITEM },
    ]);
  });

  it('a row without a destination takes only a link without one (the default awclick link)', () => {
    const plain: AwinLinkRequest = { advertiserId: 1001 };
    const deep: AwinLinkRequest = { advertiserId: 1001, destinationUrl: `${shop}/` };
    expect(outcomes([plain, deep], [noEcho(deep), noEcho(plain)])).toEqual([
      { url: 'https://www.awin1.com/awclick.php?mid=1001&id=100001' },
      { url: linkFor(deep) },
    ]);
    // An empty ued names no destination either.
    const emptyUed = 'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001&ued=';
    expect(outcomes([plain], [{ status: 200, body: { url: emptyUed } }])).toEqual([
      { url: emptyUed },
    ]);
  });

  it('the advertiser: never another advertiser’s link, even for the same destination', () => {
    const other = { ...boots, advertiserId: 1002 };
    expect(outcomes([boots, other], [noEcho(other), noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(other) },
    ]);
    expect(outcomes([boots], [noEcho(other)])).toEqual([{ error: UNPAIRED_ITEM }]);
  });

  it('a link naming a parameter twice names no request', () => {
    expect(linkKey(`${linkFor(boots)}&awinmid=1002`)).toBeUndefined();
    expect(linkKey(`${linkFor(boots)}&clickref=row-2`)).toBeUndefined();
    expect(linkKey(`${linkFor(boots)}&ued=x`)).toBeUndefined();
    expect(linkKey(linkFor(boots))).toBe(requestKey(boots));
  });

  it('only Awin’s link kinds with a numeric advertiser name a request', () => {
    expect(linkKey('https://www.awin1.com/pclick.php?p=1&a=100001&m=1001')).toBeUndefined();
    expect(linkKey('https://www.awin1.com/cread.php?awinmid=abc&ued=x')).toBeUndefined();
    expect(linkKey('https://www.awin1.com/cread.php?awinaffid=100001')).toBeUndefined();
    expect(linkKey('not a link')).toBeUndefined();
  });
});

describe('identical requests and answers without a link', () => {
  it('identical rows share nothing they did not get: one echo-less answer goes to one of them', () => {
    expect(outcomes([boots, boots], [noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { error: UNPAIRED_ITEM },
    ]);
    expect(outcomes([boots, boots], [noEcho(boots), noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(boots) },
    ]);
  });

  it('a refusal without an echo is its row’s error when nothing shows the order was changed', () => {
    const [first, second] = outcomes([boots, socks], [noEcho(boots), refused]);
    expect(first).toEqual({ url: linkFor(boots) });
    expect(second.error).toContain('does not allow deep links');
  });

  it('a refusal without an echo is given to no one when the answer shows another order', () => {
    expect(outcomes([boots, socks], [refused, noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { error: UNPAIRED_ITEM },
    ]);
  });

  it('an item that cannot be read at all is its row’s error in order, and no one’s otherwise', () => {
    const [, second] = outcomes([boots, socks], [noEcho(boots), 'garbage']);
    expect(second.error).toMatch(/^Awin sent an answer this integration cannot read/);
    expect(outcomes([boots, socks], ['garbage', noEcho(socks), noEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(socks) },
    ]);
  });

  it('a readable echo still wins: echoed answers in another order pair by their echo', () => {
    expect(outcomes([boots, socks], [withEcho(socks), withEcho(boots)])).toEqual([
      { url: linkFor(boots) },
      { url: linkFor(socks) },
    ]);
  });
});

// --- property: reordered, duplicated, dropped and echo-less answers ----------------------------

const requestArb: fc.Arbitrary<AwinLinkRequest> = fc
  .record({
    advertiserId: fc.constantFrom(1001, 1002),
    destinationUrl: fc.constantFrom(undefined, shop, `${shop}/`, `${shop}/socks`, `${shop}/a b`),
    clickref: fc.constantFrom(undefined, 'a', 'b'),
    clickref2: fc.constantFrom(undefined, 'x'),
  })
  .map(({ advertiserId, destinationUrl, clickref, clickref2 }) => {
    const parameters = {
      ...(clickref ? { clickref } : {}),
      ...(clickref2 ? { clickref2 } : {}),
    };
    return {
      advertiserId,
      ...(destinationUrl ? { destinationUrl } : {}),
      ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    };
  });

type Mode = 'echo' | 'echo-top' | 'none' | 'bad-echo' | 'refused' | 'refused-echo';
const modeArb = fc.constantFrom<Mode>(
  'echo',
  'echo-top',
  'none',
  'bad-echo',
  'refused',
  'refused-echo',
);

interface Answer {
  status: number;
  body: object;
  request?: unknown;
}

/** Awin's answer for a request as sent with a given mode; each answer its own body object. */
function answerFor(request: AwinLinkRequest, mode: Mode): Answer {
  switch (mode) {
    case 'echo':
      return withEcho(request);
    case 'echo-top':
      return { ...noEcho(request), request: echoOf(request) };
    case 'none':
      return noEcho(request);
    case 'bad-echo':
      return badEcho(request);
    case 'refused':
      return { status: 400, body: { destinationUrl: 'deeplinkNotPermitted' } };
    case 'refused-echo':
      return {
        status: 400,
        body: { destinationUrl: 'deeplinkNotPermitted', request: echoOf(request) },
      };
  }
}

const batchArb = fc
  .record({
    rows: fc.array(requestArb, { minLength: 1, maxLength: 8 }),
    // Answers for requests no row made: a stranger's links must never be handed out.
    strangers: fc.array(requestArb, { maxLength: 3 }),
  })
  .chain(({ rows, strangers }) =>
    fc.record({
      rows: fc.constant(rows),
      strangers: fc.constant(strangers),
      picks: fc.oneof(
        // Awin's answer in order, each item with or without its echo.
        fc.tuple(...rows.map((_, index) => fc.tuple(fc.constant(index), modeArb))),
        // Reordered, duplicated, dropped, and strangers mixed in.
        fc.array(fc.tuple(fc.nat(rows.length + strangers.length - 1), modeArb), {
          maxLength: rows.length + 3,
        }),
      ),
    }),
  );

describe('property: no row ever gets a link naming another row’s request', () => {
  it('holds over reordered, duplicated, dropped and echo-less answers', () => {
    fc.assert(
      fc.property(batchArb, ({ rows, strangers, picks }) => {
        const sources = [...rows, ...strangers];
        const answers = picks.map(([source, mode]) => answerFor(sources[source], mode));
        const paired = pairBatchAnswers(rows, answers);
        const results = paired.map((item, row) => batchOutcome(item, rows[row]));

        results.forEach((result, row) => {
          if (result.url === undefined) {
            expect(result.error).toEqual(expect.any(String));
            return;
          }
          // The link names this row's request (a stranger's link, or a neighbour's, never).
          expect(linkKey(result.url)).toBe(requestKey(rows[row]));
        });

        // An answer without a readable echo goes to at most one row.
        const echoLess = new Set(
          picks.flatMap(([, mode], index) =>
            mode === 'none' || mode === 'bad-echo' || mode === 'refused' ? [index] : [],
          ),
        );
        const given = paired.flatMap((item) => {
          if (typeof item !== 'object') return [];
          const index = answers.findIndex((answer) => answer.body === item.body);
          return echoLess.has(index) ? [index] : [];
        });
        expect(new Set(given).size).toBe(given.length);
      }),
      { numRuns: 1000 },
    );
  });

  it('loses nothing: every complete answer in any order, echoed or not, gives each row its link', () => {
    const linkModes = fc.constantFrom<Mode>('echo', 'echo-top', 'none', 'bad-echo');
    fc.assert(
      fc.property(
        fc.array(requestArb, { minLength: 1, maxLength: 8 }).chain((rows) =>
          fc.record({
            rows: fc.constant(rows),
            order: fc.shuffledSubarray(
              rows.map((_, index) => index),
              { minLength: rows.length, maxLength: rows.length },
            ),
            modes: fc.array(linkModes, { minLength: rows.length, maxLength: rows.length }),
          }),
        ),
        ({ rows, order, modes }) => {
          const answers = order.map((row, index) => answerFor(rows[row], modes[index]));
          // Each row's own link (https://shop and https://shop/ are the same request).
          const keys = outcomes(rows, answers).map((result) =>
            result.url === undefined ? result.error : linkKey(result.url),
          );
          expect(keys).toEqual(rows.map(requestKey));
        },
      ),
      { numRuns: 500 },
    );
  });
});
