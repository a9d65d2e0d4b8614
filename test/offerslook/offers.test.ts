import { type OfferslookOfferOutput } from '../../src/offerslook/outputs';
import type { NewOfferslookOffer } from '../../triggers/newOfferslookOffer';

import { App, describeError, failure, run, setupNock } from '../support/app';

import {
  offerRow,
  OFFERS_PATH,
  offerslook,
  offerslookAuth,
  success,
  unmatchedRequests,
} from './helpers';

setupNock();
const unmatched = unmatchedRequests();

type Choice = { id: string; name: string };

describe('offerslook_offer_list (hidden dropdown trigger)', () => {
  const list = (page?: number) =>
    run<Choice[]>(
      App.triggers.offerslook_offer_list,
      {},
      offerslookAuth,
      page === undefined ? {} : { page },
    );

  it('reads page 0 as offset 1: all offers, 100 a page, by id', async () => {
    const scope = offerslook()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '100', sort: '+id' })
      .reply(
        200,
        success({
          rowset: [offerRow(16, 'Acme Shoes US'), offerRow(102, 'Acme Shoes Outlet', 1)],
          totalPages: 1,
        }),
      );
    expect(await list()).toEqual([
      { id: '16', name: 'Acme Shoes US (16)' },
      { id: '102', name: 'Acme Shoes Outlet (102)' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('reads Zapier page 2 as offset 3, and an empty page as no more choices', async () => {
    offerslook()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '3', limit: '100', sort: '+id' })
      .reply(200, success({ rowset: [], totalPages: 2 }));
    expect(await list(2)).toEqual([]);
  });

  it('reads rows that are bare offers, and numbers sent as text', async () => {
    offerslook()
      .get(OFFERS_PATH)
      .query(true)
      .reply(200, success({ rowset: [{ id: '7', name: 'Bare Offer' }], totalPages: '1' }));
    expect(await list()).toEqual([{ id: '7', name: 'Bare Offer (7)' }]);
  });
});

describe('offerslook_offer (Find Offerslook Offer)', () => {
  const find = (name: unknown) =>
    run<OfferslookOfferOutput[]>(App.searches.offerslook_offer, { name }, offerslookAuth);

  const page = (offset: number, rows: ReturnType<typeof offerRow>[], totalPages: number) =>
    offerslook()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: String(offset), limit: '100', sort: '+id' })
      .reply(200, success({ rowset: rows, totalPages }));

  it('reads every page, then ranks exact matches first, then partial ones', async () => {
    page(1, [offerRow(16, 'Acme Shoes US'), offerRow(20, 'Bright Lamps')], 3);
    page(2, [offerRow(102, 'acme shoes outlet', 1)], 3);
    page(3, [offerRow(455, 'ACME Shoes'), offerRow(500, 'Shoes by Acme')], 3);

    const found = await find(' acme shoes ');

    expect(found.map((offer) => offer.id)).toEqual([455, 102, 16]);
    expect(found[0]).toEqual({
      id: 455,
      name: 'ACME Shoes',
      status: 'active',
      offer_approval: 2,
      preview_url: 'https://www.shop455.example/',
    });
  });

  it('returns [] when nothing matches', async () => {
    page(1, [offerRow(16, 'Acme Shoes US')], 1);
    expect(await find('garden')).toEqual([]);
  });

  it('stops after 10 pages (1,000 offers)', async () => {
    for (let offset = 1; offset <= 10; offset++) {
      page(offset, [offerRow(offset, `Offer ${offset}`)], 50);
    }
    const found = await find('offer 1');
    expect(found.map((offer) => offer.id)).toEqual([1, 10]);
  });

  it('stops when a page is short and the answer has no totalPages', async () => {
    offerslook()
      .get(OFFERS_PATH)
      .query(true)
      .reply(200, success({ rowset: [offerRow(16, 'Acme Shoes US')] }));
    expect((await find('acme')).map((offer) => offer.id)).toEqual([16]);
  });

  it('requires a name, before any request', async () => {
    const error = describeError(await failure(find('  ')));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe('Offer Name is required: type or map the offer name to look for.');
    expect(unmatched).toEqual([]);
  });
});

describe('new_offerslook_offer (polling trigger)', () => {
  it('asks for the newest 100 offers and returns them highest id first, id as text', async () => {
    const scope = offerslook()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '100', sort: '-id' })
      .reply(
        200,
        success({
          rowset: [
            offerRow(455, 'Acme Shoes'),
            offerRow(870, 'Sunny Travel Deals'),
            offerRow(16, 'Acme Shoes US'),
          ],
          totalPages: 1,
        }),
      );

    const items = await run<NewOfferslookOffer[]>(
      App.triggers.new_offerslook_offer,
      {},
      offerslookAuth,
    );

    expect(scope.isDone()).toBe(true);
    expect(items.map((item) => item.id)).toEqual(['870', '455', '16']);
    expect(items[0]).toEqual({
      id: '870',
      offer_id: 870,
      name: 'Sunny Travel Deals',
      status: 'active',
      offer_approval: 2,
      preview_url: 'https://www.shop870.example/',
    });
  });

  it('passes Offerslook’s refusal on as a message', async () => {
    offerslook()
      .get(OFFERS_PATH)
      .query(true)
      .reply(200, { code: 1004, message: 'limit must be between 1 and 100', data: null });
    const error = describeError(
      await failure(run(App.triggers.new_offerslook_offer, {}, offerslookAuth)),
    );
    expect(error.message).toBe(
      'Offerslook said: limit must be between 1 and 100 (code 1004). Check the values in this ' +
        'step; if they look right, ask your Offerslook network manager.',
    );
  });
});

describe('samples match the output fields', () => {
  const keysOf = (fields: readonly { key: string }[]) => fields.map((field) => field.key).sort();

  it.each([
    ['new_offerslook_offer', App.triggers.new_offerslook_offer.operation],
    ['offerslook_offer', App.searches.offerslook_offer.operation],
  ])('%s', (_key, operation) => {
    const { sample, outputFields } = operation as {
      sample: Record<string, unknown>;
      outputFields: { key: string }[];
    };
    expect(Object.keys(sample).sort()).toEqual(keysOf(outputFields));
  });

  it('offerslook_tracking_links', () => {
    const { sample, outputFields } = App.creates.offerslook_tracking_links.operation as {
      sample: Record<string, unknown> & { links: Record<string, unknown>[] };
      outputFields: { key: string }[];
    };
    const flattened = [
      ...Object.keys(sample).filter((key) => key !== 'links'),
      ...Object.keys(sample.links[0]).map((key) => `links[]${key}`),
    ];
    expect(flattened.sort()).toEqual(keysOf(outputFields));
  });
});
