import { spawn } from 'node:child_process';
import path from 'node:path';
import { sandboxEnvLines } from '../../sandbox/cli';
import { DEMO_AWIN_TOKEN } from '../../sandbox/credentials';

import { within } from './helpers';

const ROOT = path.resolve(__dirname, '../..');

describe('sandboxEnvLines', () => {
  it('gives the .env lines that point zapier-platform invoke at the sandbox', () => {
    const lines = sandboxEnvLines({ env: { AWIN_API_URL: 'http://127.0.0.1:4010/awin' } });
    expect(lines[0]).toBe('AWIN_API_URL=http://127.0.0.1:4010/awin');
    expect(lines).toEqual(
      expect.arrayContaining([
        `authData_awin_access_token=${DEMO_AWIN_TOKEN}`,
        'authData_awin_publisher_id=100001',
      ]),
    );
  });
});

describe('npm run sandbox (sandbox/cli.ts)', () => {
  it('prints the .env lines, serves requests and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'sandbox/cli.ts'], {
      cwd: ROOT,
      env: { ...process.env, SANDBOX_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await within(
        15_000,
        new Promise<void>((resolve) =>
          child.stdout.on('data', () => output.includes('Press Ctrl+C to stop') && resolve()),
        ),
      );
      const lines = output.split('\n');
      const urlLine = lines.find((line) => line.startsWith('AWIN_API_URL='));
      expect(urlLine).toMatch(/^AWIN_API_URL=http:\/\/127\.0\.0\.1:\d+\/awin$/);
      expect(lines).toEqual(
        expect.arrayContaining([
          `authData_awin_access_token=${DEMO_AWIN_TOKEN}`,
          'authData_awin_publisher_id=100001',
        ]),
      );
      const apiUrl = (urlLine as string).slice('AWIN_API_URL='.length);
      const res = await fetch(`${apiUrl}/accounts`, {
        headers: { Authorization: `Bearer ${DEMO_AWIN_TOKEN}` },
      });
      expect(res.status).toBe(200);

      child.kill('SIGTERM');
      await within(5000, exited);
      expect(await exited).toBe(0);
      expect(output).toContain('Sandbox stopped');
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
