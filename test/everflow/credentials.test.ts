import nock from 'nock';
import type { Bundle, ZObject } from 'zapier-platform-core';

import { App, appTester, captureZapierLogs, failure, run, setupNock } from '../support/app';

import { EVERFLOW, NETWORK_KEY, PARTNER_KEY, partnerAuth } from './helpers';

setupNock();

/**
 * Zapier logs every request and response of a run. With its log printed to stdout (as `zapier
 * invoke` does), no line may carry the Everflow key: not in a URL, a header or an echoed body.
 */
describe('Everflow keys stay out of URLs, logs and errors', () => {
  const lines = captureZapierLogs();

  it('a network link: the request is logged, the key is not', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/tracking/offers/clicks')
      .reply(200, { url: 'https://www.acmetrk.example/A/B/' });
    // Zapier's logger censors every connection value, so an explicit key type of "network" would
    // also blank out the word "network" in the logged URL; the type is left to its default here.
    await run(
      App.creates.everflow_tracking_link,
      { network_offer_id: 1, network_affiliate_id: 7 },
      { everflow_api_key: NETWORK_KEY },
    );
    const log = lines.join('\n');
    expect(log).toContain('POST https://api.eflow.team/v1/networks/tracking/offers/clicks');
    expect(log).not.toContain(NETWORK_KEY);
  });

  it('a partner refusal that echoes the key keeps it out of the log and the error', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offers/1/url/0')
      .reply(400, { Error: `key ${PARTNER_KEY} may not run offer 1` });
    const error = await failure(
      run(App.creates.everflow_tracking_link, { network_offer_id: 1 }, partnerAuth),
    );
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(PARTNER_KEY);
    expect(error.message).not.toContain(PARTNER_KEY);
    expect(error.message).toContain('key [hidden] may not run offer 1');
  });
});

describe('dropdowns without bundle.meta (some runners leave it out)', () => {
  it('reads the first page', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offersrunnable')
      .query({ page: '1', page_size: '100' })
      .reply(200, { offers: [{ network_offer_id: 2, name: 'Lamps' }] });
    const { operation } = App.triggers.everflow_offer_list;
    if (!('perform' in operation)) throw new Error('everflow_offer_list has no perform');
    const perform = operation.perform as (z: ZObject, bundle: Bundle) => unknown;
    const choices = await appTester(perform, { authData: partnerAuth, inputData: {} });
    expect(choices).toEqual([{ id: '2', name: 'Lamps (2)' }]);
  });
});
