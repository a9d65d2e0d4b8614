// The bench's sandbox in a worker thread of its own: its work (building 1,000 links, pacing) runs
// on another core, as the networks' own servers would, instead of in the measured process.
import { parentPort, workerData } from 'node:worker_threads';
import { startSandbox, type SandboxOptions } from '../sandbox/server';

async function main(): Promise<void> {
  const sandbox = await startSandbox(workerData as SandboxOptions);
  parentPort?.on(
    'message',
    (message: { id: number; op: 'reset' | 'forget' | 'calls' | 'close' }) => {
      const reply = (value: unknown) => parentPort?.postMessage({ id: message.id, value });
      if (message.op === 'reset') reply(sandbox.reset());
      // Only the call log: rate windows and Zapier's cache stay, as for a later run of the same Zap.
      else if (message.op === 'forget') reply(sandbox.resetCalls());
      else if (message.op === 'calls') reply(sandbox.calls);
      else void sandbox.close().then(() => reply(undefined));
    },
  );
  parentPort?.postMessage({ id: 0, value: { url: sandbox.url, env: sandbox.env } });
}

void main();
