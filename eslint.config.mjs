import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';

// The layers (docs/architecture.md): the shipped app never imports the sandbox, demo, bench or
// tests; src/ never imports an action; the core imports no network; a network imports only the core.
const notShipped = {
  regex: '(^|/)(sandbox|demo|bench|test|scripts)(/|$)',
  message: 'The shipped app must not import the sandbox, demo, bench, scripts or tests.',
};
const noActions = {
  regex: '^(\\.\\./)+(index|creates|searches|triggers)(/|$)',
  message:
    'src/ must not import an action or the app definition: actions import src/, not the reverse.',
};
const layerRule = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  // test/fixtures: files that break the rules on purpose (test/definition/lintRules.test.ts lints them).
  { ignores: ['node_modules/', 'dist/', 'build/', 'coverage/', 'index.js', 'test/fixtures/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // Imports: no cycle between files (a cycle makes load order matter and hides a layer mixed up), and one
  // import per module (a value import and an `import type` of the same module merge into one, with
  // inline `type` markers). Unused exports and files are knip's (npm run lint).
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      // TypeScript files are modules to follow (no-cycle reads each file imported), parsed as TypeScript.
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-duplicates': ['error', { 'prefer-inline': true }],
    },
  },
  {
    files: ['index.ts', 'creates/**/*.ts', 'searches/**/*.ts', 'triggers/**/*.ts'],
    rules: layerRule(notShipped),
  },
  {
    files: ['src/**/*.ts'],
    rules: layerRule(notShipped, noActions),
  },
  {
    files: ['src/core/**/*.ts'],
    rules: layerRule(notShipped, noActions, {
      group: ['../*'],
      message:
        'The core knows Zapier and HTTP but no network or feature: import only from src/core.',
    }),
  },
  {
    files: [
      'src/awin/**/*.ts',
      'src/everflow/**/*.ts',
      'src/offerslook/**/*.ts',
      'src/impact/**/*.ts',
    ],
    rules: layerRule(notShipped, noActions, {
      group: ['../*', '!../core'],
      message: 'A network folder imports only its own files and src/core, never another network.',
    }),
  },
);
