import { type Bundle } from 'zapier-platform-core';

import { run } from '../support/app';

/** Awin's real base URL (answered by nock) and a connection with a default publisher account. */
export const AWIN = 'https://api.awin.com';
export const AWIN_TOKEN = 'unit-test-awin-token-7f3a9c';
export const awinAuth = { awin_access_token: AWIN_TOKEN, awin_publisher_id: '100001' };

/** Runs an action with the Awin connection above, unless the test gives its own. */
export function runAwin<T = unknown>(
  action: Parameters<typeof run>[0],
  inputData: Record<string, unknown>,
  authData: Record<string, string> = awinAuth,
  meta: Partial<Bundle['meta']> = {},
): Promise<T> {
  return run<T>(action, inputData, authData, meta);
}
