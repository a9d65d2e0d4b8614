import { BlockList } from 'node:net';
import fc from 'fast-check';
import nock from 'nock';

import { apiBaseUrl, overrideProblem } from '../../src/core/baseUrl';
import { reasonOf } from '../../src/core/errors';
import { awinAuth } from '../awin/helpers';
import { fakeZ, networkAuth } from '../everflow/helpers';
import { offerslookAuth } from '../offerslook/helpers';
import { App, describeError, failure, run, setupNock } from '../support/app';

/**
 * Base-URL overrides exist for tests and the sandbox only: one that does not point at this machine
 * is refused with an error naming the variable, before any credential is sent.
 */

setupNock();

const ENV = 'EXAMPLE_API_URL';
const options = { env: ENV, defaultUrl: 'https://api.example.net/v1/', network: 'Example' };

function baseUrlWith(value: string | undefined, fill?: (url: string) => string): string {
  if (value === undefined) delete process.env[ENV];
  else process.env[ENV] = value;
  try {
    return apiBaseUrl(fakeZ, { ...options, fill });
  } finally {
    delete process.env[ENV];
  }
}

function refusal(value: string): Error {
  try {
    baseUrlWith(value);
  } catch (error) {
    return error as Error;
  }
  throw new Error(`${value} was accepted`);
}

const remedy =
  `${ENV} exists only for tests and the sandbox: remove it from your environment (.env) to ` +
  'call Example itself.';

describe('apiBaseUrl', () => {
  it('is the network’s own address when the variable is unset or blank (no trailing slash)', () => {
    expect(baseUrlWith(undefined)).toBe('https://api.example.net/v1');
    expect(baseUrlWith('')).toBe('https://api.example.net/v1');
    expect(baseUrlWith('  ')).toBe('https://api.example.net/v1');
  });

  it.each([
    ['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
    ['http://localhost:4010/x', 'http://localhost:4010/x'],
    ['http://[::1]:4010', 'http://[::1]:4010'],
    ['https://127.45.6.7/awin/', 'https://127.45.6.7/awin'],
    ['http://LOCALHOST:4010/', 'http://LOCALHOST:4010'],
    // Other spellings of a loopback address, which the URL class (and so the request) reads as one.
    ['http://127.1:4010', 'http://127.1:4010'],
    ['http://0x7f000001:4010', 'http://0x7f000001:4010'],
    ['http://[0:0:0:0:0:0:0:1]:4010', 'http://[0:0:0:0:0:0:0:1]:4010'],
  ])('accepts %s, an address on this machine', (value, expected) => {
    expect(baseUrlWith(value)).toBe(expected);
  });

  it.each([
    ['http://10.0.0.1', '10.0.0.1'],
    ['http://api.example.com', 'api.example.com'],
    ['https://api.awin.com', 'api.awin.com'],
    ['http://127.0.0.1.nip.io:4010', '127.0.0.1.nip.io'],
    ['http://localhost.example.com', 'localhost.example.com'],
    ['http://0.0.0.0:4010', '0.0.0.0'],
    ['http://128.0.0.1', '128.0.0.1'],
    // IPv4-mapped IPv6: whether it reaches the loopback depends on the system; never needed.
    ['http://[::ffff:127.0.0.1]:4010', '[::ffff:7f00:1]'],
    ['http://[::ffff:7f00:1]', '[::ffff:7f00:1]'],
    ['http://[::]:4010', '[::]'],
    // A user name that looks like this machine does not make the host this machine.
    ['http://127.0.0.1@collector.example', 'collector.example'],
    ['http://localhost:4010@collector.example/x', 'collector.example'],
    // Nor does a fragment that looks like a user name of this machine.
    ['http://collector.example#@127.0.0.1', 'collector.example'],
  ])('refuses %s, naming the variable and the host', (value, host) => {
    const error = refusal(value);
    expect(describeError(error)).toEqual({
      name: 'AppError',
      message: `${ENV} points at ${host}, which is not this machine. ${remedy}`,
    });
    expect(reasonOf(error)).toEqual({
      network: 'Example',
      kind: 'connection',
      code: 'unsafe_override',
    });
  });

  it.each([
    'ftp://127.0.0.1/',
    'file:///etc/hosts',
    'ws://127.0.0.1:4010',
    'http://127.0.0.1:4010/?next=http://collector.example',
    'http://127.0.0.1:4010/#fragment',
    'http://user:secret@127.0.0.1:4010',
    'http://127.0.0.1:4010/#x',
  ])('refuses %s: only a plain http(s) address is taken', (value) => {
    expect(describeError(refusal(value)).message).toBe(
      `${ENV} is not a plain http:// or https:// address. ${remedy}`,
    );
  });

  it.each(['not a url', '127.0.0.1:4010', '//127.0.0.1:4010', 'http://'])(
    'refuses %s: not a web address',
    (value) => {
      expect(describeError(refusal(value)).message).toBe(`${ENV} is not a web address. ${remedy}`);
    },
  );

  it('vets the address once its placeholders are filled in', () => {
    const fill = (url: string) => url.split('{network}').join('acme');
    expect(baseUrlWith('http://127.0.0.1:4010/offerslook/{network}/', fill)).toBe(
      'http://127.0.0.1:4010/offerslook/acme',
    );
    expect(() => baseUrlWith('http://{network}.localhost:4010', fill)).toThrow(
      `${ENV} points at acme.localhost, which is not this machine.`,
    );
  });

  it('says what removing the variable gives back, for callers other than a network', () => {
    expect(
      overrideProblem('LINK_CHECK_BASE_URL', 'http://web.example', 'check the links themselves'),
    ).toBe(
      'LINK_CHECK_BASE_URL points at web.example, which is not this machine. LINK_CHECK_BASE_URL ' +
        'exists only for tests and the sandbox: remove it from your environment (.env) to check the links themselves.',
    );
    expect(
      overrideProblem('LINK_CHECK_BASE_URL', 'http://127.0.0.1:4010/web', 'x'),
    ).toBeUndefined();
  });
});

describe('property: an override is taken exactly when its host is this machine', () => {
  // The oracle: Node's own address matching, not the URL class the code relies on.
  const loopback4 = new BlockList();
  loopback4.addSubnet('127.0.0.0', 8, 'ipv4');
  const loopback6 = new BlockList();
  loopback6.addAddress('::1', 'ipv6');
  const accepted = (value: string) => overrideProblem(ENV, value, 'x') === undefined;

  it('IPv4 addresses: exactly 127.0.0.0/8', () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 1, max: 65535 }), (ip, port) => {
        expect(accepted(`http://${ip}:${port}/api`)).toBe(loopback4.check(ip, 'ipv4'));
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.nat(0xffffff), (low) => {
        const ip = [127, low >> 16, (low >> 8) & 255, low & 255].join('.');
        expect(accepted(`https://${ip}`)).toBe(true);
      }),
    );
  });

  it('IPv6 addresses: exactly ::1', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV6(), fc.constantFrom('::1', '0::1', '::ffff:127.0.0.1')), (ip) => {
        expect(accepted(`http://[${ip}]:4010`)).toBe(loopback6.check(ip, 'ipv6'));
      }),
      { numRuns: 500 },
    );
  });

  it('names: only localhost, whatever user name or subdomain dresses them up', () => {
    fc.assert(
      fc.property(
        fc.domain(),
        fc.constantFrom('localhost', '127.0.0.1', '[::1]'),
        (domain, here) => {
          expect(accepted(`http://${domain}:4010`)).toBe(domain === 'localhost');
          expect(accepted(`http://${here}@${domain}/x`)).toBe(domain === 'localhost');
          expect(accepted(`http://${here}.${domain}/x`)).toBe(false);
          expect(accepted(`http://${domain}.${here.replace(/[[\]]/g, '')}/x`)).toBe(false);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('every network’s override is vetted before any request', () => {
  const NETWORKS = [
    {
      env: 'AWIN_API_URL',
      name: 'Awin',
      auth: awinAuth,
      action: App.triggers.awin_publisher_account_list,
    },
    {
      env: 'EVERFLOW_API_URL',
      name: 'Everflow',
      auth: networkAuth,
      action: App.triggers.everflow_offer_list,
    },
    {
      env: 'OFFERSLOOK_API_URL',
      name: 'Offerslook',
      auth: offerslookAuth,
      action: App.triggers.offerslook_offer_list,
    },
  ];

  let received: string[] = [];
  beforeEach(() => {
    received = [];
    for (const origin of ['http://api.example.com', 'http://10.0.0.1', 'http://127.0.0.1.nip.io']) {
      const record = function (this: { req: { path: string } }) {
        received.push(`${origin}${this.req.path}`);
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
  });
  afterEach(() => {
    for (const { env } of NETWORKS) delete process.env[env];
  });

  describe.each(NETWORKS)('$env', ({ env, name, auth, action }) => {
    it.each(['http://api.example.com/x', 'http://10.0.0.1', 'http://127.0.0.1.nip.io'])(
      'refuses %s: the step stops with an error naming the variable, and nothing is sent',
      async (value) => {
        process.env[env] = value;
        const error = await failure(run(action, {}, auth));
        const host = new URL(value).hostname;
        expect(describeError(error)).toEqual({
          name: 'AppError',
          message:
            `${env} points at ${host}, which is not this machine. ${env} exists only for tests ` +
            `and the sandbox: remove it from your environment (.env) to call ${name} itself.`,
        });
        expect(reasonOf(error)).toEqual({
          network: name,
          kind: 'connection',
          code: 'unsafe_override',
        });
        expect(received).toEqual([]);
      },
    );
  });
});
