import Ajv, { type ValidateFunction } from 'ajv';
import nock from 'nock';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

import { App, run, setupNock } from '../support/app';

import { EVERFLOW, networkAuth, partnerAuth } from './helpers';

/**
 * Every request "Generate Everflow Tracking Links & Assets" sends is checked against Everflow's own
 * OpenAPI files (copies in test/fixtures/everflow-openapi): the path and method exist, every query
 * parameter is declared and has the declared type, required ones are there, and a JSON body has
 * only the properties the contract lists, with their types.
 */

setupNock();

type JsonSchema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
}
type Spec = { paths: Record<string, Record<string, Operation>> };

const FIXTURES = path.join(__dirname, '../fixtures/everflow-openapi');
const spec = (file: string) => parse(readFileSync(path.join(FIXTURES, file), 'utf8')) as Spec;

const PARTNER_SPECS = ['affiliate-offers.yaml', 'affiliate-coupon-codes.yaml'].map(spec);
const NETWORK_SPECS = ['offers.yaml', 'creatives.yaml', 'coupon-codes.yaml', 'tracking.yaml'].map(
  spec,
);

/**
 * Network endpoints the package uses that are documented only in upstream files not copied here
 * (olivierboucher/everflow-docs `openapi/affiliates-extras.yaml` and `openapi/offers-extras.yaml`).
 */
const UPSTREAM_ONLY = [
  'GET /networks/offers/runnable/affiliate/ids',
  'POST /networks/offers/{offerId}/impressionurl',
];

const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: true });
const validators = new Map<JsonSchema, ValidateFunction>();
function validate(schema: JsonSchema, value: unknown): string[] {
  let check = validators.get(schema);
  if (!check) {
    check = ajv.compile(schema);
    validators.set(schema, check);
  }
  return check(value) ? [] : (check.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Objects in a request body may carry only the properties their schema lists. */
function closed(schema: JsonSchema): JsonSchema {
  if (schema.type === 'array' && schema.items) {
    return { ...schema, items: closed(schema.items as JsonSchema) };
  }
  if (!schema.properties) return schema;
  const properties = Object.fromEntries(
    Object.entries(schema.properties as Record<string, JsonSchema>).map(([k, v]) => [k, closed(v)]),
  );
  return { ...schema, type: 'object', properties, additionalProperties: false };
}

interface Sent {
  method: string;
  url: URL;
  body: unknown;
}

function templateOf(specs: Spec[], method: string, pathname: string) {
  for (const { paths } of specs) {
    for (const [template, operations] of Object.entries(paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '([^/]+)')}$`);
      const operation = operations[method.toLowerCase()];
      if (operation && pattern.test(pathname)) return { template, operation, pattern };
    }
  }
  return undefined;
}

/** What a request does that its operation in the contract does not allow. */
function problems(specs: Spec[], sent: Sent): string[] {
  const pathname = sent.url.pathname.replace(/^\/v1/, '');
  const found = templateOf(specs, sent.method, pathname);
  if (!found) {
    const template = pathname.replace(/\/\d+(?=\/|$)/g, '/{offerId}');
    return UPSTREAM_ONLY.includes(`${sent.method} ${template}`)
      ? []
      : [`${sent.method} ${pathname} is not in the contract`];
  }
  const { operation, template, pattern } = found;
  const where = `${sent.method} ${template}`;
  const params = operation.parameters ?? [];
  const issues: string[] = [];
  for (const [name, value] of sent.url.searchParams) {
    const declared = params.find((p) => p.in === 'query' && p.name === name);
    if (!declared) issues.push(`${where}: query parameter ${name} is not declared`);
    else if (declared.schema) {
      issues.push(...validate(declared.schema, value).map((e) => `${where}: ${name}${e}`));
    }
  }
  for (const required of params.filter((p) => p.required && p.in === 'query')) {
    if (!sent.url.searchParams.has(required.name))
      issues.push(`${where}: ${required.name} missing`);
  }
  const pathValues = pattern.exec(pathname)?.slice(1) ?? [];
  params
    .filter((p) => p.in === 'path')
    .forEach((p, i) => {
      if (p.schema)
        issues.push(...validate(p.schema, pathValues[i]).map((e) => `${where}: ${p.name}${e}`));
    });
  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  if (sent.body !== undefined && bodySchema) {
    const strict = new Ajv({ allErrors: true, strict: false });
    const check = strict.compile(closed(bodySchema));
    if (!check(sent.body)) {
      issues.push(
        ...(check.errors ?? []).map((e) => `${where} body${e.instancePath} ${e.message}`),
      );
    }
  } else if (sent.body !== undefined) {
    issues.push(`${where}: sends a body the contract does not describe`);
  }
  return issues;
}

/** Answers every request like Everflow would and records it. */
function recordEverflow(answer: (sent: Sent) => [number, unknown]): Sent[] {
  const sent: Sent[] = [];
  const reply = (method: string) =>
    function (uri: string, body: unknown): [number, unknown] {
      const request: Sent = {
        method,
        url: new URL(uri, EVERFLOW),
        body: method === 'POST' && body !== '' ? body : undefined,
      };
      sent.push(request);
      return answer(request);
    };
  nock(EVERFLOW).persist().get(/.*/).reply(reply('GET'));
  nock(EVERFLOW).persist().post(/.*/).reply(reply('POST'));
  return sent;
}

const TRK = 'https://trk.example';

describe("the partner package's requests satisfy affiliate-offers.yaml and affiliate-coupon-codes.yaml", () => {
  afterEach(() => nock.cleanAll());

  it('reads that the contract declares page, page_size and the offer id as integers', () => {
    const [offers] = PARTNER_SPECS;
    const runnable = offers.paths['/affiliates/offersrunnable'].get.parameters ?? [];
    expect(runnable.map((p) => [p.name, p.schema?.type])).toEqual([
      ['page', 'integer'],
      ['page_size', 'integer'],
      ['search', 'string'],
    ]);
  });

  it('All Offers over two pages, with details, coupon codes and creatives', async () => {
    const offer = (id: number, relationship: unknown) => ({
      network_offer_id: id,
      name: `Offer ${id}`,
      tracking_url: `${TRK}/A/O${id}/`,
      impression_tracking_url: `${TRK}/i/A/O${id}/`,
      relationship,
    });
    const sent = recordEverflow(({ url }) => {
      const page = url.searchParams.get('page');
      if (url.pathname.endsWith('/offersrunnable')) {
        const offers =
          page === '1'
            ? Array.from({ length: 50 }, (_, i) => offer(i + 1, { urls: [], creatives: [] }))
            : [offer(51, { urls: [{ network_offer_url_id: 9, name: 'Other' }] })];
        return [200, { offers, paging: { page: Number(page), page_size: 50, total_count: 51 } }];
      }
      if (url.pathname.endsWith('/couponcodes')) return [200, { coupon_codes: [] }];
      return [200, offer(51, { creatives: [{ network_offer_creative_id: 5, name: 'Banner' }] })];
    });

    const result = await run<{ links: unknown[]; creatives: unknown[] }>(
      App.creates.everflow_tracking_assets,
      {
        scope: 'all',
        link_types: ['click', 'impression'],
        include_offer_urls: true,
        include_creatives: true,
        include_coupon_codes: true,
        sub1: 'x',
      },
      partnerAuth,
    );

    expect(result.links).toHaveLength(2 * 52);
    expect(result.creatives).toHaveLength(1);
    expect(sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`).sort()).toEqual([
      'GET /v1/affiliates/couponcodes',
      'GET /v1/affiliates/offers/51',
      'GET /v1/affiliates/offersrunnable?page=1&page_size=50',
      'GET /v1/affiliates/offersrunnable?page=2&page_size=50',
    ]);
    expect(sent.flatMap((s) => problems(PARTNER_SPECS, s))).toEqual([]);
  });

  it('the checker would catch an undeclared parameter, a wrong type or an unknown path', () => {
    const at = (method: string, url: string, body?: unknown): Sent => ({
      method,
      url: new URL(url, EVERFLOW),
      body,
    });
    expect(problems(PARTNER_SPECS, at('GET', '/v1/affiliates/offersrunnable?page=one'))).toEqual([
      'GET /affiliates/offersrunnable: page must be integer',
    ]);
    expect(problems(PARTNER_SPECS, at('GET', '/v1/affiliates/offersrunnable?limit=5'))).toEqual([
      'GET /affiliates/offersrunnable: query parameter limit is not declared',
    ]);
    expect(problems(PARTNER_SPECS, at('GET', '/v1/affiliates/offers/abc'))).toEqual([
      'GET /affiliates/offers/{offerId}: offerId must be integer',
    ]);
    expect(problems(PARTNER_SPECS, at('GET', '/v1/affiliates/offers/1/links'))).toEqual([
      'GET /affiliates/offers/1/links is not in the contract',
    ]);
    expect(
      problems(NETWORK_SPECS, at('POST', '/v1/networks/offerstable', { filters: { status: 1 } })),
    ).toEqual(['POST /networks/offerstable body/filters must NOT have additional properties']);
  });
});

describe("the network package's requests satisfy offers.yaml, creatives.yaml, coupon-codes.yaml and tracking.yaml", () => {
  afterEach(() => nock.cleanAll());

  function networkEverflow(): Sent[] {
    return recordEverflow(({ method, url }) => {
      const p = url.pathname.replace(/^\/v1/, '');
      if (p === '/networks/offers/runnable/affiliate/ids') return [200, { offer_ids: [1, 2] }];
      if (p === '/networks/offerstable') {
        const offers = [1, 2, 3].map((id) => ({
          network_offer_id: id,
          name: `Offer ${id}`,
          relationship: {
            urls: { total: 1, entries: [{ network_offer_url_id: id * 10, name: 'U' }] },
          },
        }));
        return [200, { offers, paging: { total_count: 3 } }];
      }
      if (method === 'GET' && /^\/networks\/offers\/\d+$/.test(p)) {
        return [200, { network_offer_id: Number(p.split('/').at(-1)), name: 'Chosen' }];
      }
      if (p.endsWith('/impressionurl')) return [200, { impression_url: `${TRK}/i/A/O/` }];
      if (p === '/networks/tracking/offers/clicks') return [200, { url: `${TRK}/A/O/` }];
      if (p === '/networks/creativestable')
        return [200, { creatives: [], paging: { total_count: 0 } }];
      if (p === '/networks/couponcodes')
        return [200, { couponcodes: [], paging: { total_count: 0 } }];
      return [404, { error: 'unexpected' }];
    });
  }

  it('All Offers, every link type, offer URLs, creatives and coupon codes, forced redirect links', async () => {
    const sent = networkEverflow();
    await run(
      App.creates.everflow_tracking_assets,
      {
        network_affiliate_id: '7',
        scope: 'all',
        link_types: ['click', 'impression'],
        include_offer_urls: 'true',
        is_redirect_link: 'true',
        include_creatives: true,
        include_coupon_codes: true,
        source_id: 'crm',
        sub1: 42,
      },
      networkAuth,
    );
    const kinds = new Set(sent.map((s) => `${s.method} ${s.url.pathname}`));
    expect([...kinds].sort()).toEqual([
      'GET /v1/networks/couponcodes',
      'GET /v1/networks/offers/runnable/affiliate/ids',
      'POST /v1/networks/creativestable',
      'POST /v1/networks/offers/1/impressionurl',
      'POST /v1/networks/offers/2/impressionurl',
      'POST /v1/networks/offerstable',
      'POST /v1/networks/tracking/offers/clicks',
    ]);
    expect(sent.flatMap((s) => problems(NETWORK_SPECS, s))).toEqual([]);
  });

  it('Chosen Offers read each offer with its URLs', async () => {
    const sent = networkEverflow();
    await run(
      App.creates.everflow_tracking_assets,
      { network_affiliate_id: 7, network_offer_ids: [2, 1] },
      networkAuth,
    );
    expect(
      sent
        .filter((s) => s.method === 'GET')
        .map((s) => `${s.url.pathname}${s.url.search}`)
        .sort(),
    ).toEqual([
      '/v1/networks/offers/1?relationship=urls',
      '/v1/networks/offers/2?relationship=urls',
      '/v1/networks/offers/runnable/affiliate/ids?network_affiliate_id=7',
    ]);
    expect(sent.flatMap((s) => problems(NETWORK_SPECS, s))).toEqual([]);
  });
});
