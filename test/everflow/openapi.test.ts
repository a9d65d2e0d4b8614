import Ajv from 'ajv';
import nock from 'nock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { App, run, setupNock } from '../support/app';

import { EVERFLOW, networkAuth } from './helpers';

setupNock();

type JsonSchema = Record<string, unknown>;

/** The request-body schema of POST /networks/tracking/offers/clicks in Everflow's own OpenAPI file. */
function clicksRequestSchema(): JsonSchema {
  const file = path.join(__dirname, '../fixtures/everflow-openapi/tracking.yaml');
  const spec = parse(readFileSync(file, 'utf8')) as {
    paths: Record<
      string,
      { post: { requestBody: { content: Record<string, { schema: JsonSchema }> } } }
    >;
  };
  return spec.paths['/networks/tracking/offers/clicks'].post.requestBody.content['application/json']
    .schema;
}

/** Sends one link request through the action and returns the JSON body Everflow received. */
async function sentBody(input: Record<string, unknown>): Promise<unknown> {
  let body: unknown;
  nock(EVERFLOW)
    .post('/v1/networks/tracking/offers/clicks', (received) => {
      body = received;
      return true;
    })
    .reply(200, { url: 'https://www.acmetrk.example/GUC6/3DHC/' });
  await run(App.creates.everflow_tracking_link, input, networkAuth);
  return body;
}

describe("the network request body satisfies Everflow's OpenAPI contract", () => {
  const schema = clicksRequestSchema();
  // No field the contract does not know: the contract lists every property Everflow reads.
  const validate = new Ajv({ allErrors: true, strict: false }).compile({
    ...schema,
    additionalProperties: false,
  });

  it('reads the schema from the fixture (required offer and affiliate, typed properties)', () => {
    expect(schema.required).toEqual(['network_offer_id', 'network_affiliate_id']);
    expect(Object.keys(schema.properties as object)).toHaveLength(14);
  });

  it.each([
    ['the two required ids, from text', { network_offer_id: ' 6 ', network_affiliate_id: '7' }],
    [
      'every field filled, as Zapier sends them (text)',
      {
        network_offer_id: '1',
        network_affiliate_id: '7',
        network_tracking_domain_id: '2',
        network_offer_url_id: '11',
        creative_id: '101',
        network_traffic_source_id: '3',
        source_id: 'newsletter',
        sub1: '1',
        sub2: 'two',
        sub3: '3.5',
        sub4: 'four',
        sub5: 'five',
        is_encrypt_parameters: 'true',
        is_redirect_link: 'false',
      },
    ],
    [
      'numbers and booleans',
      { network_offer_id: 4, network_affiliate_id: 8, sub1: 42, is_redirect_link: true },
    ],
  ])('%s', async (_title, input) => {
    const body = await sentBody(input);
    const valid = validate(body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the validator would catch a body with ids as text or an unknown field', () => {
    expect(validate({ network_offer_id: '1', network_affiliate_id: 7 })).toBe(false);
    expect(validate({ network_offer_id: 1, network_affiliate_id: 7, link_type: 'click' })).toBe(
      false,
    );
    expect(
      validate({ network_offer_id: 1, network_affiliate_id: 7, is_redirect_link: 'true' }),
    ).toBe(false);
  });
});
