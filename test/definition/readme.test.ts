import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  type ActionKind,
  INVOKE_KIND,
  inputKeysOf,
  keyTable,
  visibleActions,
} from '../support/inputKeys';

/**
 * README's `zapier-platform invoke` lines use the actions' input keys (a mistyped optional key is
 * ignored, so a wrong one would silently do less than the README says), and its key ↔ label
 * tables are the definition's. Running the lines against `npm run sandbox` is a manual step
 * (README "The sandbox"); test/e2e/sandboxLinks.e2e.test.ts checks the same kinds of links.
 */
const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');

interface InvokeLine {
  line: string;
  kind: string;
  key: string;
  input: Record<string, unknown>;
}

function invokeLines(): InvokeLine[] {
  return README.split('\n')
    .filter((line) => /^npx zapier-platform invoke (create|search|trigger) /.test(line))
    .map((line) => {
      const [, kind, key] = /invoke (\w+) (\w+)/.exec(line) ?? [];
      const raw = /-i '([^']*)'/.exec(line)?.[1];
      return { line, kind, key, input: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} };
    });
}

/** The keys of an `-i` object, `links[].url` for the fields of line items. */
function keysOf(input: Record<string, unknown>): string[] {
  return Object.entries(input).flatMap(([key, value]) =>
    Array.isArray(value)
      ? value.flatMap((item) => Object.keys(item as object).map((child) => `${key}[].${child}`))
      : [key],
  );
}

const kindOf = (invokeKind: string): ActionKind | undefined =>
  (Object.keys(INVOKE_KIND) as ActionKind[]).find((kind) => INVOKE_KIND[kind] === invokeKind);

describe('README invoke lines', () => {
  const lines = invokeLines();

  it('are there, and check links of every network', () => {
    expect(lines.length).toBeGreaterThan(10);
    const checked = lines.filter((l) => l.key.startsWith('check_tracking_link'));
    expect(checked.map((l) => String(l.input.url ?? JSON.stringify(l.input.links)))).toEqual(
      expect.arrayContaining([
        expect.stringContaining('awin1.com'),
        expect.stringContaining('tidd.ly'),
        expect.stringContaining('acmetrk.example'),
        expect.stringContaining('demo-offers.example'),
        expect.stringContaining('sjv.io'),
      ]),
    );
  });

  it.each(invokeLines().map((l) => [l.line.slice(0, 110), l] as const))(
    '%s: its action exists and takes every key given',
    (_line, l) => {
      const kind = kindOf(l.kind);
      expect(kind).toBeDefined();
      const known = inputKeysOf(kind as ActionKind, l.key).map((f) => f.key);
      const unknown = keysOf(l.input).filter((key) => !known.includes(key));
      expect({ action: l.key, unknown }).toEqual({ action: l.key, unknown: [] });
    },
  );

  it('a key of another case (clickRef) is caught', () => {
    const known = inputKeysOf('creates', 'awin_tracking_link').map((f) => f.key);
    expect(keysOf({ advertiserId: '1', clickRef: 'x' }).filter((k) => !known.includes(k))).toEqual([
      'clickRef',
    ]);
  });
});

describe('README key ↔ label tables', () => {
  it.each(visibleActions().map((a) => [a.key, a] as const))(
    '%s: the table under its heading is the definition’s',
    (_key, a) => {
      const heading = `#### ${a.label} (\`${a.key}\`)`;
      const at = README.indexOf(heading);
      expect(at).toBeGreaterThan(-1);
      const expected = keyTable(a.kind, a.key).join('\n');
      // On a mismatch, the expected table is printed: paste it into README.md.
      expect(
        README.slice(at + heading.length)
          .trimStart()
          .slice(0, expected.length),
      ).toBe(expected);
    },
  );
});
