import nock from 'nock';
import { AWIN, AWIN_TOKEN } from '../awin/helpers';

import { connect, describeError, failure, setupNock } from '../support/app';

setupNock();

const accounts = {
  userId: 5001,
  accounts: [
    {
      accountId: 100001,
      accountName: 'Jane Doe Media',
      accountType: 'publisher',
      userRole: 'admin',
    },
    {
      accountId: 100002,
      accountName: 'Jane Doe Coupons',
      accountType: 'publisher',
      userRole: 'admin',
    },
  ],
};

describe('the connection', () => {
  it('tests Awin with GET /accounts (token in the header) and labels the default publisher', async () => {
    nock(AWIN, { reqheaders: { authorization: `Bearer ${AWIN_TOKEN}` } })
      .get('/accounts')
      .query({ type: 'publisher' })
      .reply(200, accounts);
    const { label, result } = await connect({
      awin_access_token: AWIN_TOKEN,
      awin_publisher_id: '100002',
    });
    expect(label).toBe('Awin Jane Doe Coupons (publisher 100002)');
    expect(result.networks).toEqual(['Awin']);
  });

  it('says how many more accounts the token reaches when no default is set', async () => {
    nock(AWIN).get('/accounts').query(true).reply(200, accounts);
    const { label } = await connect({ awin_access_token: AWIN_TOKEN });
    expect(label).toBe('Awin Jane Doe Media (publisher 100001) +1 more');
  });

  it('ignores Everflow type and region defaults, which Zapier always fills', async () => {
    nock(AWIN).get('/accounts').query(true).reply(200, accounts);
    const { result } = await connect({
      awin_access_token: AWIN_TOKEN,
      everflow_api_type: 'network',
      everflow_region: 'us',
    });
    expect(result.networks).toEqual(['Awin']);
  });

  it('refuses a default publisher the token cannot reach, listing the ones it can', async () => {
    nock(AWIN).get('/accounts').query(true).reply(200, accounts);
    const error = describeError(
      await failure(connect({ awin_access_token: AWIN_TOKEN, awin_publisher_id: '999' })),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "Could not connect. Awin: Awin Publisher ID 999 is not one of this token's publisher accounts " +
        '(Jane Doe Media (100001), Jane Doe Coupons (100002)). Correct it or leave it empty.',
    );
  });

  it('names the network and the reason when a token is refused', async () => {
    nock(AWIN)
      .get('/accounts')
      .query(true)
      .reply(401, { error: 'unauthorized', description: 'Invalid token' });
    const error = describeError(await failure(connect({ awin_access_token: 'expired-token' })));
    expect(error.message).toMatch(
      /^Could not connect\. Awin: Awin did not accept your credentials \(401: Invalid token \(unauthorized\)\)\. Reconnect Awin/,
    );
  });

  it('refuses a connection with no network filled in', async () => {
    const error = describeError(
      await failure(connect({ everflow_api_type: 'network', everflow_region: 'us' })),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'No network is set up in this connection. Fill in the credentials of at least one network: ' +
        'Awin ("Awin API Token"), Everflow ("Everflow API Key"), Offerslook ("Offerslook Network ' +
        'Name", "Offerslook Email", "Offerslook API Key") or Impact ("Impact Account SID", ' +
        '"Impact Auth Token").',
    );
  });

  it('refuses a half-filled network, naming the missing field', async () => {
    const error = describeError(await failure(connect({ awin_publisher_id: '100001' })));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'The connection is half filled in: Awin needs "Awin API Token". Fill in the missing field, or clear that network\'s fields.',
    );
  });
});
