// `npm run build`: bundles the shipped app (index.ts and everything it imports, zod, p-limit and ipaddr.js
// included) into one CommonJS file, dist/index.js, with a linked source map (dist/index.js.map); qrcode,
// loaded only to draw a QR code, goes to dist/qrcode.js, and tough-cookie, loaded only to check a link,
// to dist/tough-cookie.js (see lazyPackages).
// zapier-platform-core stays external: Zapier's wrapper requires it itself, and the app shares that copy.
// Type checking is `npm run typecheck`; esbuild only strips the types.
/* global console, process */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// zod 4 re-exports every locale it ships (`z.locales`, `z.core.locales`) from v4/locales/index, 64 of
// them. The app only uses English, which zod installs as its default itself (from v4/locales/en). In the
// bundle that index offers `en` alone, so the other 63 are neither bundled nor loaded.
const zodLocaleIndex = /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.c?js$/;
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: zodLocaleIndex }, (args) => ({
      contents: args.path.endsWith('.cjs')
        ? 'const en = require("./en.cjs");\nexports.en = en.default ?? en;\n'
        : 'export { default as en } from "./en.js";\n',
      loader: 'js',
      resolveDir: path.dirname(args.path),
    }));
  },
};

// The app imports zod as `import { z as zod } from 'zod'`. That `z` is a namespace object passed on as a
// value, so esbuild keeps all of zod behind it (JSON Schema conversion, the compiler, ...). Read as
// `import * as zod from 'zod'` (the same members: zod's root re-exports everything `z` holds), esbuild
// keeps only what `zod.<member>` uses. Only the bundle is affected; the files are not changed, and a file
// that already imports the namespace form is left as it is.
const namedZ = /^import \{ z(?: as (\w+))? \} from 'zod';$/gm;
const zodNamespaceImports = {
  name: 'zod-namespace-imports',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /\.ts$/ }, (args) => {
      if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
      const source = readFileSync(args.path, 'utf8');
      if (!namedZ.test(source)) return undefined;
      namedZ.lastIndex = 0;
      return {
        contents: source.replace(namedZ, (_, alias) => `import * as ${alias ?? 'z'} from 'zod';`),
        loader: 'ts',
      };
    });
  },
};

// Packages the app only loads when an action needs them (`await import('qrcode')`): each is bundled into a
// file of its own, dist/<name>.js, which the main bundle requires at that moment, so a cold start neither
// reads nor compiles it. (A static import of one of them would bundle it into dist/index.js as well.)
const lazyPackages = ['qrcode', 'tough-cookie'];
const lazyFiles = {
  name: 'lazy-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' && lazyPackages.includes(args.path)
        ? { path: args.path, namespace: 'lazy-package' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      contents: `module.exports = require(${JSON.stringify(`./${args.path}.js`)});`,
      loader: 'js',
    }));
    pluginBuild.onResolve({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // Not minified: function names and the `// src/...` file markers keep a stack trace readable as it is.
  // The maps hold no sources (source.zip has them): they serve `node --enable-source-maps`, tools, and
  // ENABLE_SOURCE_MAPS=1 (see index.js). Node only reads them when source maps are on: no start-up cost.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'eof',
  metafile: true,
  logLevel: 'warning',
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

const result = await build({
  ...common,
  entryPoints: ['index.ts'],
  outfile: 'dist/index.js',
  external: ['zapier-platform-core'],
  plugins: [zodEnglishOnly, zodNamespaceImports, lazyFiles],
});
await build({
  ...common,
  entryPoints: lazyPackages.map((name) => ({ in: name, out: name })),
  outdir: 'dist',
});

// Files that put code into the bundle (the metafile also lists inputs that tree shaking emptied).
const bundled = Object.entries(result.metafile.outputs['dist/index.js'].inputs)
  .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
  .map(([input]) => input);
const strayLocales = bundled.filter((input) =>
  /zod\/v4\/locales\/(?!(en|index)\.c?js$)/.test(input),
);
if (strayLocales.length > 0) {
  throw new Error(`zod locales other than English reached the bundle: ${strayLocales.join(', ')}`);
}
if (bundled.some((input) => input.endsWith('zod/v4/classic/from-json-schema.js'))) {
  console.warn(
    "bundle: all of zod is in dist/index.js; import it as `import * as zod from 'zod'` so unused parts drop out",
  );
}

// BUNDLE_ANALYZE=1 npm run build: what takes room in dist/index.js, file by file.
if (process.env.BUNDLE_ANALYZE === '1') {
  console.log(await analyzeMetafile(result.metafile, { verbose: false }));
}
