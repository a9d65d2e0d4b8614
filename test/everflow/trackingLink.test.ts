import nock from 'nock';
import type { Bundle, PlainInputField, ZObject } from 'zapier-platform-core';
import { type EverflowLink } from '../../src/everflow/links';

import { App, describeError, failure, run, setupNock } from '../support/app';

import {
  EVERFLOW,
  fakeZ,
  keyHeader,
  NETWORK_KEY,
  networkAuth,
  PARTNER_KEY,
  partnerAuth,
} from './helpers';

setupNock();

const action = App.creates.everflow_tracking_link;
const LINK = 'https://www.acmetrk.example/GUC6/3DHC/';

type FieldsFunction = (z: ZObject, bundle: Bundle) => PlainInputField[];

function formFor(authData: Record<string, string>): PlainInputField[] {
  const [fields] = action.operation.inputFields as unknown as [FieldsFunction];
  return fields(fakeZ, { authData, inputData: {} } as unknown as Bundle);
}

describe('everflow_tracking_link input fields', () => {
  it('shows the network fields for a network key, with dropdowns and the offer search', () => {
    const form = formFor(networkAuth);
    expect(form.map((field) => field.key)).toEqual([
      'network_offer_id',
      'network_affiliate_id',
      'network_tracking_domain_id',
      'network_offer_url_id',
      'creative_id',
      'network_traffic_source_id',
      'source_id',
      'sub1',
      'sub2',
      'sub3',
      'sub4',
      'sub5',
      'is_encrypt_parameters',
      'is_redirect_link',
    ]);
    const byKey = Object.fromEntries(form.map((field) => [field.key, field]));
    expect(byKey.network_offer_id).toMatchObject({
      required: true,
      dynamic: 'everflow_offer_list.id.name',
      search: 'everflow_offer.id',
    });
    expect(byKey.network_affiliate_id).toMatchObject({
      required: true,
      dynamic: 'everflow_affiliate_list.id.name',
    });
    expect(byKey.network_tracking_domain_id.dynamic).toBe('everflow_tracking_domain_list.id.name');
    expect(byKey.network_offer_url_id).toMatchObject({
      dynamic: 'everflow_offer_url_list.id.name',
      dependsOn: ['network_offer_id'],
    });
    expect(byKey.creative_id.dynamic).toBe('everflow_creative_list.id.name');
    expect(byKey.is_encrypt_parameters.type).toBe('boolean');
  });

  it('shows the partner fields for a partner key, and defaults to a network key', () => {
    expect(formFor(partnerAuth).map((field) => field.key)).toEqual([
      'network_offer_id',
      'network_offer_url_id',
      'source_id',
      'sub1',
      'sub2',
      'sub3',
      'sub4',
      'sub5',
      'link_type',
    ]);
    const linkType = formFor(partnerAuth).find((field) => field.key === 'link_type');
    expect(linkType).toMatchObject({
      default: 'click',
      choices: { click: 'Click', impression: 'Impression' },
    });
    expect(formFor({ everflow_api_key: NETWORK_KEY })).toHaveLength(14);
  });
});

describe('everflow_tracking_link with a network key', () => {
  it('POSTs only the filled fields, integers as integers and booleans as booleans', async () => {
    const scope = nock(EVERFLOW, keyHeader(NETWORK_KEY))
      .matchHeader('content-type', /application\/json/)
      .post('/v1/networks/tracking/offers/clicks', {
        network_offer_id: 1,
        network_affiliate_id: 7,
        network_tracking_domain_id: 2,
        network_offer_url_id: 11,
        creative_id: 101,
        network_traffic_source_id: 3,
        source_id: 'newsletter',
        sub1: 'row 42',
        sub3: 'crm',
        is_encrypt_parameters: false,
        is_redirect_link: true,
      })
      .reply(200, { url: `${LINK}?uid=11&sub1=row+42` });

    const link = await run<EverflowLink>(
      action,
      {
        network_offer_id: ' 1 ',
        network_affiliate_id: '7',
        network_tracking_domain_id: 2,
        network_offer_url_id: '11',
        creative_id: '101',
        network_traffic_source_id: '3',
        source_id: ' newsletter ',
        sub1: 'row 42',
        sub2: '',
        sub3: 'crm',
        is_encrypt_parameters: 'false',
        is_redirect_link: true,
      },
      networkAuth,
    );

    expect(link).toEqual({
      url: `${LINK}?uid=11&sub1=row+42`,
      link_type: 'click',
      network_offer_id: 1,
      network_affiliate_id: 7,
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends just the offer and affiliate when nothing else is filled; offer URL 0 = default', async () => {
    nock(EVERFLOW)
      .post('/v1/networks/tracking/offers/clicks', (body) => {
        expect(body).toEqual({ network_offer_id: 6, network_affiliate_id: 9 });
        return true;
      })
      .reply(200, { url: LINK });
    const link = await run<EverflowLink>(
      action,
      {
        network_offer_id: 6,
        network_affiliate_id: 9,
        network_offer_url_id: '0',
        link_type: 'click',
      },
      networkAuth,
    );
    expect(link.url).toBe(LINK);
  });

  it('refuses an impression link: it needs a partner key', async () => {
    const error = describeError(
      await failure(
        run(
          action,
          { network_offer_id: 1, network_affiliate_id: 7, link_type: 'impression' },
          networkAuth,
        ),
      ),
    );
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      "Impression links need a partner (affiliate) key, but this connection's Everflow Key Type is " +
        'Network. Set Link Type to Click, or use a connection with a partner (affiliate) key ' +
        '(Everflow Key Type: Partner / affiliate).',
    );
  });
});

describe('everflow_tracking_link with a partner key', () => {
  it("adds source and subs to the offer's own link as query parameters", async () => {
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offers/1/url/0')
      .reply(200, { tracking_url: LINK });
    const link = await run<EverflowLink>(
      action,
      { network_offer_id: '1', source_id: 'blog', sub1: 'row 1', sub5: 'a&b=c/ü' },
      partnerAuth,
    );
    expect(link).toEqual({
      url: `${LINK}?source_id=blog&sub1=row+1&sub5=a%26b%3Dc%2F%C3%BC`,
      link_type: 'click',
      network_offer_id: 1,
      network_affiliate_id: null,
    });
  });

  it('keeps the existing query, replacing a same-named parameter, and reads a `url` answer', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offers/1/url/11')
      .reply(200, { url: `${LINK}?uid=11&sub1=old&x=%7Bkeep%7D#top` });
    const link = await run<EverflowLink>(
      action,
      { network_offer_id: 1, network_offer_url_id: 11, sub1: 'new', sub2: 'two' },
      partnerAuth,
    );
    expect(link.url).toBe(`${LINK}?uid=11&x=%7Bkeep%7D&sub1=new&sub2=two#top`);
  });

  it('returns the link unchanged when no sub is filled', async () => {
    nock(EVERFLOW)
      .get('/v1/affiliates/offers/3/url/0')
      .reply(200, { tracking_url: `${LINK}?a=1` });
    const link = await run<EverflowLink>(action, { network_offer_id: 3 }, partnerAuth);
    expect(link.url).toBe(`${LINK}?a=1`);
  });

  it('makes impression links from impressionurl, reading impression_url or url', async () => {
    const impression = 'https://www.acmetrk.example/i/GUC6/3DHC/';
    nock(EVERFLOW, keyHeader(PARTNER_KEY))
      .get('/v1/affiliates/offers/2/impressionurl/21')
      .reply(200, { impression_url: impression });
    nock(EVERFLOW).get('/v1/affiliates/offers/2/impressionurl/0').reply(200, { url: impression });
    const first = await run<EverflowLink>(
      action,
      { network_offer_id: 2, network_offer_url_id: 21, link_type: 'impression', sub1: 'banner' },
      partnerAuth,
    );
    expect(first).toEqual({
      url: `${impression}?sub1=banner`,
      link_type: 'impression',
      network_offer_id: 2,
      network_affiliate_id: null,
    });
    const second = await run<EverflowLink>(
      action,
      { network_offer_id: 2, link_type: 'Impression' },
      partnerAuth,
    );
    expect(second.url).toBe(impression);
  });

  it.each([
    [{ network_affiliate_id: 7 }, 'Affiliate needs'],
    [{ creative_id: 101, network_tracking_domain_id: 2 }, 'Tracking Domain and Creative need'],
    [
      { network_affiliate_id: 7, network_traffic_source_id: 1, is_encrypt_parameters: true },
      'Affiliate, Traffic Source ID and Encrypt Parameters need',
    ],
    [{ is_redirect_link: 'true' }, 'Force Redirect Link needs'],
  ])('refuses network-only fields %j before any request', async (extra, what) => {
    const error = describeError(
      await failure(run(action, { network_offer_id: 1, ...extra }, partnerAuth)),
    );
    const clear = what.endsWith('needs') ? 'Clear that field' : 'Clear these fields';
    expect(error.name).toBe('AppError');
    expect(error.message).toBe(
      `${what} a network key, but this connection's Everflow Key Type is Partner / affiliate. ` +
        `${clear}, or use a connection with a network key (Everflow Key Type: Network).`,
    );
  });

  it('does not count a switched-off network-only flag as filled', async () => {
    nock(EVERFLOW).get('/v1/affiliates/offers/1/url/0').reply(200, { tracking_url: LINK });
    const link = await run<EverflowLink>(
      action,
      { network_offer_id: 1, is_encrypt_parameters: false, network_affiliate_id: '' },
      partnerAuth,
    );
    expect(link.url).toBe(LINK);
  });
});

describe('everflow_tracking_link refuses bad input before any request', () => {
  it.each([
    [
      { network_offer_id: 'abc', network_affiliate_id: 7 },
      'Offer must be a positive whole number such as 1234, but it was "abc".',
    ],
    [{ network_offer_id: '', network_affiliate_id: 7 }, 'Offer is required.'],
    [{ network_offer_id: 1 }, 'Affiliate is required.'],
    [
      { network_offer_id: 1, network_affiliate_id: -7 },
      'Affiliate must be a positive whole number',
    ],
    [
      { network_offer_id: 1, network_affiliate_id: 7, creative_id: 1.5 },
      'Creative must be a positive whole number',
    ],
    [
      { network_offer_id: 1, network_affiliate_id: 7, network_offer_url_id: 'x' },
      'Offer URL must be a positive whole number',
    ],
    [
      { network_offer_id: 1, network_affiliate_id: 7, sub2: 'x'.repeat(201) },
      'Sub 2 is 201 characters long; the most allowed is 200.',
    ],
    [
      { network_offer_id: 1, network_affiliate_id: 7, source_id: 'y'.repeat(250) },
      'Source ID is 250 characters long; the most allowed is 200.',
    ],
    [
      { network_offer_id: 1, network_affiliate_id: 7, link_type: 'view' },
      'Link Type must be click or impression, but it was "view".',
    ],
  ])('%j', async (input, message) => {
    const error = describeError(await failure(run(action, input, networkAuth)));
    expect(error.name).toBe('AppError');
    expect(error.message).toContain(message);
  });

  it('checks a partner sub too', async () => {
    const error = describeError(
      await failure(run(action, { network_offer_id: 1, sub4: 'z'.repeat(201) }, partnerAuth)),
    );
    expect(error.message).toBe(
      'Sub 4 is 201 characters long; the most allowed is 200. Shorten it and try again.',
    );
  });
});
