import { reasonOf } from '../../src/core/errors';
import { App, describeError, failure, run, setupNock } from '../support/app';

/**
 * LINK_CHECK_BASE_URL is for tests and the sandbox only: pointed anywhere but this machine, the
 * check steps stop with a Zapier error naming the variable, before any check is made.
 */
setupNock();

describe('a test-mode base URL that leaves this machine', () => {
  const saved = process.env.LINK_CHECK_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.LINK_CHECK_BASE_URL;
    else process.env.LINK_CHECK_BASE_URL = saved;
  });

  it.each([
    ['check_tracking_link', { url: 'https://shop.example/' }],
    ['check_tracking_links_batch', { links: [{ url: 'https://shop.example/' }] }],
  ])('%s stops with an error naming LINK_CHECK_BASE_URL', async (key, inputData) => {
    process.env.LINK_CHECK_BASE_URL = 'http://checker.example/web';
    const action = (App.creates as Record<string, Parameters<typeof run>[0]>)[key];
    const error = await failure(run(action, inputData, {}));
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        'LINK_CHECK_BASE_URL points at checker.example, which is not this machine. ' +
        'LINK_CHECK_BASE_URL exists only for tests and the sandbox: remove it from your ' +
        'environment (.env) to check links on the web itself.',
      delay: undefined,
    });
    expect(reasonOf(error)).toMatchObject({ kind: 'invalid_input', code: 'unsafe_override' });
  });
});
