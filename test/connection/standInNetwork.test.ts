/**
 * "Adding a network is one folder plus one line": a stand-in fifth network (test/connection/
 * standIn.ts, test code only) is put in the registry and nowhere else, and any-URL and link checks
 * use it: its list and links, its commission, its tracking-reference rule, its click-server and
 * tracking hosts, its click id, deep-link parameter and programme status; the watch watches its
 * default links. No other edit.
 */
jest.mock('../../src/connection/registry', () => {
  const actual = jest.requireActual('../../src/connection/registry');
  const { standInNetwork } = jest.requireActual('./standIn');
  return { ...actual, ...actual.registryOf([...actual.NETWORKS, standInNetwork]) };
});

import nock from 'nock';
import { type AdvertiserMatch, type UrlTrackingLink } from '../../src/anyUrl/outputs';
import { NETWORK_IDS } from '../../src/connection/registry';
import { type LinkCheckFeature, type Network } from '../../src/core/network';
import { type LinkCheckResult } from '../../src/linkCheck/types';
import { type BrokenLinkAlert } from '../../src/watch/outputs';
import { App, describeError, failure, run, setupNock } from '../support/app';
import { STAND_IN_API, STAND_IN_CLICKS, standInNetwork } from './standIn';

setupNock();

// The test-mode web must be on this machine (the override rule); nock answers it, nothing listens.
const WEB = 'http://127.0.0.1:9';
const KEY = 'stand-in-key-4f2a9c';
const auth = { standin_key: KEY };
const api = () => nock(STAND_IN_API, { reqheaders: { 'x-stand-in-key': KEY } });

beforeAll(() => {
  process.env.LINK_CHECK_BASE_URL = `${WEB}/web`;
});
afterAll(() => {
  delete process.env.LINK_CHECK_BASE_URL;
});

describe('a stand-in fifth network, registered and nothing else', () => {
  it('is in the registry, the connection form and the Network choices', () => {
    expect(NETWORK_IDS).toEqual(['awin', 'everflow', 'offerslook', 'impact', 'standin']);
    const fields = (App.authentication as { fields: { key: string }[] }).fields;
    expect(fields.map((field) => field.key)).toContain('standin_key');
    const input = App.creates.tracking_link_for_url.operation.inputFields as {
      key: string;
      choices?: Record<string, string>;
      helpText?: string;
    }[];
    expect(input.find((field) => field.key === 'network')?.choices).toMatchObject({
      standin: 'Stand-In',
    });
    expect(input.find((field) => field.key === 'tracking_ref')?.helpText).toContain(
      "Stand-In's sref (up to 20 characters)",
    );
  });

  it('any-URL: its shops are matched, its commission read, and its link made', async () => {
    api()
      .get('/shops')
      .reply(200, { shops: [{ id: 7, name: 'Kite Corner', site: 'kitecorner.example' }] });
    api().get('/shops/7/pay').reply(200, { percent: 9 });
    const found = await run<AdvertiserMatch[]>(
      App.searches.advertiser_for_url,
      { url: 'https://www.kitecorner.example/kites/delta' },
      auth,
    );
    expect(found).toEqual([
      {
        id: 'standin:7',
        network: 'standin',
        advertiser_id: 7,
        advertiser_name: 'Kite Corner',
        matched_domain: 'kitecorner.example',
        commission: '9%',
        publisher_id: '',
      },
    ]);

    // The list and the commission are in z.cache now: only the link is made.
    const url = 'https://www.kitecorner.example/kites/box';
    const link = await run<UrlTrackingLink>(
      App.creates.tracking_link_for_url,
      { url, tracking_ref: 'row-3', network: 'standin' },
      auth,
    );
    expect(link).toMatchObject({
      url: `https://${STAND_IN_CLICKS}/c/7?u=${encodeURIComponent(url)}&sref=row-3`,
      network: 'standin',
      destination_url: url,
      commission: '9%',
      chosen_by: 'domain',
    });
  });

  it('any-URL: its tracking-reference rule is checked before any request, naming the others', async () => {
    const error = describeError(
      await failure(
        run(
          App.creates.tracking_link_for_url,
          { url: 'https://www.kitecorner.example/', tracking_ref: 'x'.repeat(21) },
          {
            ...auth,
            offerslook_network: 'acme',
            offerslook_email: 'a@b.example',
            offerslook_api_key: 'k-123456',
          },
        ),
      ),
    );
    expect(error.message).toBe(
      'Tracking Reference is 21 characters long; Stand-In takes at most 20 as a stand-in ' +
        'reference (sref). Shorten it, or set Network to Offerslook.',
    );
  });

  it('link checks: its vanity host, click id, deep-link page and programme status are used', async () => {
    api()
      .get('/hosts')
      .reply(200, { hosts: ['go.kitecorner-deals.example'] });
    api()
      .get('/shops/7/status')
      .reply(200, { status: 'live, approved', live: true, site: 'kitecorner.example' });
    const page = 'https://www.kitecorner.example/kites/delta';
    const link = `https://go.kitecorner-deals.example/c/7?u=${encodeURIComponent(page)}`;
    nock(WEB)
      .get(`/web/https/go.kitecorner-deals.example/c/7`)
      .query({ u: page })
      .reply(302, '', { Location: `${page}?sclid=abc123` })
      .get('/web/https/www.kitecorner.example/kites/delta')
      .query({ sclid: 'abc123' })
      .reply(200, '<html><title>Delta kite</title></html>', { 'Content-Type': 'text/html' });

    const result = await run<LinkCheckResult>(App.creates.check_tracking_link, { url: link }, auth);
    expect(result).toMatchObject({
      status: 'ok',
      network: 'standin',
      programme_status: 'live, approved',
      click_id_found: true,
      landing_domain: 'www.kitecorner.example',
    });
  });

  it("watching links: its shops' default links are watched, its list read once a poll", async () => {
    // The test-mode web must be on this machine; nock answers it.
    const web = 'http://127.0.0.1:9';
    process.env.LINK_CHECK_BASE_URL = `${web}/web`;
    try {
      api()
        .get('/shops')
        .reply(200, { shops: [{ id: 7, name: 'Kite Corner', site: 'kitecorner.example' }] });
      api().get('/hosts').reply(200, { hosts: [] });
      api()
        .get('/shops/7/status')
        .reply(200, { status: 'live, approved', live: true, site: 'kitecorner.example' });
      nock(web)
        .get(`/web/https/${STAND_IN_CLICKS}/c/7`)
        .reply(302, '', { Location: 'https://www.kitecorner.example/gone?sclid=abc123' })
        .get('/web/https/www.kitecorner.example/gone')
        .query({ sclid: 'abc123' })
        .reply(404, '<html><title>Not found</title></html>', { 'Content-Type': 'text/html' });

      const alerts = await run<BrokenLinkAlert[]>(App.triggers.tracking_link_broken, {}, auth);
      expect(alerts).toHaveLength(1);
      expect(alerts[0]).toMatchObject({
        url: `https://${STAND_IN_CLICKS}/c/7`,
        status: 'broken',
        network: 'standin',
        programme_status: 'live, approved',
        advertiser_id: 7,
        advertiser_name: 'Kite Corner',
        previous_status: '',
      });
    } finally {
      process.env.LINK_CHECK_BASE_URL = `${WEB}/web`;
    }
  });

  it('a network that leaves a piece out does not compile: it must say what it lacks', () => {
    const { linkCheck, ...withoutLinkCheck } = standInNetwork;
    // @ts-expect-error: every network says what link checks need of it
    const incomplete: Network<'standin'> = withoutLinkCheck;
    const silent: LinkCheckFeature = {
      ...linkCheck,
      // @ts-expect-error: a capability it lacks is said with its reason, never left empty
      programmes: undefined,
    };
    expect([incomplete, silent]).toHaveLength(2);
  });
});
