import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import {
  checkUrlField,
  deviceField,
  expectedDomainField,
  linkCheckNoticeField,
  linkCheckOutputFields,
} from '../src/linkCheck/fields';
import { type LinkCheckResult } from '../src/linkCheck/types';

/**
 * One real click on the link, followed hop by hop; the verdict says whether it lands where it
 * should with its click id. A link the checker will not take is the step's error, before any request.
 */
// The checker is loaded when a link is checked, not when the app starts (every Zap run starts it).
const perform = async (z: ZObject, bundle: Bundle): Promise<LinkCheckResult> =>
  (await import('../src/linkCheck/action')).checkTrackingLink(z, bundle);

const LINK =
  'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
  '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fproducts%2Ftrail-runner';
const LANDING =
  'https://www.acmeshoes.example/products/trail-runner?awc=1001_1718000000_4f1c2a9e0b7d43c58e26a1f0d9b3c7e5';

const sample = {
  url: LINK,
  healthy: true,
  status: 'ok',
  reason:
    'The link works: it lands on www.acmeshoes.example (status 200) after 1 redirect with the click id (awc).',
  final_url: LANDING,
  final_status: 200,
  landing_domain: 'www.acmeshoes.example',
  hops: 1,
  redirects: [
    { step: 1, status: 302, url: LINK },
    { step: 2, status: 200, url: LANDING },
  ],
  click_id_found: true,
  network: 'awin',
  programme_status: 'joined, link status Active',
  elapsed_ms: 412,
  checked_at: '2026-05-04T09:30:00.000Z',
} satisfies LinkCheckResult;

export default defineCreate({
  key: 'check_tracking_link',
  noun: 'Link Check',
  display: {
    label: 'Check Tracking Link',
    description:
      'Creates a health check of a tracking link: one real click, followed redirect by redirect, ' +
      'saying whether it lands on the advertiser with its click id, and why not.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [linkCheckNoticeField, checkUrlField, expectedDomainField, deviceField],
    sample,
    outputFields: [...linkCheckOutputFields],
  },
});
