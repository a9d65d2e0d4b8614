// `npm run build`: builds the shipped app from index.ts into dist/:
// - dist/index.js, the app's definition as data (what loading the app costs: no code runs), each of its
//   functions a stand-in that loads the file holding the real one on its first call
//   (scripts/definition.mjs);
// - the run-time code, CommonJS, with linked source maps: one file per step (dist/creates-qrCode.js, …)
//   and one for the connection (dist/authentication.js), code they share in chunks (dist/chunk-*.js), so
//   a run loads its step and what that step imports, nothing else;
// - packages loaded only when a run needs them: zod (dist/zod.js, see lazyZod), qrcode and tough-cookie
//   (dist/qrcode.js, dist/tough-cookie.js, see lazyPackages).
// zapier-platform-core stays external: Zapier's wrapper requires it itself, and the app shares that copy.
// Type checking is `npm run typecheck`; esbuild only strips the types.
/* global console, process */
import {
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeMetafile, build } from 'esbuild';
import { definitionSource } from './definition.mjs';

const require = createRequire(import.meta.url);
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
// file of its own, dist/<name>.js, which the app's code requires at that moment, so a run that does not
// use it neither reads nor compiles it. (A static import of one of them would bundle it into the app's
// files as well.)
const lazyPackages = ['qrcode', 'tough-cookie'];
const lazyFiles = {
  name: 'lazy-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.kind === 'dynamic-import' && lazyPackages.includes(args.path)
        ? { path: `./${args.path}.js`, external: true }
        : undefined,
    );
  },
};

// zod costs about 6 ms to set up, a quarter of what loading the app adds to zapier-platform-core,
// and no run needs it before it reads an answer: the app's modules only declare their schemas at
// load (`zod.lazy`, test/definition/coldStart.test.ts keeps it so). In the bundle, the app's
// `import * as zod from 'zod'` gets a stand-in that sets zod up on the first use of any of its
// parts, and whose `lazy` hands back a schema that builds itself (and sets zod up) when a run first
// uses it. zod itself is bundled as before; only when it starts changes.
const LAZY_ZOD = `
let real;
const zod = () => (real ??= require('./zod.js'));
function deferred(build) {
  let schema;
  const get = () => (schema ??= build());
  return new Proxy(Object.create(null), {
    get: (_, key) => Reflect.get(get(), key),
    has: (_, key) => key in get(),
    getPrototypeOf: () => Object.getPrototypeOf(get()),
    ownKeys: () => Reflect.ownKeys(get()),
    getOwnPropertyDescriptor: (_, key) => {
      const found = Reflect.getOwnPropertyDescriptor(get(), key);
      return found && { ...found, configurable: true };
    },
    set: (_, key, value) => Reflect.set(get(), key, value),
  });
}
const parts = new Proxy(Object.create(null), {
  get: (_, key) => {
    // Asked by the bundle's module glue at load: answered without setting zod up.
    if (key === '__esModule' || typeof key === 'symbol') return undefined;
    if (key === 'lazy') return (make) => deferred(() => zod().lazy(make));
    return Reflect.get(zod(), key);
  },
});
module.exports = Object.create(parts);
`;

/** The parts of zod the app's code names (`zod.object`, `zod.lazy`…) that zod exports at run time. */
function zodPartsUsed() {
  const exported = new Set(Object.keys(require('zod').z));
  const used = new Set();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) {
        const source = readFileSync(file, 'utf8');
        // The stand-in serves `zod.<part>` only: any other way of importing zod would reach parts
        // this scan cannot see, and fail only in the bundle.
        for (const [line] of source.matchAll(/^import .* from 'zod';$/gm)) {
          if (!/^import \{ (type )?z as zod \} from 'zod';$/.test(line)) {
            throw new Error(
              `${file}: import zod as \`import { z as zod } from 'zod'\` (found: ${line})`,
            );
          }
        }
        for (const [, name] of source.matchAll(/\bzod\.([A-Za-z_$][\w$]*)/g)) {
          if (exported.has(name)) used.add(name);
        }
      }
    }
  };
  for (const dir of ['src', 'creates', 'searches', 'triggers']) walk(path.join(root, dir));
  return [...used].sort();
}

const lazyZod = {
  name: 'lazy-zod',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod$/ }, (args) =>
      args.namespace === 'file' &&
      !args.importer.includes(`${path.sep}node_modules${path.sep}`) &&
      args.importer.endsWith('.ts')
        ? { path: 'zod', namespace: 'lazy-zod' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-zod' }, () => ({
      contents: LAZY_ZOD,
      loader: 'js',
      resolveDir: root,
    }));
    // zod is dist/zod.js, required on first use, next to the bundle.
    pluginBuild.onResolve({ filter: /^\.\/zod\.js$/, namespace: 'lazy-zod' }, (args) => ({
      path: args.path,
      external: true,
    }));
  },
};

/** dist/zod.js: only the parts of zod the app uses, so zod's unused parts stay out as before. */
const zodUsed = {
  name: 'zod-used',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^zod-used$/ }, () => ({
      path: 'zod-used',
      namespace: 'zod-used',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-used' }, () => ({
      contents: `export { ${zodPartsUsed().join(', ')} } from 'zod';\n`,
      loader: 'js',
      resolveDir: root,
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  // Whitespace and syntax minified, names kept: function names keep a stack trace readable as it is.
  // The maps hold no sources (source.zip has them): they serve `node --enable-source-maps`, tools, and
  // ENABLE_SOURCE_MAPS=1 (see index.js). Node only reads them when source maps are on: no start-up cost.
  sourcemap: 'linked',
  sourcesContent: false,
  legalComments: 'eof',
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
  logLevel: 'warning',
};

rmSync(path.join(root, 'dist'), { recursive: true, force: true });

// The run-time files. Entry points: the connection (dist/authentication.js) and each step
// (dist/creates-qrCode.js, …; see stepFiles), each loaded when a run first calls one of its functions.
// esbuild splits only ES modules: the app is split as ES modules into a staging folder, code that
// several entry points share going into chunks of its own (dist/chunk-*.js; each module is in exactly
// one file, so its state is never duplicated), and each file is then turned into CommonJS, for Zapier
// requires the app.
const stepFolders = ['creates', 'searches', 'triggers', 'triggers/dropdowns'];
const stepFiles = stepFolders.flatMap((folder) =>
  readdirSync(path.join(root, folder))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => `${folder}/${file}`),
);
const stepOut = (file) => file.replace(/\.ts$/, '').replaceAll('/', '-');
/** The definition's section a step file's step is listed in: its top folder. */
const sectionOf = (file) => file.split('/')[0];

// A step's entry point: the step, with its input keys declared (index.ts declares them for the whole
// app; a run that loads only its step needs them too, to name a mistyped key).
const stepEntries = {
  name: 'step-entries',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^step:/ }, (args) => ({
      path: args.path.slice('step:'.length),
      namespace: 'step',
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'step' }, (args) => ({
      contents:
        `import step from './${args.path.replace(/\.ts$/, '')}';\n` +
        `import { declareInputKeys } from './src/core/run';\n` +
        `declareInputKeys({ step: { [step.key]: step } });\n` +
        `export default step;\n`,
      loader: 'ts',
      resolveDir: root,
    }));
  },
};

const staging = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'bundle-'));
let result;
try {
  result = await build({
    ...common,
    format: 'esm',
    splitting: true,
    entryPoints: [
      { in: 'src/connection/authentication.ts', out: 'authentication' },
      ...stepFiles.map((file) => ({ in: `step:${file}`, out: stepOut(file) })),
    ],
    outdir: staging,
    chunkNames: 'chunk-[hash]',
    external: ['zapier-platform-core'],
    plugins: [stepEntries, lazyZod, zodEnglishOnly, zodNamespaceImports, lazyFiles],
  });
  // ES modules → CommonJS, file by file (imports become requires of the same files; the source maps
  // are carried through, so they still point at the TypeScript).
  await build({
    ...common,
    bundle: false,
    metafile: false,
    // A step's `await import(...)` of a chunk becomes a require too: one module system, one cache.
    supported: { 'dynamic-import': false },
    entryPoints: readdirSync(staging)
      .filter((file) => file.endsWith('.js'))
      .map((file) => path.join(staging, file)),
    outdir: path.join(root, 'dist'),
  });
} finally {
  rmSync(staging, { recursive: true, force: true });
}
// The packages' own files carry no source maps: theirs would point at sources build.zip does not hold,
// their code keeps its names, and the maps would cost a twentieth of build.zip's limit.
await build({
  ...common,
  sourcemap: false,
  entryPoints: lazyPackages.map((name) => ({ in: name, out: name })),
  outdir: 'dist',
});
const zodBuild = await build({
  ...common,
  sourcemap: false,
  entryPoints: [{ in: 'zod-used', out: 'zod' }],
  outdir: 'dist',
  plugins: [zodUsed, zodEnglishOnly],
});

// Files that put code into the bundle (the metafile also lists inputs that tree shaking emptied).
const inputsOf = (metafile, output) =>
  Object.entries(metafile.outputs[output].inputs)
    .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
    .map(([input]) => input);
const zodInApp = Object.keys(result.metafile.outputs).flatMap((output) =>
  inputsOf(result.metafile, output).filter((input) => input.includes('node_modules/zod/')),
);
if (zodInApp.length > 0) {
  throw new Error(
    `zod reached the app's files (it belongs in dist/zod.js): ${zodInApp.join(', ')}`,
  );
}
const zodParts = inputsOf(zodBuild.metafile, 'dist/zod.js');
const strayLocales = zodParts.filter((input) =>
  /zod\/v4\/locales\/(?!(en|index)\.c?js$)/.test(input),
);
if (strayLocales.length > 0) {
  throw new Error(`zod locales other than English reached dist/zod.js: ${strayLocales.join(', ')}`);
}
if (zodParts.some((input) => input.endsWith('zod/v4/classic/from-json-schema.js'))) {
  console.warn('bundle: all of zod is in dist/zod.js, not only the parts the app uses');
}

// BUNDLE_ANALYZE=1 npm run build: what takes room in the app's files, file by file.
if (process.env.BUNDLE_ANALYZE === '1') {
  console.log(await analyzeMetafile(result.metafile, { verbose: false }));
  console.log(await analyzeMetafile(zodBuild.metafile, { verbose: false }));
}

// dist/index.js: the definition, read from the whole app (index.ts, bundled as before into one file,
// dist/app.js, for the time it takes to read it), its functions found in the files above
// (scripts/definition.mjs).
const dist = (file) => path.join(root, 'dist', file);
await build({
  ...common,
  sourcemap: false,
  metafile: false,
  entryPoints: ['index.ts'],
  outfile: 'dist/app.js',
  external: ['zapier-platform-core'],
  plugins: [lazyZod, zodEnglishOnly, zodNamespaceImports, lazyFiles],
});
const app = require(dist('app.js')).default;
rmSync(dist('app.js'));

/** A definition's data, functions as '<function>': what the stand-ins must match. */
const shapeOf = (value) =>
  JSON.stringify(value, (_, item) => (typeof item === 'function' ? '<function>' : item));
const stepFileOf = new Map();
for (const file of stepFiles) {
  const step = require(dist(`${stepOut(file)}.js`)).default;
  const section = sectionOf(file);
  if (shapeOf(app[section]?.[step.key]) !== shapeOf(step)) {
    throw new Error(`${file}: index.ts does not list its step (${step.key}) under ${section}`);
  }
  stepFileOf.set(`${section}.${step.key}`, `${stepOut(file)}.js`);
}
if (shapeOf(app.authentication) !== shapeOf(require(dist('authentication.js')).authentication)) {
  throw new Error("index.ts's authentication is not src/connection/authentication.ts's");
}
const entryOf = (place) => {
  const [section, key, ...below] = place;
  if (section === 'authentication') {
    return { file: 'authentication.js', property: 'authentication', place: [key, ...below] };
  }
  const file = stepFileOf.get(`${section}.${key}`);
  if (!file) {
    throw new Error(
      `definition: ${place.join('.')} is a function outside the steps of creates/, searches/ and ` +
        'triggers/ and the connection: the build has no file to load it from',
    );
  }
  return { file, property: 'default', place: below };
};
writeFileSync(dist('index.js'), definitionSource(app, entryOf));
