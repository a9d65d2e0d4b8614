import { DEMO_AUTH_DATA } from '../sandbox/credentials';
import { startSandbox } from '../sandbox/server';

// `npm run demo`: start the sandbox and run every action through Zapier's runtime, printing what
// each returns. No credentials needed: the sandbox's demo credentials are used.
import './runtime-env';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  // Point the app and Zapier's runtime (files, shared cache) at the sandbox before loading them:
  // zapier-platform-core reads ZAPIER_BASE_ENDPOINT when it loads.
  Object.assign(process.env, sandbox.env);
  const { createDemoContext } = await import('./context');
  const { SECTIONS } = await import('./sections');
  console.log(`Sandbox running at ${sandbox.url} (demo credentials, no real network is called)`);
  let failures = 0;
  let answered = 0;
  try {
    for (const [title, run] of SECTIONS) {
      // The tour makes more Awin calls than Awin's 20 a minute: each section starts a fresh sandbox
      // minute (and an empty shared cache), as Zaps spread over time would.
      answered += sandbox.calls.length;
      sandbox.reset();
      console.log(`\n== ${title} ==`);
      try {
        await run(createDemoContext({ ...DEMO_AUTH_DATA }));
      } catch (error) {
        failures += 1;
        console.error(
          `\n  ${title} demo failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    answered += sandbox.calls.length;
    console.log(
      `\nThe tour made ${answered} requests, all to the local sandbox: no real network was called.`,
    );
  } finally {
    await sandbox.close();
  }
  if (failures > 0) process.exitCode = 1;
}

void main();
