/**
 * `npm run lint` fails on an import cycle, on a module imported twice and on an unused export or
 * file: the project's own ESLint and knip configurations, run (offline, as `npm run lint` runs them)
 * on files that break each rule on purpose (test/fixtures/lint; a tiny project written to a temporary
 * folder for knip, whose package.json would otherwise end up in Zapier's build). Passing on the
 * project itself is `npm run lint`'s part.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const fixtures = path.join(root, 'test', 'fixtures');

// Each tool runs in a process of its own, as `npm run lint` runs it (ESLint loads its configuration
// as an ES module, which jest's module registry does not).
const TOOL_MS = 60_000;

function runTool(
  script: string,
  args: string[],
  cwd: string,
): { status: number | null; out: string } {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', script), ...args], {
    cwd,
    encoding: 'utf8',
    timeout: TOOL_MS,
  });
  if (result.error) throw result.error;
  return { status: result.status, out: result.stdout };
}

interface EslintFile {
  filePath: string;
  messages: { ruleId: string | null; line: number }[];
}

describe('npm run lint', () => {
  let eslint: { status: number | null; byFile: Record<string, string[]> };

  beforeAll(() => {
    // --no-ignore: `eslint .` skips test/fixtures, which holds these broken files on purpose.
    const { status, out } = runTool(
      'eslint/bin/eslint.js',
      ['--no-ignore', '--format', 'json', path.join(fixtures, 'lint')],
      root,
    );
    const files = JSON.parse(out) as EslintFile[];
    const byFile = Object.fromEntries(
      files.map((file) => [
        path.basename(file.filePath),
        file.messages.map((message) => `${message.ruleId}:${message.line}`),
      ]),
    );
    eslint = { status, byFile };
  }, TOOL_MS);

  it('fails on an import cycle, at the import in each file of the cycle', () => {
    expect(eslint.status).toBe(1);
    expect(eslint.byFile['cycleA.ts']).toEqual(['import-x/no-cycle:2']);
    expect(eslint.byFile['cycleB.ts']).toEqual(['import-x/no-cycle:2']);
  });

  it('fails on a module imported twice, values or a value and its types', () => {
    const twice = ['import-x/no-duplicates:2', 'import-x/no-duplicates:3'];
    expect(eslint.byFile['duplicate.ts']).toEqual(twice);
    expect(eslint.byFile['duplicateType.ts']).toEqual(twice);
  });

  it('passes one import of each module, values and types together', () => {
    expect(eslint.byFile['clean.ts']).toEqual([]);
    expect(eslint.byFile['shared.ts']).toEqual([]);
  });

  it(
    'fails on an export nothing imports and a file nothing imports (knip, with the project’s knip.json)',
    () => {
      const project = mkdtempSync(path.join(os.tmpdir(), 'knip-fixture-'));
      try {
        const files: Record<string, string> = {
          'package.json': JSON.stringify({ name: 'knip-fixture', private: true }),
          // The entry point, as in the project: uses one of used.ts's two exports.
          'index.ts': "import { used } from './used';\n\nexport default used;\n",
          'used.ts': "export const used = 'used';\nexport const unusedExport = 'unused';\n",
          'orphan.ts': "export const orphan = 'orphan';\n",
        };
        for (const [name, text] of Object.entries(files)) {
          writeFileSync(path.join(project, name), text);
        }
        const { status, out } = runTool(
          'knip/bin/knip.js',
          ['--config', path.join(root, 'knip.json'), '--reporter', 'json', '--no-progress'],
          project,
        );
        const report = JSON.parse(out) as {
          issues: { file: string; exports: { name: string }[]; files: { name: string }[] }[];
        };
        const unused = report.issues.flatMap((issue) => [
          ...issue.exports.map((entry) => `export ${issue.file}:${entry.name}`),
          ...issue.files.map((entry) => `file ${entry.name}`),
        ]);
        expect(status).toBe(1);
        expect(unused.sort()).toEqual(['export used.ts:unusedExport', 'file orphan.ts']);
      } finally {
        rmSync(project, { recursive: true, force: true });
      }
    },
    TOOL_MS,
  );
});
