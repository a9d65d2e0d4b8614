import { DEMO_AUTH_DATA } from '../sandbox/credentials';
import { startSandbox } from '../sandbox/server';

// `npm run demo`: start the sandbox and run every action through Zapier's runtime, saying in plain
// words what each did. No credentials needed: the sandbox's demo credentials are used.
import './runtime-env';

async function main(): Promise<void> {
  const sandbox = await startSandbox();
  // Point the app and Zapier's runtime (files, shared cache) at the sandbox before loading them:
  // zapier-platform-core reads ZAPIER_BASE_ENDPOINT when it loads.
  Object.assign(process.env, sandbox.env);
  const { createDemoContext, tally } = await import('./context');
  const { plural } = await import('./format');
  const { SECTIONS } = await import('./sections');
  console.log(
    'A tour of the Zapier integration for Awin, Everflow, Offerslook and Impact: every action runs ' +
      "through Zapier's own runtime,\nagainst a local sandbox that imitates the networks " +
      '(demo credentials, no real network is called).',
  );
  const failed: string[] = [];
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
        const message = error instanceof Error ? error.message : String(error);
        failed.push(`${title}: ${message}`);
        console.error(`✗ This part of the tour stopped unexpectedly: ${message}`);
      }
    }
    answered += sandbox.calls.length;
  } finally {
    await sandbox.close();
  }

  const problems = [
    ...failed.map((failure) => `Stopped unexpectedly: ${failure}`),
    ...tally.surprises.map((surprise) => `Accepted, but should have been refused: ${surprise}`),
  ];
  console.log('\n== Summary ==');
  console.log(
    `Ran ${plural(tally.steps, 'Zapier step')} (actions, searches, triggers and dropdowns) in ` +
      `${plural(SECTIONS.length, 'part')}, and made ${plural(tally.links, 'tracking link')}.`,
  );
  console.log(
    `${plural(tally.refused, 'step was', 'steps were')} refused as expected, each with a message ` +
      `a Zapier user can act on; ${problems.length === 0 ? 'nothing else failed.' : 'these went wrong:'}`,
  );
  for (const problem of problems) console.log(`    ✗ ${problem}`);
  console.log(
    `All ${plural(answered, 'request')} went to the local sandbox: no real network was called.`,
  );
  for (const saved of tally.saved) console.log(saved);
  console.log('Next: npm test; or connect real accounts with zapier-platform invoke (see README)');
  if (problems.length > 0) process.exitCode = 1;
}

void main();
