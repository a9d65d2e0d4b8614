import nock from 'nock';

/** The real default base URL for the network "acme", answered by nock. */
export const OFFERSLOOK = 'https://acme.api.offerslook.com';
export const OFFERSLOOK_EMAIL = 'jane@acme-affiliates.example';
export const OFFERSLOOK_KEY = 'unit-test-offerslook-key-4b8e1d';
export const OFFERSLOOK_BASIC_VALUE = Buffer.from(`${OFFERSLOOK_EMAIL}:${OFFERSLOOK_KEY}`).toString(
  'base64',
);
export const offerslookAuth = {
  offerslook_network: 'acme',
  offerslook_email: OFFERSLOOK_EMAIL,
  offerslook_api_key: OFFERSLOOK_KEY,
};

export const LINKS_PATH = '/aff/v1/batches/offers/tracking_links';
export const OFFERS_PATH = '/aff/v1/batches/offers';

/** Offerslook's success envelope. */
export const success = (data: unknown) => ({ code: 0, message: 'Success', data });

/** An interceptor that only matches requests carrying the Basic credential in the header. */
export const offerslook = (base = OFFERSLOOK) =>
  nock(base, { reqheaders: { authorization: `Basic ${OFFERSLOOK_BASIC_VALUE}` } });

export const trackingUrl = (id: number) =>
  `https://track.acme-offers.example/index.php?offer_id=${id}&aff_id=40`;
export const pixelUrl = (id: number) =>
  `https://track.acme-offers.example/impr.php?offer_id=${id}&aff_id=40`;

/** One tracking_link item in Offerslook's documented form. */
export const linkItem = (id: number) => ({
  offer_id: id,
  url: trackingUrl(id),
  impression_pixel: `<img src='${pixelUrl(id)}'  border='0'  width='1'  height='1' />`,
});

export const offerRow = (id: number, name: string, offerApproval = 2) => ({
  offer: {
    id,
    name,
    status: 'active',
    offer_approval: offerApproval,
    preview_url: `https://www.shop${id}.example/`,
    payout: '1.00',
  },
  offer_geo: { target: [{ country_code: 'US' }] },
});

/** Paths nock was asked for but had no interceptor for: requests that must not have been made. */
export function unmatchedRequests(): string[] {
  const seen: string[] = [];
  const record = (req: { path?: string; href?: string }) => seen.push(req.href ?? req.path ?? '?');
  beforeEach(() => {
    seen.length = 0;
    nock.emitter.on('no match', record);
  });
  afterEach(() => {
    nock.emitter.removeListener('no match', record);
  });
  return seen;
}
