import nock from 'nock';
import { AWIN, AWIN_TOKEN } from '../awin/helpers';

import { App, connect, describeError, failure, run, setupNock } from '../support/app';

import {
  offerRow,
  OFFERS_PATH,
  OFFERSLOOK,
  offerslook,
  OFFERSLOOK_BASIC_VALUE,
  OFFERSLOOK_EMAIL,
  OFFERSLOOK_KEY,
  offerslookAuth,
  success,
  unmatchedRequests,
} from './helpers';

setupNock();
const unmatched = unmatchedRequests();

const oneOffer = success({ rowset: [offerRow(16, 'Acme Shoes US')], totalPages: 40 });
const NAME_FIX =
  'Offerslook Network Name must be just the first part of your API address, e.g. acme for ' +
  'acme.api.offerslook.com';

describe('the Offerslook connection', () => {
  it('tests with a one-item offer list (Basic credential in the header) and labels the network', async () => {
    const scope = offerslook()
      .get(OFFERS_PATH)
      .query({ type: 'all', offset: '1', limit: '1', sort: '+id' })
      .reply(200, oneOffer);
    const { label, result } = await connect(offerslookAuth);
    expect(scope.isDone()).toBe(true);
    expect(label).toBe('Offerslook acme');
    expect(result.networks).toEqual(['Offerslook']);
  });

  it('names every connected network in the label', async () => {
    nock(AWIN)
      .get('/accounts')
      .query(true)
      .reply(200, {
        userId: 5001,
        accounts: [{ accountId: 100001, accountName: 'Jane Doe Media', accountType: 'publisher' }],
      });
    offerslook().get(OFFERS_PATH).query(true).reply(200, oneOffer);
    const { label } = await connect({ awin_access_token: AWIN_TOKEN, ...offerslookAuth });
    expect(label).toBe('Awin Jane Doe Media (publisher 100001) · Offerslook acme');
  });

  it('names the network and the reason when the credentials are refused', async () => {
    offerslook()
      .get(OFFERS_PATH)
      .query(true)
      .reply(401, { code: 401, message: 'Authentication failed', data: null });
    const error = describeError(await failure(connect(offerslookAuth)));
    expect(error.message).toMatch(
      /^Could not connect\. Offerslook: Offerslook did not accept your credentials \(401: Authentication failed\)\. Reconnect Offerslook/,
    );
  });

  it.each([
    [{ offerslook_network: 'acme' }, '"Offerslook Email" and "Offerslook API Key"'],
    [{ offerslook_network: 'acme', offerslook_email: OFFERSLOOK_EMAIL }, '"Offerslook API Key"'],
    [{ offerslook_api_key: OFFERSLOOK_KEY }, '"Offerslook Network Name" and "Offerslook Email"'],
  ])('refuses a half-filled Offerslook (%j), naming what is missing', async (authData, missing) => {
    const error = describeError(await failure(connect(authData)));
    expect(error.message).toBe(
      `The connection is half filled in: Offerslook needs ${missing}. Fill in the missing field, ` +
        "or clear that network's fields.",
    );
    expect(unmatched).toEqual([]);
  });

  it('refuses an email with a colon, which Basic authentication cannot carry', async () => {
    const error = describeError(
      await failure(connect({ ...offerslookAuth, offerslook_email: 'jane:doe@acme.example' })),
    );
    expect(error.message).toContain('Offerslook Email must be the email address you sign in with');
    expect(unmatched).toEqual([]);
  });
});

describe('the Offerslook network name', () => {
  const withNetwork = (network: string) =>
    run(App.triggers.offerslook_offer_list, {}, { ...offerslookAuth, offerslook_network: network });

  it.each([
    'evil.com/x',
    'a.b',
    'acme@x',
    'acme x',
    'acme/',
    '-acme',
    'acme-',
    'a'.repeat(64),
    'é',
  ])('refuses %j before any request, naming the field and the fix', async (network) => {
    const error = describeError(await failure(withNetwork(network)));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      `${NAME_FIX}, but it is "${network.slice(0, 70)}". Reconnect Offerslook and correct it.`,
    );
    expect(unmatched).toEqual([]);
  });

  it('refuses it in the connection test too, before any request', async () => {
    const error = describeError(
      await failure(connect({ ...offerslookAuth, offerslook_network: 'acme.evil.example' })),
    );
    expect(error.message).toBe(
      `Could not connect. Offerslook: ${NAME_FIX}, but it is "acme.evil.example". Reconnect ` +
        'Offerslook and correct it.',
    );
    expect(unmatched).toEqual([]);
  });

  it('accepts " Acme " as acme', async () => {
    const scope = offerslook().get(OFFERS_PATH).query(true).reply(200, oneOffer);
    await withNetwork(' Acme ');
    expect(scope.isDone()).toBe(true);
  });

  it('fills {network} in OFFERSLOOK_API_URL', async () => {
    process.env.OFFERSLOOK_API_URL = 'http://127.0.0.1:4010/offerslook/{network}/';
    try {
      const scope = nock('http://127.0.0.1:4010', {
        reqheaders: { authorization: `Basic ${OFFERSLOOK_BASIC_VALUE}` },
      })
        .get(`/offerslook/acme${OFFERS_PATH}`)
        .query(true)
        .reply(200, oneOffer);
      await withNetwork('acme');
      expect(scope.isDone()).toBe(true);
    } finally {
      delete process.env.OFFERSLOOK_API_URL;
    }
  });

  it('goes to acme.api.offerslook.com by default', async () => {
    const scope = nock(OFFERSLOOK).get(OFFERS_PATH).query(true).reply(200, oneOffer);
    await withNetwork('acme');
    expect(scope.isDone()).toBe(true);
  });
});
