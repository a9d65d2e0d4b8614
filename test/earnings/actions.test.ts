import nock from 'nock';

import {
  type ConversionOutput,
  type EarningsBulk,
  type EarningsSummary,
} from '../../src/earnings/outputs';
import { AWIN, AWIN_TOKEN, awinAuth } from '../awin/helpers';
import { networkAuth } from '../everflow/helpers';
import {
  App,
  captureZapierLogs,
  describeError,
  failure,
  resetZapierCache,
  run,
  setupNock,
} from '../support/app';

/**
 * The three earnings actions with nock answering Awin: inputs read before any call, the request
 * each makes, one row per item in order, the trigger's ids, and every refusal (class and message).
 */
setupNock();
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 19);

const transaction = (id: number, status: string, amount: number, ref: string, days: number) => ({
  id,
  advertiserId: 1001,
  commissionStatus: status,
  commissionAmount: { amount, currency: 'GBP' },
  saleAmount: { amount: amount * 10, currency: 'GBP' },
  clickRefs: { clickRef: ref },
  transactionDate: ago(days),
  validationDate: status === 'pending' ? null : ago(days - 1),
});

function answerTransactions(times = 1, dateType: 'transaction' | 'validation' = 'transaction') {
  return nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
    .get('/publishers/100001/transactions/')
    .query({
      startDate: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/,
      endDate: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/,
      timezone: 'UTC',
      dateType,
    })
    .times(times)
    .reply(200, [
      transaction(1, 'approved', 12.5, 'row-7', 10),
      transaction(2, 'pending', 3.1, 'row-7', 2),
      transaction(3, 'pending', 4, 'row-8', 5),
      transaction(4, 'declined', 2, 'ROW-7', 5),
    ]);
}

describe('tracking_ref_earnings', () => {
  const search = App.searches.tracking_ref_earnings;

  it('gives one item with the reference matched exactly (case kept), from one Awin call', async () => {
    answerTransactions();
    const [item] = await run<EarningsSummary[]>(search, { tracking_ref: 'row-7' }, awinAuth);
    expect(item).toMatchObject({
      id: 'row-7',
      conversions: 2,
      approved: 1,
      pending: 1,
      declined: 0,
      commission_text: 'GBP 12.50 approved, 3.10 pending',
      networks: [expect.objectContaining({ network: 'awin', conversions: 2, clicks: null })],
    });
  });

  it('refuses Days out of range before any call', async () => {
    const error = await failure(run(search, { tracking_ref: 'row-7', days: '400' }, awinAuth));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message: 'Days must be a whole number from 1 to 365, but it was "400".',
    });
  });

  it('refuses a period that needs more calls than a run makes, naming the longest that fits, before any report call', async () => {
    nock(AWIN)
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, {
        userId: 5001,
        accounts: [
          { accountId: 100001, accountName: 'Jane', accountType: 'publisher' },
          { accountId: 100002, accountName: 'Jane UK', accountType: 'publisher' },
        ],
      });
    const error = await failure(
      run(search, { tracking_ref: 'row-7', days: '365' }, { awin_access_token: AWIN_TOKEN }),
    );
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        '365 days of Awin conversions need 24 Awin calls (one per 31 days on each of 2 accounts), ' +
        'more than one step makes (12). The longest period that fits is 186 days: choose 186 days ' +
        'or fewer, or choose one Awin account.',
    });
  });

  it('refuses a network the connection has no credentials for', async () => {
    const error = await failure(run(search, { tracking_ref: 'x', network: 'impact' }, awinAuth));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'Your connection has no Impact credentials. Reconnect and fill them in, or leave Network ' +
        'empty to read the networks you connected.',
    });
  });

  it('refuses a connection whose only network cannot report earnings (an Everflow network key)', async () => {
    const error = await failure(run(search, { tracking_ref: 'x' }, networkAuth));
    expect(describeError(error).message).toMatch(
      /^None of the networks in your connection reports earnings here\. Connect an Awin API token, an Everflow partner \(affiliate\) key or an Impact Account SID and Auth Token\. Everflow: Reading earnings needs a partner \(affiliate\) key/,
    );
  });

  it('stops with the reconnect error when Awin refuses the token', async () => {
    nock(AWIN).get('/publishers/100001/transactions/').query(true).reply(401, {});
    const error = await failure(run(search, { tracking_ref: 'row-7' }, awinAuth));
    expect(error.name).toBe('ExpiredAuthError');
    expect(describeError(error).message).toMatch(/^Awin did not accept your credentials \(401\)/);
  });
});

describe('tracking_ref_earnings_batch', () => {
  const bulk = App.creates.tracking_ref_earnings_batch;

  it('gives one row per item in order, from one Awin call for all of them', async () => {
    answerTransactions();
    const result = await run<EarningsBulk>(
      bulk,
      { refs: [{ tracking_ref: 'row-8' }, { tracking_ref: ' ' }, { tracking_ref: 'row-7' }] },
      awinAuth,
    );
    expect(result).toMatchObject({ total: 3, succeeded: 2, failed: 1 });
    expect(
      result.rows.map((row) => [row.index, row.tracking_ref, row.status, row.conversions]),
    ).toEqual([
      [1, 'row-8', 'success', 1],
      [2, '', 'error', undefined],
      [3, 'row-7', 'success', 2],
    ]);
    expect(result.rows[1].error).toBe(
      'Item 2: Tracking Reference is empty. Map the reference you put on the link (the clickref or sub ID).',
    );
    expect(result.rows[0]).not.toHaveProperty('url');
  });

  it('fails every row with the network’s reason when it cannot be read', async () => {
    nock(AWIN).get('/publishers/100001/transactions/').query(true).reply(500, {});
    const result = await run<EarningsBulk>(
      bulk,
      { refs: [{ tracking_ref: 'row-7' }, { tracking_ref: 'row-8' }] },
      awinAuth,
    );
    expect(result.failed).toBe(2);
    expect(result.rows[0].error).toMatch(/^Awin: Awin had a problem on its side \(HTTP 500\)/);
  });

  it('refuses more than 500 references before any call', async () => {
    const refs = Array.from({ length: 501 }, (_, i) => ({ tracking_ref: `r${i}` }));
    const error = await failure(run(bulk, { refs }, awinAuth));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'References has 501 items; one run takes at most 500. Split the list into runs of up to ' +
        '500 (for example with Looping by Zapier).',
    });
  });
});

describe('new_conversion', () => {
  const trigger = App.triggers.new_conversion;
  const logs = captureZapierLogs();

  const joinedProgrammes = () =>
    nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
      .get('/publishers/100001/programmes')
      .query({ relationship: 'joined' });

  it('gives every conversion newest first with network and conversion id, read afresh each poll', async () => {
    answerTransactions(2);
    // Awin's transactions carry only the advertiser's id: the names come from the joined
    // programmes, read once and kept (the second poll asks for them no more).
    const names = joinedProgrammes()
      .once()
      .reply(200, [{ id: 1001, name: 'Acme Shoes' }]);
    const first = await run<ConversionOutput[]>(trigger, { network: 'awin' }, awinAuth);
    expect(first.map((item) => item.id)).toEqual(['awin:2', 'awin:3', 'awin:4', 'awin:1']);
    expect(first[0]).toMatchObject({
      network: 'awin',
      status: 'pending',
      sub_ids: 'clickRef: row-7',
      advertiser_id: 1001,
      advertiser_name: 'Acme Shoes',
    });
    expect(names.isDone()).toBe(true);
    const second = await run<ConversionOutput[]>(trigger, { network: 'awin' }, awinAuth);
    expect(second[0].advertiser_name).toBe('Acme Shoes');
  });

  it('gives the conversions without names when the programme list cannot be read, and says so', async () => {
    resetZapierCache();
    answerTransactions(1);
    joinedProgrammes().reply(503, { error: 'down' });
    const result = await run<ConversionOutput[]>(trigger, { network: 'awin' }, awinAuth);
    expect(result.map((item) => item.advertiser_name)).toEqual([null, null, null, null]);
    expect(logs.join('\n')).toMatch(
      /Awin advertiser names were not read for account 100001 \(Awin had a problem on its side \(HTTP 503.*the conversions are given without them\./,
    );
  });

  it('validated: asks Awin by validation date; approved and declined ones only, the id with the status, filtered by reference', async () => {
    answerTransactions(1, 'validation');
    const items = await run<ConversionOutput[]>(
      trigger,
      { network: 'awin', event: 'validated', tracking_ref: 'row-7' },
      awinAuth,
    );
    expect(items.map((item) => item.id)).toEqual(['awin:1:approved']);
  });

  it('refuses an event it does not know, and a network without a conversion report', async () => {
    const event = await failure(run(trigger, { network: 'awin', event: 'paid' }, awinAuth));
    expect(describeError(event)).toEqual({
      name: 'AppError',
      message: 'Event must be "new" or "validated", but it was "paid". Choose one from the list.',
    });
    const offerslook = await failure(run(trigger, { network: 'offerslook' }, awinAuth));
    expect(describeError(offerslook).message).toMatch(
      /^Offerslook earnings cannot be read: Offerslook documents no conversion or report endpoint for affiliates/,
    );
  });
});
