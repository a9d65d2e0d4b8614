import { errors, type ZObject } from 'zapier-platform-core';

/** Everflow's US base URL: unit tests answer it with nock (setup-env.ts clears EVERFLOW_API_URL). */
export const EVERFLOW = 'https://api.eflow.team';
export const EVERFLOW_EU = 'https://api-eu.eflow.team';
export const NETWORK_KEY = 'unit-test-everflow-network-key-41c8';
export const PARTNER_KEY = 'unit-test-everflow-partner-key-9d2e';

export const networkAuth = { everflow_api_key: NETWORK_KEY, everflow_api_type: 'network' };
export const partnerAuth = { everflow_api_key: PARTNER_KEY, everflow_api_type: 'affiliate' };

/** The header Everflow reads the key from (nock matches header names case-insensitively). */
export const keyHeader = (key: string) => ({ reqheaders: { 'x-eflow-api-key': key } });

/** Enough of `z` for code that only throws Zapier errors (validation, pure helpers). */
export const fakeZ = { errors } as Pick<ZObject, 'errors'> as ZObject;
