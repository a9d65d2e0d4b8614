// `npm test` is quiet: Zapier's run log (z.console, the request log) and the app's own diagnostics
// print nothing unless a test captures them (captureZapierLogs in ./app). TEST_LOGS=1 shows them.
if (!process.env.TEST_LOGS) {
  let spy: jest.SpyInstance | undefined;
  beforeEach(() => {
    spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => spy?.mockRestore());
}
