import nock from 'nock';

import { App, connect, describeError, failure, run, setupNock } from '../support/app';

import {
  EVERFLOW,
  EVERFLOW_EU,
  keyHeader,
  NETWORK_KEY,
  networkAuth,
  PARTNER_KEY,
  partnerAuth,
} from './helpers';

setupNock();

const action = App.creates.everflow_tracking_link;
const networkInput = { network_offer_id: 1, network_affiliate_id: 7 };
const makeNetworkLink = (auth: Record<string, string> = networkAuth) =>
  run(action, networkInput, auth);
const makePartnerLink = (auth: Record<string, string> = partnerAuth) =>
  run(action, { network_offer_id: 1 }, auth);
const replyClicks = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  nock(EVERFLOW)
    .post('/v1/networks/tracking/offers/clicks')
    .reply(status, body as nock.Body, headers);

const AUTH_HINT =
  'Reconnect Everflow with a current API key: a network key is made in the Everflow Control ' +
  'Center under Security → API Keys, a partner key in the partner portal under My Account → API.';

describe('the Everflow connection', () => {
  it('tests a network key with GET /networks (key in the header) and labels the network', async () => {
    nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .get('/v1/networks')
      .reply(200, { network_id: 1, name: 'Acme Network', status: 'active' });
    const { label, result } = await connect({ ...networkAuth, everflow_region: 'us' });
    expect(label).toBe('Everflow Acme Network');
    expect(result.networks).toEqual(['Everflow']);
  });

  it('tests a partner key with GET /affiliates and labels the partner account', async () => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates')
      .reply(200, { network_affiliate_id: 7, name: 'Jamie Partner', account_status: 'active' });
    const { label } = await connect(partnerAuth);
    expect(label).toBe('Everflow Jamie Partner (partner 7)');
  });

  it('uses the EU address for the EU region and a network key when the type is empty', async () => {
    nock(EVERFLOW_EU, keyHeader(NETWORK_KEY))
      .get('/v1/networks')
      .reply(200, { network_id: 2, name: 'Euro Network' });
    const { label } = await connect({ everflow_api_key: NETWORK_KEY, everflow_region: 'eu' });
    expect(label).toBe('Everflow Euro Network');
  });

  it('uses EVERFLOW_API_URL when set, without a trailing slash', async () => {
    process.env.EVERFLOW_API_URL = 'http://127.0.0.1:9/everflow/v1/';
    try {
      nock('http://127.0.0.1:9')
        .get('/everflow/v1/networks')
        .reply(200, { network_id: 1, name: 'Acme Network' });
      const { label } = await connect({ ...networkAuth, everflow_region: 'eu' });
      expect(label).toBe('Everflow Acme Network');
    } finally {
      delete process.env.EVERFLOW_API_URL;
    }
  });

  it('names Everflow and the reason when the key is refused', async () => {
    nock(EVERFLOW).get('/v1/networks').reply(401, { error: 'No Authentication Method Found' });
    const error = describeError(await failure(connect(networkAuth)));
    expect(error.message).toBe(
      'Could not connect. Everflow: Everflow did not accept your credentials (401: No ' +
        `Authentication Method Found). ${AUTH_HINT}`,
    );
  });

  it('says the key is a partner key when a network test answers "Out of realm"', async () => {
    nock(EVERFLOW).get('/v1/networks').reply(403, { error: 'Out of realm' });
    const error = describeError(await failure(connect(networkAuth)));
    expect(error.message).toBe(
      "Could not connect. Everflow: This Everflow key is a partner (affiliate) key, but the connection's " +
        'Everflow Key Type is Network. Reconnect and set Everflow Key Type to Partner / affiliate.',
    );
  });

  it('ignores the key type and region on their own: only the key starts Everflow', async () => {
    const error = describeError(
      await failure(connect({ everflow_api_type: 'affiliate', everflow_region: 'eu' })),
    );
    expect(error.message).toMatch(/^No network is set up in this connection\./);
  });

  it.each([
    [
      { everflow_api_type: 'advertiser' },
      'Everflow Key Type must be Network or Partner / affiliate',
    ],
    [{ everflow_region: 'asia' }, 'Everflow Region must be "us" or "eu", but it was "asia".'],
  ])('refuses an unknown setting %j before any request', async (setting, message) => {
    const error = describeError(await failure(connect({ ...networkAuth, ...setting })));
    expect(error.message).toContain(message);
  });
});

describe('Everflow answers become errors a user can act on', () => {
  it('401 asks to reconnect (ExpiredAuthError) and says where keys are made', async () => {
    replyClicks(401, { error: 'No Authentication Method Found' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe(
      `Everflow did not accept your credentials (401: No Authentication Method Found). ${AUTH_HINT}`,
    );
  });

  it('"Out of realm" on a network path: the key is a partner key', async () => {
    replyClicks(403, { error: 'Out of realm' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "This Everflow key is a partner (affiliate) key, but the connection's Everflow Key Type is " +
        'Network. Reconnect and set Everflow Key Type to Partner / affiliate.',
    );
  });

  it('"Out of realm" on a partner path: the key is a network key (capital Error key too)', async () => {
    nock(EVERFLOW).get('/v1/affiliates/offers/1/url/0').reply(403, { Error: 'Out of realm' });
    const error = describeError(await failure(makePartnerLink()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "This Everflow key is a network key, but the connection's Everflow Key Type is Partner / " +
        'affiliate. Reconnect and set Everflow Key Type to Network.',
    );
  });

  it('another 403 mentions permissions and the API IP whitelist', async () => {
    replyClicks(403, { error: 'Forbidden' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Everflow refused access (403: Forbidden). Check that this API key may use this part of ' +
        'Everflow; if your network uses an API IP whitelist (Control Center → Security → API ' +
        "Whitelist), Zapier's servers must be allowed.",
    );
  });

  it('400 on a link names the offer and what to check, reading the capital Error key', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offers/1/url/0')
      .reply(400, { Error: 'You are not allowed to run offer 1' });
    const error = describeError(await failure(makePartnerLink()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Everflow would not make a link for offer 1 (HTTP 400: You are not allowed to run offer 1). ' +
        'Check that you are approved to run this offer, and that the offer URL belongs to it.',
    );
  });

  it('422 on a network link names the offer and the affiliate check', async () => {
    replyClicks(422, { error: 'Affiliate 7 is not approved to run offer 1' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.message).toBe(
      'Everflow would not make a link for offer 1 (HTTP 422: Affiliate 7 is not approved to run ' +
        'offer 1). Check that the affiliate is approved to run this offer, and that the offer URL ' +
        'and creative belong to it.',
    );
  });

  it('429 with Retry-After throttles for that long', async () => {
    replyClicks(429, { error: 'Too Many Requests' }, { 'Retry-After': '3' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(3);
    expect(error.message).toBe(
      'Everflow is limiting how many requests it takes (429): too many calls in a short time. Zapier will retry this step automatically in about 3 seconds.',
    );
  });

  it("429 without Retry-After waits for Everflow's one-second bucket", async () => {
    replyClicks(429, { error: 'Too Many Requests' }, { 'X-RateLimit-Remaining': '0' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBe(1);
  });

  it('5xx names Everflow and the status', async () => {
    replyClicks(503, { error: 'Service Unavailable' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      'Everflow had a problem on its side (HTTP 503: Service Unavailable). Try again in a few minutes.',
    );
  });

  it('an HTML error page names Everflow and the status without dumping it', async () => {
    replyClicks(502, '<html><h1>Bad Gateway</h1></html>', { 'Content-Type': 'text/html' });
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.message).toBe(
      'Everflow had a problem on its side (HTTP 502: an HTML page instead of JSON). Try again in a few minutes.',
    );
  });

  it('malformed JSON and a changed answer shape fail loudly', async () => {
    replyClicks(200, '{"url": "https://www.acmetrk', { 'Content-Type': 'application/json' });
    const malformed = describeError(await failure(makeNetworkLink()));
    expect(malformed.message).toMatch(
      /^Everflow sent an answer this integration cannot read \(HTTP 200, malformed JSON/,
    );
    replyClicks(200, { link: 'https://www.acmetrk.example/A/B/' });
    const changed = describeError(await failure(makeNetworkLink()));
    expect(changed.message).toMatch(
      /^Everflow sent an answer this integration cannot read \(HTTP 200, .*for url but it was missing\)/,
    );
  });

  it('a partner answer with neither tracking_url nor url is unreadable, not a blank link', async () => {
    nock(EVERFLOW).get('/v1/affiliates/offers/1/url/0').reply(200, { link: 'x' });
    const error = describeError(await failure(makePartnerLink()));
    expect(error.message).toMatch(
      /\(HTTP 200, expected a tracking_url or url as the whole answer\)/,
    );
  });

  it('a connection failure names Everflow and says it is temporary', async () => {
    nock(EVERFLOW).post('/v1/networks/tracking/offers/clicks').replyWithError('socket hang up');
    const error = describeError(await failure(makeNetworkLink()));
    expect(error.message).toBe(
      'Could not reach Everflow (the connection failed). This is usually temporary: try again in a few minutes.',
    );
  });

  it('a missing key is a clear error before any request', async () => {
    const error = describeError(await failure(makeNetworkLink({ everflow_api_type: 'network' })));
    expect(error.message).toBe(
      'This connection has no Everflow API Key. Reconnect and fill in "Everflow API Key".',
    );
  });

  it('never lets the key into a URL or a message, even when Everflow echoes it', async () => {
    const paths: string[] = [];
    nock(EVERFLOW)
      .post('/v1/networks/tracking/offers/clicks')
      .reply(function () {
        paths.push(this.req.path);
        return [401, { error: `Key ${NETWORK_KEY} is revoked` }];
      });
    const error = await failure(makeNetworkLink());
    expect(error.message).not.toContain(NETWORK_KEY);
    expect(describeError(error).message).toContain('Key [hidden] is revoked');
    expect(paths).toEqual(['/v1/networks/tracking/offers/clicks']);
  });
});
