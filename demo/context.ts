import { authentication } from '../src/connection/authentication';
import { userMessage } from '../src/core/errors';
import { type Bundle, createAppTester, type ZObject } from 'zapier-platform-core';
import App from '../index';

/** What each network's demo gets: a way to run actions through Zapier's runtime, and to print. */
export interface DemoContext {
  run<T = unknown>(
    action: { key: string; operation: object },
    inputData: Record<string, unknown>,
  ): Promise<T>;
  connect(): Promise<string>;
  step(title: string, value: unknown): void;
  /** Runs an action expected to be refused and prints the message the user would see. */
  refused(
    title: string,
    action: { key: string; operation: object },
    inputData: Record<string, unknown>,
  ): Promise<void>;
}

const appTester: ReturnType<typeof createAppTester> & { zcacheTestObj?: unknown } =
  createAppTester(App);
// z.cache goes to the sandbox's imitation of Zapier's cache, so the shared Awin budget runs for real.
appTester.zcacheTestObj = undefined;
type Perform = (z: ZObject, bundle: Bundle) => unknown;

function performOf(action: { key: string; operation: object }): Perform {
  const operation = action.operation as { perform?: unknown };
  if (typeof operation.perform !== 'function') throw new Error(`${action.key} has no perform`);
  return operation.perform as Perform;
}

const MAX_ITEMS_SHOWN = 3;

function format(value: unknown, indent = '    '): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}(nothing found: [])`;
    const shown = value
      .slice(0, MAX_ITEMS_SHOWN)
      .map((item, i) => `${indent}[${i + 1}]\n${format(item, `${indent}  `)}`);
    const more =
      value.length > MAX_ITEMS_SHOWN
        ? [`${indent}… and ${value.length - MAX_ITEMS_SHOWN} more`]
        : [];
    return [...shown, ...more].join('\n');
  }
  if (typeof value === 'object' && value !== null) {
    // Empty outputs (null, "") say nothing to a reader: they are left out.
    return Object.entries(value)
      .filter(([, item]) => item !== null && item !== undefined && item !== '')
      .map(([key, item]) =>
        typeof item === 'object' && item !== null
          ? `${indent}${key}:\n${format(item, `${indent}  `)}`
          : `${indent}${key}: ${String(item)}`,
      )
      .join('\n');
  }
  return `${indent}${String(value)}`;
}

export function createDemoContext(authData: Record<string, string>): DemoContext {
  return {
    run: async <T>(
      action: { key: string; operation: object },
      inputData: Record<string, unknown>,
    ) => (await appTester(performOf(action), { authData, inputData })) as T,
    connect: async () => {
      const result = await appTester(authentication.test, { authData });
      return result.connection_label;
    },
    step: (title, value) => {
      console.log(`\n  ${title}`);
      console.log(format(value));
    },
    refused: async (title, action, inputData) => {
      try {
        await appTester(performOf(action), { authData, inputData });
        console.log(`\n  ${title}\n    (unexpectedly accepted)`);
      } catch (error) {
        console.log(
          `\n  ${title}\n    refused: ${userMessage(error).split('\nWhat happened:')[0]}`,
        );
      }
    },
  };
}
