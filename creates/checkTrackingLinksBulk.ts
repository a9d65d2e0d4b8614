import { inRun } from '../src/core/run';
import { type Bundle, defineCreate, type ZObject } from 'zapier-platform-core';
import { type BulkLinkCheckOutput } from '../src/linkCheck/action';
import {
  MAX_BULK_LINKS,
  checkUrlField,
  deviceField,
  expectedDomainField,
  linkCheckNoticeField,
} from '../src/linkCheck/fields';

/** Up to 100 links side by side; one result per line item, in the same order. */
// The checker is loaded when links are checked, not when the app starts (every Zap run starts it).
const perform = async (z: ZObject, bundle: Bundle): Promise<BulkLinkCheckOutput> =>
  (await import('../src/linkCheck/action')).checkTrackingLinks(z, bundle);

const sample = {
  total: 2,
  healthy: 1,
  unhealthy: 1,
  links: [
    {
      index: 1,
      url:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fproducts%2Ftrail-runner',
      healthy: true,
      status: 'ok',
      reason:
        'The link works: it lands on www.acmeshoes.example (status 200) after 1 redirect with the click id (awc).',
      final_url:
        'https://www.acmeshoes.example/products/trail-runner?awc=1001_1718000000_4f1c2a9e0b7d43c58e26a1f0d9b3c7e5',
      final_status: 200,
      hops: 1,
    },
    {
      index: 2,
      url:
        'https://www.awin1.com/cread.php?awinmid=1001&awinaffid=100001' +
        '&ued=https%3A%2F%2Fwww.acmeshoes.example%2Fproducts%2Fdiscontinued-boot',
      healthy: false,
      status: 'broken',
      reason:
        'The link ends on https://www.acmeshoes.example/products/discontinued-boot?awc=1001_1718000000_9d0e' +
        ', which answered 404 (page not found): visitors get an error page. Replace the link, or ' +
        'tell the advertiser if the page should exist.',
      final_url:
        'https://www.acmeshoes.example/products/discontinued-boot?awc=1001_1718000000_9d0e',
      final_status: 404,
      hops: 1,
    },
  ],
} satisfies BulkLinkCheckOutput;

export default defineCreate({
  key: 'check_tracking_links_batch',
  noun: 'Link Checks',
  display: {
    label: 'Check Tracking Links in Bulk',
    description:
      `Creates health checks of up to ${MAX_BULK_LINKS} tracking links in one step, one result ` +
      'per line item, in the same order.',
  },
  operation: {
    perform: inRun(perform),
    inputFields: [
      linkCheckNoticeField,
      {
        key: 'links_help',
        type: 'copy',
        helpText:
          'One line item per link (for example rows from Google Sheets "Get Many Rows"), up to ' +
          `${MAX_BULK_LINKS} per run. A row with a bad link is marked invalid and never stops the ` +
          'others; rows the run had no time left for are marked not_checked: run them again.',
      },
      {
        key: 'links',
        label: 'Links',
        required: true,
        children: [checkUrlField, expectedDomainField],
      },
      deviceField,
    ],
    sample,
    outputFields: [
      { key: 'total', label: 'Total Links', type: 'integer' },
      { key: 'healthy', label: 'Healthy Links', type: 'integer' },
      { key: 'unhealthy', label: 'Unhealthy Links', type: 'integer' },
      { key: 'links[]index', label: 'Links: Position', type: 'integer' },
      { key: 'links[]url', label: 'Links: Checked Link', type: 'string' },
      { key: 'links[]healthy', label: 'Links: Healthy', type: 'boolean' },
      { key: 'links[]status', label: 'Links: Status', type: 'string' },
      { key: 'links[]reason', label: 'Links: Reason', type: 'string' },
      { key: 'links[]final_url', label: 'Links: Final URL', type: 'string' },
      { key: 'links[]final_status', label: 'Links: Final Status Code', type: 'integer' },
      { key: 'links[]hops', label: 'Links: Redirects Followed', type: 'integer' },
    ],
  },
});
