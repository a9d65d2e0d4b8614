import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/server';

/**
 * Starts a fresh sandbox for one test file and points the app at it through the same environment
 * variables a user sets for `zapier-platform invoke`. Restores the environment afterwards.
 */
export function useSandbox(options: SandboxOptions = {}): { current: () => Sandbox } {
  let sandbox: Sandbox | undefined;
  const saved: Record<string, string | undefined> = {};
  beforeAll(async () => {
    sandbox = await startSandbox(options);
    for (const [key, value] of Object.entries(sandbox.env)) {
      saved[key] = process.env[key];
      process.env[key] = value;
    }
  });
  afterAll(async () => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    await sandbox?.close();
  });
  return {
    current: () => {
      if (!sandbox) throw new Error('the sandbox is not running');
      return sandbox;
    },
  };
}
