import nock from 'nock';
import { AWIN, AWIN_TOKEN, runAwin } from '../awin/helpers';

import { App, captureZapierLogs, failure, setupNock } from '../support/app';

setupNock();

/**
 * Zapier logs every request and response of a run. With its log printed to stdout (as `zapier
 * invoke` does), no line may carry the credential: not in a URL, a header or an echoed body.
 */
describe('credentials stay out of URLs, logs and errors', () => {
  const lines = captureZapierLogs();

  it('a successful Awin call logs the request without the token', async () => {
    const seen: string[] = [];
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(function () {
        seen.push(this.req.path);
        return [200, { url: 'https://www.awin1.com/awclick.php?mid=1001&id=100001' }];
      });
    await runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 });
    expect(lines.join('\n')).toContain('POST https://api.awin.com/publishers/');
    expect(lines.join('\n')).not.toContain(AWIN_TOKEN);
    expect(seen).toEqual(['/publishers/100001/linkbuilder/generate']);
  });

  it('a refused call that echoes the token keeps it out of the log and the error', async () => {
    nock(AWIN)
      .post('/publishers/100001/linkbuilder/generate')
      .reply(401, { error: 'unauthorized', description: `Bearer ${AWIN_TOKEN} was revoked` });
    const error = await failure(runAwin(App.creates.awin_tracking_link, { advertiserId: 1001 }));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(AWIN_TOKEN);
    expect(error.message).not.toContain(AWIN_TOKEN);
  });
});
