// `npm run sandbox`: start the sandbox and print the .env lines that point `zapier-platform invoke` at it.
import { DEMO_AUTH_DATA, DEMO_IMPACT_AUTH_DATA } from './credentials';
import { startSandbox, type Sandbox } from './server';

const DEFAULT_PORT = 4010;

/** The `.env` lines for `zapier-platform invoke`: base URL overrides, then `authData_*` demo credentials. */
export function sandboxEnvLines(sandbox: Pick<Sandbox, 'env'>): string[] {
  return [
    ...Object.entries(sandbox.env).map(([key, value]) => `${key}=${value}`),
    ...Object.entries({ ...DEMO_AUTH_DATA, ...DEMO_IMPACT_AUTH_DATA }).map(
      ([key, value]) => `authData_${key}=${value}`,
    ),
  ];
}

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  }
  return value;
}

async function main(): Promise<void> {
  const port = intFromEnv('SANDBOX_PORT', DEFAULT_PORT);
  const latencyMs = intFromEnv('SANDBOX_LATENCY_MS', 0);
  const sandbox = await startSandbox({ port, latencyMs });

  console.log(`Affiliate network sandbox listening on ${sandbox.url}`);
  if (latencyMs > 0) console.log(`Simulated upstream latency: ${latencyMs} ms per response`);
  console.log('Put these lines in .env to point `zapier-platform invoke` at it:');
  console.log('');
  for (const line of sandboxEnvLines(sandbox)) console.log(line);
  console.log('');
  console.log('Press Ctrl+C to stop');

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().then(() => {
      console.log('Sandbox stopped');
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  // `npm run sandbox &` then `kill <that pid>` stops npm and its shell, but the signal never reaches
  // this process: it notices that it lost its parent and stops too, freeing the port.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const code = (error as { code?: unknown }).code;
    if (code === 'EADDRINUSE') {
      const port = process.env.SANDBOX_PORT || String(DEFAULT_PORT);
      console.error(
        `Sandbox failed to start: port ${port} is already in use (another sandbox still running?). ` +
          `Stop that one, or start this one on another port: SANDBOX_PORT=${Number(port) + 1} npm run sandbox`,
      );
    } else {
      console.error(`Sandbox failed to start: ${error instanceof Error ? error.message : error}`);
    }
    process.exitCode = 1;
  });
}
