import { authentication } from '../src/connection/authentication';
import { userMessage } from '../src/core/errors';
import { type Bundle, createAppTester, type ZObject } from 'zapier-platform-core';
import App from '../index';
import { stepLines } from './format';

type Action = { key: string; operation: object };

/** What each network's demo gets: a way to run actions through Zapier's runtime, and to say what they did. */
export interface DemoContext {
  run<T = unknown>(action: Action, inputData: Record<string, unknown>): Promise<T>;
  /** Runs the connection test and returns the connection's label. */
  connect(): Promise<string>;
  /** Prints one step: what it did in one sentence, then its key results; `links` = links it made. */
  done(sentence: string, details?: readonly string[], links?: number): void;
  /** Runs an action expected to be refused and prints the message the user would see in Zapier. */
  refused(sentence: string, action: Action, inputData: Record<string, unknown>): Promise<void>;
}

/** What the whole tour did, for its closing summary. */
export const tally = {
  steps: 0,
  links: 0,
  refused: 0,
  /** Steps that should have been refused but were not. */
  surprises: [] as string[],
  /** What the tour saved to disk, in a sentence each. */
  saved: [] as string[],
};

const appTester: ReturnType<typeof createAppTester> & { zcacheTestObj?: unknown } =
  createAppTester(App);
// z.cache goes to the sandbox's imitation of Zapier's cache, so the shared Awin budget runs for real.
appTester.zcacheTestObj = undefined;
type Perform = (z: ZObject, bundle: Bundle) => unknown;

function performOf(action: Action): Perform {
  const operation = action.operation as { perform?: unknown };
  if (typeof operation.perform !== 'function') throw new Error(`${action.key} has no perform`);
  return operation.perform as Perform;
}

export function createDemoContext(authData: Record<string, string>): DemoContext {
  const run = async (action: Action, inputData: Record<string, unknown>) => {
    tally.steps += 1;
    return appTester(performOf(action), { authData, inputData });
  };
  return {
    run: async <T>(action: Action, inputData: Record<string, unknown>) =>
      (await run(action, inputData)) as T,
    connect: async () => {
      tally.steps += 1;
      const result = await appTester(authentication.test, { authData });
      return result.connection_label;
    },
    done: (sentence, details = [], links = 0) => {
      tally.links += links;
      console.log(stepLines('✓', sentence, details));
    },
    refused: async (sentence, action, inputData) => {
      try {
        await run(action, inputData);
      } catch (error) {
        tally.refused += 1;
        // Zapier shows the message without the trace the app adds after "What happened:".
        const message = userMessage(error).split('\nWhat happened:')[0];
        console.log(stepLines('✗', `${sentence} Refused, as expected:`, [message]));
        return;
      }
      tally.surprises.push(sentence);
      console.log(stepLines('✗', `${sentence} It was accepted, but should have been refused.`));
    },
  };
}
