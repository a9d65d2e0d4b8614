import nock from 'nock';

import { reasonOf } from '../../src/core/errors';
import { AWIN, AWIN_TOKEN, awinAuth } from '../awin/helpers';
import { EVERFLOW, NETWORK_KEY, networkAuth } from '../everflow/helpers';
import {
  OFFERSLOOK,
  OFFERSLOOK_BASIC_VALUE,
  OFFERSLOOK_KEY,
  offerslookAuth,
} from '../offerslook/helpers';
import { App, describeError, failure, run, setupNock } from '../support/app';

/**
 * API calls never follow redirects: node-fetch drops only Authorization and cookies on a
 * cross-host redirect, so following one would send X-Eflow-API-Key (and any other header) to the
 * new host, in clear after an https→http redirect. A 3xx is an error naming the network instead.
 */

setupNock();

interface Network {
  name: string;
  /** The real base URL and the override variable that points the client elsewhere. */
  base: string;
  env: string;
  /** The override as the sandbox would set it, and the address nock answers for it. */
  override: string;
  overrideOrigin: string;
  auth: Record<string, string>;
  /** The credential header as the network expects it. */
  header: [string, string];
  secrets: string[];
  action: Parameters<typeof run>[0];
  /** The method the action's request uses. */
  method: 'GET' | 'POST';
}

const NETWORKS: Network[] = [
  {
    name: 'Awin',
    base: AWIN,
    env: 'AWIN_API_URL',
    override: 'http://127.0.0.1:4010/awin',
    overrideOrigin: 'http://127.0.0.1:4010',
    auth: awinAuth,
    header: ['authorization', `Bearer ${AWIN_TOKEN}`],
    secrets: [AWIN_TOKEN],
    action: App.triggers.awin_publisher_account_list,
    method: 'GET',
  },
  {
    name: 'Everflow',
    base: EVERFLOW,
    env: 'EVERFLOW_API_URL',
    override: 'http://127.0.0.1:4010/everflow/v1',
    overrideOrigin: 'http://127.0.0.1:4010',
    auth: networkAuth,
    header: ['x-eflow-api-key', NETWORK_KEY],
    secrets: [NETWORK_KEY],
    action: App.triggers.everflow_offer_list,
    method: 'POST',
  },
  {
    name: 'Offerslook',
    base: OFFERSLOOK,
    env: 'OFFERSLOOK_API_URL',
    override: 'http://localhost:4010/offerslook/{network}',
    overrideOrigin: 'http://localhost:4010',
    auth: offerslookAuth,
    header: ['authorization', `Basic ${OFFERSLOOK_BASIC_VALUE}`],
    secrets: [OFFERSLOOK_KEY, OFFERSLOOK_BASIC_VALUE],
    action: App.triggers.offerslook_offer_list,
    method: 'GET',
  },
];

/** Every request the hosts a redirect points at receive (there must be none). */
let received: { host: string; headers: Record<string, unknown> }[] = [];

/** A host that records whatever reaches it; optional, so nock does not expect it to be called. */
function collector(origin: string) {
  const record = function (this: { req: { headers: Record<string, unknown> } }) {
    received.push({ host: origin, headers: this.req.headers });
    return [200, {}] as [number, object];
  };
  nock(origin)
    .persist()
    .get(() => true)
    .optionally()
    .reply(record)
    .post(() => true)
    .optionally()
    .reply(record);
}

/** The network's API answering every request with a redirect to `location`. */
function redirecting(origin: string, network: Network, location: string, status = 302) {
  return nock(origin, { reqheaders: { [network.header[0]]: network.header[1] } })
    .intercept(() => true, network.method)
    .reply(status, '', { Location: location });
}

beforeEach(() => {
  received = [];
  collector('https://collector.example');
  collector('http://collector.example');
});

describe.each(NETWORKS)('$name: a redirect is an error, never a second request', (network) => {
  it('a 302 to another host: that host receives nothing, the error names the network', async () => {
    const api = redirecting(network.base, network, 'https://collector.example/steal?from=api');
    const error = await failure(run(network.action, {}, network.auth));
    expect(api.isDone()).toBe(true);
    expect(received).toEqual([]);
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message:
        `${network.name}'s API answered with a redirect (HTTP 302) to https://collector.example, ` +
        `which this integration does not follow, so your credential stays with ${network.name}. ` +
        `${network.name} may have moved its API, or something between Zapier and it is ` +
        'redirecting: try again later, and contact us if it persists.',
    });
    expect(reasonOf(error)).toEqual({ network: network.name, kind: 'server', code: 'redirect' });
    for (const secret of network.secrets) expect(error.message).not.toContain(secret);
  });

  it('an https→http redirect on the same host is not followed either (no credential in clear)', async () => {
    const http = network.base.replace(/^https:/, 'http:');
    collector(http);
    redirecting(network.base, network, `${http}/same/path`, 301);
    const error = await failure(run(network.action, {}, network.auth));
    expect(received).toEqual([]);
    expect(describeError(error).message).toMatch(
      new RegExp(`^${network.name}'s API answered with a redirect \\(HTTP 301\\) to http://`),
    );
  });

  it('a redirect without a readable Location says "another address"', async () => {
    nock(network.base)
      .intercept(() => true, network.method)
      .reply(307, '', { Location: 'javascript:alert(1)' });
    const error = describeError(await failure(run(network.action, {}, network.auth)));
    expect(error.message).toContain('answered with a redirect (HTTP 307) to another address,');
  });

  describe(`with ${network.env} pointing at the sandbox`, () => {
    beforeEach(() => {
      process.env[network.env] = network.override;
    });
    afterEach(() => {
      delete process.env[network.env];
    });

    it('a redirect from the override sends no credential to the new host', async () => {
      const api = redirecting(network.overrideOrigin, network, 'http://collector.example/x');
      const error = await failure(run(network.action, {}, network.auth));
      expect(api.isDone()).toBe(true);
      expect(received).toEqual([]);
      expect(describeError(error).message).toContain(
        `${network.name}'s API answered with a redirect (HTTP 302) to http://collector.example,`,
      );
    });
  });
});

describe('each credential goes only to its own network’s host', () => {
  it('with all three networks connected, each network’s requests go to its own base URL only', async () => {
    const seen: { host: string; headers: Record<string, unknown> }[] = [];
    const listen = ({ base: origin, method }: Network) =>
      nock(origin)
        .persist()
        .intercept(() => true, method)
        .reply(function () {
          seen.push({ host: origin, headers: this.req.headers });
          return [200, {}];
        });
    for (const network of NETWORKS) listen(network);
    // Every answer is unreadable, so each network's test fails after one request: enough to see
    // where each credential went.
    await failure(
      run(
        App.triggers.awin_publisher_account_list,
        {},
        { ...awinAuth, ...networkAuth, ...offerslookAuth },
      ),
    );
    await failure(run(App.triggers.everflow_offer_list, {}, { ...awinAuth, ...networkAuth }));
    await failure(
      run(App.triggers.offerslook_offer_list, {}, { ...networkAuth, ...offerslookAuth }),
    );
    expect(seen.map((request) => request.host)).toEqual(NETWORKS.map((network) => network.base));
    for (const request of seen) {
      const own = NETWORKS.find((network) => network.base === request.host) as Network;
      for (const other of NETWORKS.filter((network) => network !== own)) {
        for (const secret of other.secrets) {
          expect(JSON.stringify(request.headers)).not.toContain(secret);
        }
      }
      expect(request.headers[own.header[0]]).toBe(own.header[1]);
    }
    nock.cleanAll();
  });
});
