import nock from 'nock';
import { AWIN } from '../awin/helpers';
import { EVERFLOW } from '../everflow/helpers';

import { OFFERS_PATH, OFFERSLOOK, success } from '../offerslook/helpers';

/**
 * Nock answers for the three networks' lists and links, for the URL actions. The advertiser lists
 * stay in the test file's z.cache between runs, so each test makes its own connection (fresh
 * credentials = a fresh cache key) unless it is about the cache.
 */

let connections = 0;

export interface Credentials {
  auth: Record<string, string>;
  awinToken: string;
  everflowKey: string;
  offerslookKey: string;
}

/** A connection with all three networks (Everflow with a partner key) and credentials of its own. */
export function freshConnection(): Credentials {
  connections += 1;
  const awinToken = `unit-url-awin-token-${connections}-5e1f`;
  const everflowKey = `unit-url-everflow-key-${connections}-a92c`;
  const offerslookKey = `unit-url-offerslook-key-${connections}-07bd`;
  return {
    awinToken,
    everflowKey,
    offerslookKey,
    auth: {
      awin_access_token: awinToken,
      awin_publisher_id: '100001',
      everflow_api_key: everflowKey,
      everflow_api_type: 'affiliate',
      offerslook_network: 'acme',
      offerslook_email: 'jane@acme-affiliates.example',
      offerslook_api_key: offerslookKey,
    },
  };
}

/** Only the named networks' fields of a connection. */
export function only(
  credentials: Credentials,
  ...networks: ('awin' | 'everflow' | 'offerslook')[]
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(credentials.auth).filter(([key]) =>
      networks.some((network) => key.startsWith(`${network}_`)),
    ),
  );
}

export const awinApi = (c: Credentials) =>
  nock(AWIN, { reqheaders: { authorization: `Bearer ${c.awinToken}` } });
export const everflowApi = (c: Credentials) =>
  nock(EVERFLOW, { reqheaders: { 'x-eflow-api-key': c.everflowKey } });
export const offerslookApi = (c: Credentials) => {
  const basic = Buffer.from(`jane@acme-affiliates.example:${c.offerslookKey}`).toString('base64');
  return nock(OFFERSLOOK, { reqheaders: { authorization: `Basic ${basic}` } });
};

export const programme = (id: number, name: string, domains: string[], displayUrl?: string) => ({
  id,
  name,
  displayUrl: displayUrl ?? `https://www.${domains[0] ?? 'none.example'}`,
  clickThroughUrl: `https://www.awin1.com/awclick.php?mid=${id}&id=100001`,
  logoUrl: null,
  linkStatus: 'active',
  status: 'Active',
  primarySector: 'Fashion',
  currencyCode: 'GBP',
  primaryRegion: { name: 'United Kingdom', countryCode: 'GB' },
  validDomains: domains.map((domain) => ({ domain })),
});

/** The joined programmes of publisher 100001. */
export function awinProgrammes(c: Credentials, programmes: unknown[]): nock.Scope {
  return awinApi(c)
    .get('/publishers/100001/programmes')
    .query({ relationship: 'joined' })
    .reply(200, programmes);
}

export const everflowOffer = (
  id: number,
  name: string,
  previewUrl: string | null,
  urls: { id: number; url: string }[] = [],
  status = 'active',
) => ({
  network_offer_id: id,
  name,
  offer_status: status,
  tracking_url: `https://trk.partner.example/AB/${id}/`,
  preview_url: previewUrl,
  relationship: {
    urls: urls.map((url) => ({
      network_offer_url_id: url.id,
      name: `URL ${url.id}`,
      url: url.url,
    })),
  },
});

/** The partner's runnable offers (one page). */
export function everflowOffers(c: Credentials, offers: unknown[]): nock.Scope {
  return everflowApi(c)
    .get('/v1/affiliates/offersrunnable')
    .query({ page: '1', page_size: '2000' })
    .reply(200, { offers, paging: { page: 1, page_size: 2000, total_count: offers.length } });
}

export const everflowLinkFor = (offerId: number, urlId: number) =>
  `https://trk.partner.example/AB/${offerId}/${urlId > 0 ? `?uid=${urlId}` : ''}`;

export function everflowPartnerLink(c: Credentials, offerId: number, urlId: number): nock.Scope {
  return everflowApi(c)
    .get(`/v1/affiliates/offers/${offerId}/url/${urlId}`)
    .reply(200, { tracking_url: everflowLinkFor(offerId, urlId) });
}

export const offerslookOffer = (
  id: number,
  name: string,
  previewUrl: string,
  offerApproval = 2,
  status = 'active',
) => ({
  offer: { id, name, status, offer_approval: offerApproval, preview_url: previewUrl },
});

/** One page of the personal (approved) and the full offer list. */
export function offerslookOffers(
  c: Credentials,
  lists: { personal?: unknown[]; all?: unknown[] },
): nock.Scope {
  const query = (type: string) => ({ type, offset: '1', limit: '100', sort: '+id' });
  const page = (rows: unknown[] = []) => success({ rowset: rows, totalPages: 1 });
  return offerslookApi(c)
    .get(OFFERS_PATH)
    .query(query('personal'))
    .reply(200, page(lists.personal))
    .get(OFFERS_PATH)
    .query(query('all'))
    .reply(200, page(lists.all));
}

export const offerslookLinkFor = (id: number) =>
  `https://track.acme-offers.example/index.php?offer_id=${id}&aff_id=40`;

export function offerslookLinks(c: Credentials, ids: number[], answered = ids): nock.Scope {
  return offerslookApi(c)
    .get(`/aff/v1/batches/offers/tracking_links/${ids.join(',')}`)
    .reply(
      200,
      success({
        tracking_link: answered.map((id) => ({
          offer_id: id,
          url: offerslookLinkFor(id),
          impression_pixel: '',
        })),
      }),
    );
}

/** Empty lists for the networks a test does not care about. */
export function nothingOn(
  c: Credentials,
  ...networks: ('awin' | 'everflow' | 'offerslook')[]
): void {
  if (networks.includes('awin')) awinProgrammes(c, []);
  if (networks.includes('everflow')) everflowOffers(c, []);
  if (networks.includes('offerslook')) offerslookOffers(c, {});
}

/** The joined programmes of any publisher account. */
export function awinAccountProgrammes(
  c: Credentials,
  publisherId: number,
  programmes: unknown[],
): nock.Scope {
  return awinApi(c)
    .get(`/publishers/${publisherId}/programmes`)
    .query({ relationship: 'joined' })
    .reply(200, programmes);
}

/** Programme details of one advertiser, asked of one account: its commission ranges. */
export function awinDetails(
  c: Credentials,
  publisherId: number,
  advertiserId: number,
  commissionRange: unknown[],
  currencyCode = 'GBP',
): nock.Scope {
  return awinApi(c)
    .get(`/publishers/${publisherId}/programmedetails`)
    .query({ advertiserId: String(advertiserId), relationship: 'joined' })
    .reply(200, {
      programmeInfo: { id: advertiserId, name: 'x', currencyCode, deeplinkEnabled: true },
      commissionRange,
    });
}

/** A partner offer's payouts (GET /affiliates/offers/{id}?relationship=payouts). */
export function everflowPayouts(
  c: Credentials,
  offerId: number,
  payouts: unknown,
  currency = 'USD',
): nock.Scope {
  return everflowApi(c)
    .get(`/v1/affiliates/offers/${offerId}`)
    .query({ relationship: 'payouts' })
    .reply(200, { network_offer_id: offerId, currency_id: currency, relationship: { payouts } });
}
