// What "Tracking Link Stopped Working" gives (README "Watching links", keys as published): the
// fields of Check Tracking Link plus what changed and whose link it is. Loaded with the app.
import { linkCheckOutputFields } from '../linkCheck/fields';
import type { LinkCheckResult } from '../linkCheck/types';

/** One alert: the check that found the link broken, what it was before, and since when. */
export interface BrokenLinkAlert extends Omit<LinkCheckResult, 'network'> {
  /** The link and `broken_since`: a link that recovers and breaks again is a new alert. */
  id: string;
  /** The verdict of the check before ('' when the link had not been checked before). */
  previous_status: string;
  /** When the checks that did not find it working began (ISO-8601). */
  broken_since: string;
  /** The programme's network, else the one the link's host belongs to ('' when none). */
  network: string;
  advertiser_id: number | null;
  advertiser_name: string;
}

/** The alert's `id`: a URL never holds a space, so the two parts cannot run together. */
export function alertId(url: string, brokenSince: string): string {
  return `${url} @ ${brokenSince}`;
}

const LINK =
  'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
  '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fproducts%2Fsummer-sandal';
const LANDING =
  'https://www.acmeshoes.example/products/summer-sandal?awc=1001_1718000000_558984123b8f58204680e4ef12f3f309';

export const brokenLinkSample = {
  id: alertId(LINK, '2026-05-04T09:30:00.000Z'),
  url: LINK,
  healthy: false,
  status: 'broken',
  reason:
    `The link ends on ${LANDING}, which answered 404 (page not found): visitors get an error ` +
    'page. Replace the link, or tell the advertiser if the page should exist.',
  final_url: LANDING,
  final_status: 404,
  landing_domain: 'www.acmeshoes.example',
  hops: 1,
  redirects: [
    { step: 1, status: 302, url: LINK },
    { step: 2, status: 404, url: LANDING },
  ],
  click_id_found: true,
  network: 'awin',
  programme_status: 'joined, link status Active',
  elapsed_ms: 388,
  checked_at: '2026-05-04T09:30:01.000Z',
  previous_status: 'ok',
  broken_since: '2026-05-04T09:30:00.000Z',
  advertiser_id: 1001,
  advertiser_name: 'Acme Shoes',
} satisfies BrokenLinkAlert;

export const brokenLinkOutputFields = [
  { key: 'id', label: 'Alert ID', type: 'string' },
  ...linkCheckOutputFields,
  { key: 'previous_status', label: 'Previous Status', type: 'string' },
  { key: 'broken_since', label: 'Broken Since', type: 'datetime' },
  { key: 'advertiser_id', label: 'Advertiser ID', type: 'integer' },
  { key: 'advertiser_name', label: 'Advertiser Name', type: 'string' },
] as const;
