// `npm run zapier-build` (after `npm run build`): makes build/build.zip and build/source.zip with
// `zapier-platform build`, offline, and lets its "Testing build" step load the zipped app.
//
// Why not run the CLI in the project folder: with --skip-dep-install it zips from the folder it runs in, and
// besides the files esbuild finds from index.js it adds every file matching `package.json` anywhere under
// that folder (a preset includeInBuild pattern), so the ~1,100 dev-only packages in node_modules would add
// their package.json files. Without --skip-dep-install it copies the whole project, node_modules included,
// and runs `npm install --production` (online). So the CLI runs in a staging folder holding what the
// project folder would minus the dev packages: the files git would commit (they make source.zip), the
// bundle in dist/, and in node_modules only the packages the bundle still requires at run time
// (zapier-platform-core) with their dependencies, copied from this install.
/* global console, process */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
} from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = path.join(root, 'dist', 'index.js');
const cli = path.join(root, 'node_modules', 'zapier-platform-cli', 'src', 'bin', 'run');

if (!existsSync(bundle)) {
  console.error('dist/index.js is missing: run `npm run build` first.');
  process.exit(1);
}

/** Packages the bundles in dist/ require at run time: what they left external, other than Node's own. */
function runtimePackages() {
  const builtins = new Set(builtinModules);
  const names = new Set();
  const bundles = readdirSync(path.join(root, 'dist')).filter((file) => file.endsWith('.js'));
  for (const file of bundles) {
    const code = readFileSync(path.join(root, 'dist', file), 'utf8');
    for (const [, specifier] of code.matchAll(/\brequire\("([^"]+)"\)/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:') || builtins.has(specifier))
        continue;
      const parts = specifier.split('/');
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]);
    }
  }
  return [...names];
}

/** The installed folder Node would load `name` from when required inside `fromDir`. */
function resolvePackageDir(fromDir, name) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === root || path.dirname(dir) === dir) return undefined;
  }
}

/** Package folders (relative to the project) of `names` and everything they depend on. */
function dependencyClosure(names) {
  const found = new Set();
  const queue = names.map((name) => ({ from: root, name, optional: false }));
  while (queue.length > 0) {
    const { from, name, optional } = queue.shift();
    const dir = resolvePackageDir(from, name);
    if (dir === undefined) {
      if (optional) continue;
      throw new Error(
        `${name} (needed by ${path.relative(root, from) || 'the app'}) is not installed`,
      );
    }
    const relative = path.relative(root, dir);
    if (found.has(relative)) continue;
    found.add(relative);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const dep of Object.keys(manifest.dependencies ?? {}))
      queue.push({ from: dir, name: dep, optional: false });
    for (const dep of Object.keys({
      ...manifest.optionalDependencies,
      ...manifest.peerDependencies,
    })) {
      queue.push({ from: dir, name: dep, optional: true });
    }
  }
  return [...found].sort();
}

/** The project's files as git sees them (tracked or not ignored), i.e. what source.zip should hold. */
function sourceFiles() {
  const listed = spawnSync(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  if (listed.status !== 0) {
    console.warn(
      'zapier-build: not a git checkout, so source.zip holds only the files the app runs from',
    );
    return ['package.json', 'index.js', '.zapierapprc'].filter((file) =>
      existsSync(path.join(root, file)),
    );
  }
  return listed.stdout
    .split('\0')
    .filter((file) => file !== '' && !/^(dist|build|node_modules)(\/|$)/.test(file))
    .filter(
      (file) => existsSync(path.join(root, file)) && statSync(path.join(root, file)).isFile(),
    );
}

function copyInto(stage, relative) {
  const target = path.join(stage, relative);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(path.join(root, relative), target);
}

/** Names of a zip file's entries, from its central directory. */
function zipEntryNames(file) {
  const data = readFileSync(file);
  let end = data.length - 22;
  while (end >= 0 && data.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const names = [];
  let at = data.readUInt32LE(end + 16);
  for (let entry = data.readUInt16LE(end + 10); entry > 0; entry--) {
    if (data.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = data.readUInt16LE(at + 28);
    names.push(data.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
  }
  return names;
}

const stage = mkdtempSync(path.join(realpathSync(os.tmpdir()), 'zapier-app-'));
try {
  for (const file of sourceFiles()) copyInto(stage, file);
  cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), { recursive: true });

  const packages = dependencyClosure(runtimePackages());
  for (const dir of packages) {
    const nested = path.join(root, dir, 'node_modules');
    cpSync(path.join(root, dir), path.join(stage, dir), {
      recursive: true,
      dereference: true,
      // Nested packages come in as packages of their own, if they are needed at all.
      filter: (source) => source !== nested,
    });
  }
  console.log(
    `zapier-build: staged the app with ${packages.length} run-time packages (zapier-platform-core and its dependencies)`,
  );

  const build = spawnSync(
    process.execPath,
    [cli, 'build', '--skip-validation', '--skip-dep-install'],
    {
      cwd: stage,
      stdio: 'inherit',
      env: {
        ...process.env,
        DISABLE_ZAPIER_ANALYTICS: process.env.DISABLE_ZAPIER_ANALYTICS ?? '1',
        NO_UPDATE_NOTIFIER: process.env.NO_UPDATE_NOTIFIER ?? '1',
        // The bundle is built already (and the staging folder has no build tools): the CLI skips the
        // `_zapier-build` script when it runs as that script.
        npm_lifecycle_event: '_zapier-build',
      },
    },
  );
  if (build.status === 0) {
    mkdirSync(path.join(root, 'build'), { recursive: true });
    for (const zip of ['build.zip', 'source.zip']) {
      copyFileSync(path.join(stage, 'build', zip), path.join(root, 'build', zip));
    }
    const zip = path.join(root, 'build', 'build.zip');
    const kib = statSync(zip).size / 1024;
    const names = zipEntryNames(zip);
    console.log(`build/build.zip: ${kib.toFixed(0)} KiB, ${names.length} entries`);
    // The CLI adds the files it sees required from index.js, plus .zapierapprc's includeInBuild
    // patterns: a file the app requires in a way the CLI does not see must be there all the same.
    const inZip = new Set(names);
    const missing = readdirSync(path.join(root, 'dist'))
      .map((file) => `dist/${file}`)
      .filter((file) => !inZip.has(file));
    if (missing.length > 0) {
      console.error(`build/build.zip lacks files the app loads: ${missing.join(', ')}`);
      process.exitCode = 1;
    }
  } else {
    process.exitCode = build.status ?? 1;
  }
} finally {
  rmSync(stage, { recursive: true, force: true });
}
