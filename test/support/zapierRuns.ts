type Core = typeof import('zapier-platform-core');
type AppDefinition = typeof import('../../index').default;
export type Tester = ReturnType<Core['createAppTester']> & { zcacheTestObj?: unknown };
export type Perform = Parameters<Tester>[0];

/**
 * One "Zap run" whose z.cache is the sandbox's imitation of Zapier's cache (real time to live and
 * set-if-absent), unlike the app tester's in-memory stand-in. zapier-platform-core reads
 * ZAPIER_BASE_ENDPOINT when it loads, so each run loads its own copy of the core and the app after
 * the sandbox's environment is set. Slow (the app is loaded again): give the test time.
 */
export async function loadZapierRun(): Promise<{ tester: Tester; App: AppDefinition }> {
  let loaded: { tester: Tester; App: AppDefinition } | undefined;
  await jest.isolateModulesAsync(async () => {
    const core: Core = await import('zapier-platform-core');
    const App = (await import('../../index')).default;
    const tester: Tester = core.createAppTester(App);
    tester.zcacheTestObj = undefined; // z.cache goes to the sandbox
    loaded = { tester, App };
  });
  if (!loaded) throw new Error('the app did not load');
  return loaded;
}
