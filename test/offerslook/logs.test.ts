import { App, captureZapierLogs, failure, run, setupNock } from '../support/app';

import {
  linkItem,
  LINKS_PATH,
  offerslook,
  OFFERSLOOK_BASIC_VALUE,
  OFFERSLOOK_KEY,
  offerslookAuth,
  success,
} from './helpers';

setupNock();

/** With Zapier's log printed to stdout (as `zapier-platform invoke` does), no line may carry the key. */
describe('Offerslook credentials stay out of the log', () => {
  const lines = captureZapierLogs();

  const getLinks = () =>
    run(App.creates.offerslook_tracking_links, { offer_ids: '16' }, offerslookAuth);

  it('a successful call logs the request without the key or the Basic credential', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(200, success({ tracking_link: [linkItem(16)] }));
    await getLinks();
    const log = lines.join('\n');
    expect(log).toContain(`GET https://acme.api.offerslook.com${LINKS_PATH}/16`);
    expect(log).not.toContain(OFFERSLOOK_KEY);
    expect(log).not.toContain(OFFERSLOOK_BASIC_VALUE);
  });

  it('a refusal that echoes the key keeps it out of the log and the error', async () => {
    offerslook()
      .get(`${LINKS_PATH}/16`)
      .reply(401, { code: 401, message: `key ${OFFERSLOOK_KEY} is revoked`, data: null });
    const error = await failure(getLinks());
    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(log).not.toContain(OFFERSLOOK_KEY);
    expect(log).not.toContain(OFFERSLOOK_BASIC_VALUE);
    expect(error.message).not.toContain(OFFERSLOOK_KEY);
  });
});
