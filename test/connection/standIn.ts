import { type ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { commissionOf } from '../../src/core/commission';
import { callApi } from '../../src/core/http';
import { type Network } from '../../src/core/network';

/**
 * A fifth network that exists only in tests: everything any-URL, link checks and watching links
 * need of a network, declared the way a network folder declares it (src/<network>/network.ts),
 * answered by nock at STAND_IN_API. test/connection/standInNetwork.test.ts puts it in the registry and nowhere else.
 */

export const STAND_IN_API = 'https://api.standin.example';
export const STAND_IN_CLICKS = 'go.standin.example';

const shopsSchema = zod.object({
  shops: zod.array(zod.object({ id: zod.number(), name: zod.string(), site: zod.string() })),
});
const paySchema = zod.object({ percent: zod.number() });
const hostsSchema = zod.object({ hosts: zod.array(zod.string()) });
const statusSchema = zod.object({ status: zod.string(), live: zod.boolean(), site: zod.string() });

function get<T>(z: ZObject, key: unknown, path: string, schema: zod.ZodType<T>): Promise<T> {
  return callApi(z, {
    network: 'Stand-In',
    method: 'GET',
    url: `${STAND_IN_API}${path}`,
    headers: { 'X-Stand-In-Key': String(key) },
    schema,
    throttleWindowSeconds: 60,
    authHint: 'Reconnect with your Stand-In key.',
    secrets: [String(key)],
  });
}

export const standInNetwork: Network<'standin'> = {
  id: 'standin',
  label: 'Stand-In',
  fields: [{ key: 'standin_key', label: 'Stand-In Key', type: 'password', required: false }],
  startedBy: ['standin_key'],
  required: ['standin_key'],
  baseUrlEnv: 'STAND_IN_API_URL',
  test: async () => 'Stand-In',
  anyUrl: {
    needs: 'a Stand-In key',
    unusable: () => undefined,
    accounts: null,
    async directory(z, bundle) {
      const { shops } = await get(z, bundle.authData.standin_key, '/shops', shopsSchema);
      return shops.map((shop) => ({
        id: shop.id,
        name: shop.name,
        domains: [shop.site],
        landings: [],
      }));
    },
    commission: {
      async read(z, bundle, { id }) {
        const pay = await get(z, bundle.authData.standin_key, `/shops/${id}/pay`, paySchema);
        return commissionOf([pay.percent], [], null);
      },
    },
    trackingRef: { param: 'sref', maxLength: 20, said: 'a stand-in reference (sref)' },
    async makeLink(_z, _bundle, { url, ref, target }) {
      const query = new URLSearchParams({ u: url, ...(ref === undefined ? {} : { sref: ref }) });
      return { url: `https://${STAND_IN_CLICKS}/c/${target.id}?${query}`, destination_url: url };
    },
  },
  linkCheck: {
    hosts: [STAND_IN_CLICKS],
    looksLike: null,
    clickId: 'sclid',
    deepLinkParam: 'u',
    programmes: {
      trackingHosts: async ({ z, bundle, list }) =>
        (
          await list('the Stand-In tracking hosts', ['hosts'], hostsSchema, (call) =>
            call(() => get(z, bundle.authData.standin_key, '/hosts', hostsSchema)),
          )
        )?.hosts,
      async facts({ z, bundle, list }, url) {
        const id = url.pathname.split('/').pop() ?? '';
        const shop = await list(`Stand-In shop ${id}`, ['shop', id], statusSchema, (call) =>
          call(() => get(z, bundle.authData.standin_key, `/shops/${id}/status`, statusSchema)),
        );
        if (!shop) return { programme: { status: 'unknown', notTracking: false }, domains: [] };
        return {
          programme: { status: shop.status, notTracking: !shop.live },
          domains: [shop.site],
        };
      },
    },
  },
  watch: {
    watched: 'every live Stand-In shop',
    async programmeLinks({ z, bundle, list }) {
      const read = await list('the Stand-In shops', ['shops'], shopsSchema, (call) =>
        call(() => get(z, bundle.authData.standin_key, '/shops', shopsSchema)),
      );
      return read?.shops.map((shop) => ({
        id: shop.id,
        name: shop.name,
        url: `https://${STAND_IN_CLICKS}/c/${shop.id}`,
      }));
    },
  },
  earnings: { lacking: 'The Stand-In network has no conversion report.' },
};
