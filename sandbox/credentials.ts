// Fixed demo credentials. They are not secrets: they only work against the local sandbox.

/** Awin token of "Jane Doe" (userId 5001): publishers 100001 and 100002, plus one advertiser account. */
export const DEMO_AWIN_TOKEN = 'sandbox-awin-token';

/** Awin token of "Sam Solo" (userId 5002): exactly one publisher account, 100003. */
export const DEMO_AWIN_TOKEN_SINGLE = 'sandbox-awin-token-single';

/** Default Awin publisher account of the demo connection. */
const DEMO_AWIN_PUBLISHER_ID = '100001';

/** Offerslook demo network (`{network}` in OFFERSLOOK_API_URL) and its affiliate's Basic credentials. */
export const DEMO_OFFERSLOOK_NETWORK = 'demo';
export const DEMO_OFFERSLOOK_EMAIL = 'affiliate@demo.example';
export const DEMO_OFFERSLOOK_API_KEY = 'sandbox-offerslook-key';

/** Everflow network key of "Acme Network" (network 1). */
export const DEMO_EVERFLOW_NETWORK_KEY = 'sandbox-everflow-network-key';

/** Everflow partner (affiliate) key of "Jamie Partner" (affiliate 7 of Acme Network). */
export const DEMO_EVERFLOW_PARTNER_KEY = 'sandbox-everflow-partner-key';

/** Impact partner account "Jane Doe Media" (Basic: Account SID and Auth Token). */
export const DEMO_IMPACT_ACCOUNT_SID = 'IRdemo5aNdB0x1';
export const DEMO_IMPACT_AUTH_TOKEN = 'sandbox-impact-token';

/** An Impact token of the same account whose scopes leave out creating tracking links (403). */
export const DEMO_IMPACT_SCOPED_TOKEN = 'sandbox-impact-token-campaigns-only';

/** Connection fields (authData) of the demo connection, keyed by the app's auth field keys. */
export const DEMO_AUTH_DATA: Readonly<Record<string, string>> = {
  awin_access_token: DEMO_AWIN_TOKEN,
  awin_publisher_id: DEMO_AWIN_PUBLISHER_ID,
  everflow_api_key: DEMO_EVERFLOW_NETWORK_KEY,
  everflow_api_type: 'network',
  offerslook_network: DEMO_OFFERSLOOK_NETWORK,
  offerslook_email: DEMO_OFFERSLOOK_EMAIL,
  offerslook_api_key: DEMO_OFFERSLOOK_API_KEY,
};

/**
 * The demo connection's Impact fields, kept apart from DEMO_AUTH_DATA for now: the demo and the
 * tests written for the first three networks expect those three (any-URL's messages name every
 * connected network). `npm run sandbox` prints both; the demo's Impact step merges them.
 */
export const DEMO_IMPACT_AUTH_DATA: Readonly<Record<string, string>> = {
  impact_account_sid: DEMO_IMPACT_ACCOUNT_SID,
  impact_auth_token: DEMO_IMPACT_AUTH_TOKEN,
};
