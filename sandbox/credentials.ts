// Fixed demo credentials. They are not secrets: they only work against the local sandbox.

/** Awin token of "Jane Doe" (userId 5001): publishers 100001 and 100002, plus one advertiser account. */
export const DEMO_AWIN_TOKEN = 'sandbox-awin-token';

/** Awin token of "Sam Solo" (userId 5002): exactly one publisher account, 100003. */
export const DEMO_AWIN_TOKEN_SINGLE = 'sandbox-awin-token-single';

/** Default Awin publisher account of the demo connection. */
export const DEMO_AWIN_PUBLISHER_ID = '100001';

/** Connection fields (authData) of the demo connection, keyed by the app's auth field keys. */
export const DEMO_AUTH_DATA: Readonly<Record<string, string>> = {
  awin_access_token: DEMO_AWIN_TOKEN,
  awin_publisher_id: DEMO_AWIN_PUBLISHER_ID,
};
