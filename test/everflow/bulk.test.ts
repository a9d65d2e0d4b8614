import { inRun, NOT_PROCESSED_IN_TIME } from '../../src/core/run';
import { RUN_LIMIT_MS } from '../../src/core/deadline';
import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { type BulkSummary } from '../../src/core/bulk';
import { type Clock } from '../../src/core/rateLimit';
import {
  EVERFLOW_BULK_PACE,
  generateEverflowLinks,
  type EverflowBulkLink,
} from '../../src/everflow/bulk';

import { App, appTester, describeError, failure, run, setupNock } from '../support/app';

import { EVERFLOW, keyHeader, NETWORK_KEY, networkAuth, PARTNER_KEY, partnerAuth } from './helpers';

setupNock();

const action = App.creates.everflow_tracking_links_batch;
type Summary = BulkSummary<EverflowBulkLink>;
type ClickBody = { network_offer_id: number; network_affiliate_id: number; sub1?: string };

const linkFor = (body: ClickBody) =>
  `https://www.acmetrk.example/A${body.network_affiliate_id}/O${body.network_offer_id}/?sub1=${body.sub1 ?? ''}`;

/** Answers every click request like Everflow, refusing one offer; records the bodies. */
function everflowClicks(refuseOffer: number, bodies: ClickBody[]) {
  return nock(EVERFLOW, keyHeader(NETWORK_KEY))
    .persist()
    .post('/v1/networks/tracking/offers/clicks')
    .reply((_uri, body) => {
      const click = body as ClickBody;
      bodies.push(click);
      return click.network_offer_id === refuseOffer
        ? [
            422,
            {
              error: `Affiliate ${click.network_affiliate_id} is not approved to run offer ${refuseOffer}`,
            },
          ]
        : [200, { url: linkFor(click) }];
    });
}

describe('everflow_tracking_links_batch with a network key', () => {
  it('one result per item, in input order; bad items and refusals get their own error', async () => {
    const bodies: ClickBody[] = [];
    everflowClicks(4, bodies);
    const links = Array.from({ length: 40 }, (_, i) => ({
      network_offer_id: i === 9 ? '4' : String((i % 3) + 1),
      network_affiliate_id: '7',
      sub1: `row-${i + 1}`,
    }));
    links[14] = { network_offer_id: 'abc', network_affiliate_id: '7', sub1: 'row-15' };
    links[20] = { ...links[20], sub1: 'x'.repeat(201) };

    const result = await run<Summary>(action, { links }, networkAuth);

    expect(bodies).toHaveLength(38);
    expect(bodies.find((body) => body.sub1 === 'row-1')).toEqual({
      network_offer_id: 1,
      network_affiliate_id: 7,
      sub1: 'row-1',
    });
    expect([result.total, result.succeeded, result.failed]).toEqual([40, 37, 3]);
    expect(result.links.map((link) => link.index)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(result.links[9]).toEqual({
      index: 10,
      network_offer_id: 4,
      status: 'error',
      url: null,
      error:
        'Everflow would not make a link for offer 4 (HTTP 422: Affiliate 7 is not approved to run ' +
        'offer 4). Check that the affiliate is approved to run this offer, and that the offer URL ' +
        'and creative belong to it.',
    });
    expect(result.links[14]).toEqual({
      index: 15,
      network_offer_id: null,
      status: 'error',
      url: null,
      error:
        'Item 15: Offer must be a positive whole number such as 1234, but it was "abc". Choose one ' +
        'from the list or map a field that holds only the numeric ID.',
    });
    expect(result.links[20].error).toBe(
      'Item 21: Sub 1 is 201 characters long; the most allowed is 200. Shorten it and try again.',
    );
    result.links.forEach((link, i) => {
      if ([9, 14, 20].includes(i)) return;
      expect(link).toEqual({
        index: i + 1,
        network_offer_id: (i % 3) + 1,
        status: 'success',
        url: linkFor({
          network_offer_id: (i % 3) + 1,
          network_affiliate_id: 7,
          sub1: `row-${i + 1}`,
        }),
        error: null,
      });
    });
  });

  it('keeps no more requests in flight than its concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    nock(EVERFLOW)
      .persist()
      .post('/v1/networks/tracking/offers/clicks')
      .reply(async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setImmediate(resolve));
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return [200, { url: 'https://www.acmetrk.example/A/B/' }];
      });
    const links = Array.from({ length: 30 }, () => ({
      network_offer_id: 1,
      network_affiliate_id: 7,
    }));
    const result = await run<Summary>(action, { links }, networkAuth);
    expect(result.succeeded).toBe(30);
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(EVERFLOW_BULK_PACE.network.concurrency);
  });

  it('an expired key stops the whole run (ExpiredAuthError) and starts no further request', async () => {
    let requests = 0;
    nock(EVERFLOW)
      .persist()
      .post('/v1/networks/tracking/offers/clicks')
      .reply(() => {
        requests += 1;
        return [401, { error: 'No Authentication Method Found' }];
      });
    const links = Array.from({ length: 50 }, (_, i) => ({
      network_offer_id: i + 1,
      network_affiliate_id: 7,
    }));
    const error = describeError(await failure(run(action, { links }, networkAuth)));
    expect(error.name).toBe('ExpiredAuthError');
    // Give anything still queued the chance to run: nothing more may reach Everflow.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(requests).toBeLessThanOrEqual(EVERFLOW_BULK_PACE.network.concurrency);
  });

  it('a 429 waits the delay and asks again, so the item still gets its link', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/tracking/offers/clicks')
      .reply(429, {}, { 'Retry-After': '1' })
      .post('/v1/networks/tracking/offers/clicks')
      .reply(200, { url: 'https://t.example/after-wait' });
    const links = [{ network_offer_id: 1, network_affiliate_id: 7 }];
    const result = await run<Summary>(action, { links }, networkAuth);
    expect(result.links[0]).toMatchObject({
      status: 'success',
      url: 'https://t.example/after-wait',
    });
  });

  it('a 429 that outlasts the retries fails only that item; the others keep their links', async () => {
    let calls = 0;
    nock(EVERFLOW)
      .persist()
      .post('/v1/networks/tracking/offers/clicks')
      .reply((_uri, body) => {
        calls += 1;
        return (body as { network_offer_id: number }).network_offer_id === 2
          ? [429, {}, { 'Retry-After': '1' }]
          : [200, { url: 'https://t.example/ok' }];
      });
    const links = [1, 2, 3].map((offer) => ({ network_offer_id: offer, network_affiliate_id: 7 }));
    const result = await run<Summary>(action, { links }, networkAuth);
    expect(result.links.map((link) => link.status)).toEqual(['success', 'error', 'success']);
    expect(result.links[1].error).toBe(
      'Everflow is limiting how many requests it takes (429) and this run had no time left to ask ' +
        'again. Run the step again for the rows marked like this.',
    );
    expect(calls).toBe(5); // offer 2 asked three times in all: never in a loop
  });

  it('an item with a partner-only choice fails alone', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/tracking/offers/clicks')
      .reply(200, { url: 'https://t.example/1' });
    const result = await run<Summary>(
      action,
      {
        links: [
          { network_offer_id: 1, network_affiliate_id: 7 },
          { network_offer_id: 2, network_affiliate_id: 7, link_type: 'impression' },
        ],
      },
      networkAuth,
    );
    expect(result.links.map((link) => link.status)).toEqual(['success', 'error']);
    expect(result.links[1].error).toMatch(
      /^Item 2: Impression links need a partner \(affiliate\) key/,
    );
  });
});

describe('everflow_tracking_links_batch with a partner key', () => {
  it('asks Everflow once per distinct offer, offer URL and link type, and adds the subs locally', async () => {
    const asked: string[] = [];
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .persist()
      .get(/^\/v1\/affiliates\/offers\/\d+\/(url|impressionurl)\/\d+$/)
      .reply(function (uri) {
        asked.push(uri);
        const [, , , , offer, kind, urlId] = uri.split('/');
        if (offer === '4') return [400, { Error: 'You are not allowed to run offer 4' }];
        const base = `https://www.acmetrk.example/${kind === 'url' ? '' : 'i/'}P7/O${offer}/`;
        return [
          200,
          kind === 'url' ? { tracking_url: `${base}?uid=${urlId}` } : { impression_url: base },
        ];
      });
    const links = Array.from({ length: 60 }, (_, i) => ({
      network_offer_id: String([1, 2, 4][i % 3]),
      network_offer_url_id: i % 2 === 0 ? '0' : '11',
      sub1: `row ${i + 1}`,
      link_type: i === 59 ? 'impression' : 'click',
    }));

    const result = await run<Summary>(action, { links }, partnerAuth);

    expect([...asked].sort()).toEqual(
      [
        '/v1/affiliates/offers/1/url/0',
        '/v1/affiliates/offers/1/url/11',
        '/v1/affiliates/offers/2/url/0',
        '/v1/affiliates/offers/2/url/11',
        '/v1/affiliates/offers/4/url/0',
        '/v1/affiliates/offers/4/url/11',
        '/v1/affiliates/offers/4/impressionurl/11',
      ].sort(),
    );
    expect([result.total, result.succeeded, result.failed]).toEqual([60, 40, 20]);
    expect(result.links[0]).toEqual({
      index: 1,
      network_offer_id: 1,
      status: 'success',
      url: 'https://www.acmetrk.example/P7/O1/?uid=0&sub1=row+1',
      error: null,
    });
    expect(result.links[3].url).toBe('https://www.acmetrk.example/P7/O1/?uid=11&sub1=row+4');
    expect(result.links[2]).toMatchObject({
      index: 3,
      network_offer_id: 4,
      status: 'error',
      url: null,
    });
    expect(result.links[2].error).toBe(
      'Everflow would not make a link for offer 4 (HTTP 400: You are not allowed to run offer 4). ' +
        'Check that you are approved to run this offer, and that the offer URL belongs to it.',
    );
  });

  it('a network-only field fails only its own item', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offers/1/url/0')
      .reply(200, { url: 'https://t.example/P/1/' });
    const result = await run<Summary>(
      action,
      { links: [{ network_offer_id: 1 }, { network_offer_id: 1, creative_id: 5 }] },
      partnerAuth,
    );
    expect(result.links[0]).toMatchObject({ status: 'success', url: 'https://t.example/P/1/' });
    expect(result.links[1].error).toBe(
      "Item 2: Creative needs a network key, but this connection's Everflow Key Type is Partner / " +
        'affiliate. Clear that field, or use a connection with a network key (Everflow Key Type: Network).',
    );
  });
});

describe('everflow_tracking_links_batch sizing', () => {
  it('refuses more than 500 network links before any request, saying how to split', async () => {
    const links = Array.from({ length: 501 }, () => ({
      network_offer_id: 1,
      network_affiliate_id: 7,
    }));
    const error = describeError(await failure(run(action, { links }, networkAuth)));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Links has 501 items; one run takes at most 500. Split the list into runs of up to 500 ' +
        '(for example with Looping by Zapier).',
    );
  });

  it('partner runs take 1,000 items but at most 100 different offers and offer URLs', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => ({ network_offer_id: (i % 10) + 1 }));
    nock(EVERFLOW)
      .persist()
      .get(/\/v1\/affiliates\/offers\/\d+\/url\/0/)
      .reply(200, { url: 'https://t.example/base' });
    const result = await run<Summary>(action, { links: many }, partnerAuth);
    expect(result.succeeded).toBe(1000);
    nock.cleanAll();

    const tooMany = Array.from({ length: 101 }, (_, i) => ({ network_offer_id: i + 1 }));
    const error = describeError(await failure(run(action, { links: tooMany }, partnerAuth)));
    expect(error.message).toBe(
      'Links asks for 101 different offers and offer URLs; one run takes at most 100 (each costs one ' +
        'Everflow call). Split the list into runs of up to 100 different offers (for example with ' +
        'Looping by Zapier).',
    );
  });

  it('a connection without an Everflow key stops the run once, not per item', async () => {
    const links = [1, 2].map((offer) => ({ network_offer_id: offer, network_affiliate_id: 7 }));
    const error = describeError(await failure(run(action, { links }, { awin_access_token: 'x' })));
    expect(error.message).toBe(
      'This connection has no Everflow API Key. Reconnect and fill in "Everflow API Key".',
    );
  });

  it('refuses an empty list', async () => {
    const error = describeError(await failure(run(action, { links: [] }, networkAuth)));
    expect(error.message).toBe(
      'Links is empty. Add at least one item, or map line items from an earlier step.',
    );
  });

  it('returns without a request when every item is invalid', async () => {
    const result = await run<Summary>(action, { links: [{ network_offer_id: 1 }] }, networkAuth);
    expect(result).toEqual({
      total: 1,
      succeeded: 0,
      failed: 1,
      links: [
        {
          index: 1,
          network_offer_id: 1,
          status: 'error',
          url: null,
          error: 'Item 1: Affiliate is required. Choose one from the list or map a numeric ID.',
        },
      ],
    });
  });

  it('starts no request after the time budget; the items left say so, in order', async () => {
    // A slow pace (1 request a second) so that 100 links would need 100 s: only 26 fit in 25 s.
    const clock: Clock & { time: number } = {
      time: 0,
      now: () => clock.time,
      sleep: async (ms: number) => {
        clock.time += ms;
      },
    };
    let sent = 0;
    nock(EVERFLOW)
      .persist()
      .post('/v1/networks/tracking/offers/clicks')
      .reply(() => {
        sent += 1;
        return [200, { url: 'https://www.acmetrk.example/A/B/' }];
      });
    const links = Array.from({ length: 100 }, (_, i) => ({
      network_offer_id: i + 1,
      network_affiliate_id: 7,
    }));
    const pace = { ratePerSecond: 1, burst: 1, concurrency: 4 };
    const perform = inRun(
      (z: ZObject, bundle: Bundle) => generateEverflowLinks(z, bundle, { pace }),
      { clock },
    );

    const result = (await appTester(perform, {
      inputData: { links },
      authData: networkAuth,
    })) as Summary;

    // One request a second from 0 s; the turn at 25 s would have less than a second left, so it is
    // not started (MIN_REQUEST_MS).
    const expected = RUN_LIMIT_MS / 1000;
    expect(sent).toBe(expected);
    expect(clock.time).toBeLessThanOrEqual(RUN_LIMIT_MS);
    expect([result.total, result.succeeded, result.failed]).toEqual([
      100,
      expected,
      100 - expected,
    ]);
    expect(result.links.map((link) => link.index)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    const late = result.links.filter((link) => link.status === 'error');
    expect(late[0].index).toBe(expected + 1);
    for (const link of late) {
      expect(link.error).toBe(NOT_PROCESSED_IN_TIME);
    }
  });
});
