/**
 * Every Zap run starts by loading the app, so loading it does as little as it can (npm run bench
 * measures the cost; these tests keep the two things that made it dear from coming back): no answer
 * schema is built until a run reads an answer, and the link checker's engine (with ipaddr.js) and
 * the watching of links and the earnings feature are loaded only when a run uses them.
 */
import type { accountsSchema as AccountsSchema } from '../../src/awin/schemas';

type Zod = typeof import('zod');
const AWIN_SCHEMAS = '../../src/awin/schemas';

/**
 * Loads the app in a fresh module registry, then runs `after` in that registry; returns what was
 * built with zod (by the time the app was loaded, and in all) and whether ipaddr.js was loaded.
 */
function loadApp(after: (built: readonly string[]) => void = () => undefined): {
  builtOnLoad: string[];
  built: string[];
  ipaddrLoaded: boolean;
  watchLoaded: boolean;
  earningsLoaded: boolean;
  app: unknown;
} {
  const built: string[] = [];
  let ipaddrLoaded = false;
  let watchLoaded = false;
  let earningsLoaded = false;
  let app: unknown;
  let builtOnLoad: string[] = [];
  jest.isolateModules(() => {
    jest.doMock('zod', () => {
      const actual = jest.requireActual<Zod>('zod');
      // Every schema builder (zod.object, zod.string…) notes its name; zod.lazy only wraps one.
      // (Classes, ZodObject and the like, stay as they are.)
      const z = Object.fromEntries(
        Object.entries(actual.z).map(([name, value]) =>
          typeof value === 'function' && /^[a-z]/.test(name) && name !== 'lazy'
            ? [
                name,
                (...args: unknown[]) => {
                  built.push(name);
                  return (value as (...a: unknown[]) => unknown)(...args);
                },
              ]
            : [name, value],
        ),
      );
      return { ...actual, z };
    });
    jest.doMock('ipaddr.js', () => {
      ipaddrLoaded = true;
      return jest.requireActual('ipaddr.js');
    });
    jest.doMock('../../src/watch/poll', () => {
      watchLoaded = true;
      return jest.requireActual('../../src/watch/poll');
    });
    jest.doMock('../../src/earnings/read', () => {
      earningsLoaded = true;
      return jest.requireActual('../../src/earnings/read');
    });
    app = (jest.requireActual('../../index') as { default: unknown }).default;
    builtOnLoad = [...built];
    after(built);
  });
  return { builtOnLoad, built, ipaddrLoaded, watchLoaded, earningsLoaded, app };
}

describe('loading the app', () => {
  it('builds no zod schema and loads neither the link checker, the watching of links nor earnings', () => {
    const { builtOnLoad, ipaddrLoaded, watchLoaded, earningsLoaded, app } = loadApp();
    expect(app).toEqual(expect.objectContaining({ creates: expect.any(Object) }));
    expect(builtOnLoad).toEqual([]);
    expect(ipaddrLoaded).toBe(false);
    expect(watchLoaded).toBe(false);
    expect(earningsLoaded).toBe(false);
  });

  it('builds a schema when a run first reads an answer with it, once', () => {
    const { builtOnLoad, built } = loadApp((soFar) => {
      // The path is held in a constant so that knip (npm run lint) takes the named import above as this
      // test's use of the module; a literal here would count as using every export of it.
      const { accountsSchema } = jest.requireActual<{ accountsSchema: typeof AccountsSchema }>(
        AWIN_SCHEMAS,
      );
      const answer = {
        accounts: [{ accountId: 100001, accountName: 'Jane', accountType: 'publisher' }],
      };
      expect(accountsSchema.safeParse(answer).success).toBe(true);
      const once = soFar.length;
      expect(accountsSchema.safeParse(answer).success).toBe(true);
      expect(soFar).toHaveLength(once);
    });
    expect(builtOnLoad).toEqual([]);
    expect(built).toEqual(expect.arrayContaining(['object', 'array']));
  });
});
