import nock from 'nock';
import { type Bundle, createAppTester, type ZObject } from 'zapier-platform-core';

import App from '../../index';

/**
 * Helpers every test may use: the app run through Zapier's runtime, error reading, nock set-up and
 * log capture. Nothing here knows a network; each network's defaults live in its own test folder.
 */

import { authentication, type ConnectionTestResult } from '../../src/connection/authentication';

export const appTester = createAppTester(App);

type Operation = { key: string; operation: object };
type Perform = (z: ZObject, bundle: Bundle) => unknown;

/** Runs an action's perform through Zapier's runtime, like a Zap step would. */
export async function run<T = unknown>(
  action: Operation,
  inputData: Record<string, unknown>,
  authData: Record<string, string>,
  meta: Partial<Bundle['meta']> = {},
): Promise<T> {
  if (!('perform' in action.operation) || typeof action.operation.perform !== 'function') {
    throw new Error(`${action.key} has no perform function`);
  }
  const perform = action.operation.perform as Perform;
  return (await appTester(perform, { inputData, authData, meta })) as T;
}

/** Runs the connection test, then renders the connection label template as Zapier does. */
export async function connect(
  authData: Record<string, string>,
): Promise<{ label: string; result: ConnectionTestResult }> {
  const result = await appTester(authentication.test, { authData });
  const label = authentication.connectionLabel.replace(/{{\s*(\w+)\s*}}/g, (_, key: string) =>
    String((result as unknown as Record<string, unknown>)[key] ?? ''),
  );
  return { label, result };
}

/** Runs a promise that must fail and returns the error, for class and message assertions. */
export async function failure(promise: Promise<unknown>): Promise<Error & { name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { name: string };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Zapier errors keep their message (and a throttle delay) inside JSON; this reads them out. */
export function describeError(error: Error): { name: string; message: string; delay?: number } {
  // The test runner appends "What happened: …" to some errors; Zapier shows users the first part.
  const plain = error.message.split('\nWhat happened:')[0];
  try {
    const parsed = JSON.parse(error.message) as { message?: string; delay?: number };
    if (typeof parsed.message === 'string') {
      return { name: error.name, message: parsed.message, delay: parsed.delay ?? undefined };
    }
  } catch {
    // a plain message
  }
  return { name: error.name, message: plain };
}

/** Empties the app tester's stand-in for z.cache, so no test sees what an earlier one cached. */
export function resetZapierCache(): void {
  (appTester as unknown as { zcacheTestObj: object }).zcacheTestObj = {};
}

export function setupNock(): void {
  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  // The shared Awin budget and the cached lists live in z.cache: each test starts with none.
  beforeEach(resetZapierCache);
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  // test/support/nockPerFile.ts takes this file's nock off Node's http when the file ends.
}

export { App };

/**
 * Prints Zapier's run log to stdout (as `zapier-platform invoke` does) and collects its lines for
 * the tests of the calling describe block, so they can check no credential is ever logged.
 */
export function captureZapierLogs(): string[] {
  const lines: string[] = [];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    process.env.LOG_TO_STDOUT = '1';
    process.env.DETAILED_LOG_TO_STDOUT = '1';
    lines.length = 0;
    spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '));
    });
  });
  afterEach(() => {
    spy.mockRestore();
    delete process.env.LOG_TO_STDOUT;
    delete process.env.DETAILED_LOG_TO_STDOUT;
  });
  return lines;
}
