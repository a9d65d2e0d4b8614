// Zapier loads this CommonJS entry point. The app is written in TypeScript (index.ts) and built by esbuild
// (`npm run build`): dist/index.js is its definition as data, whose functions load each step's code from
// dist/ on a run's first call (scripts/bundle.mjs).
// Stack traces name the built files' functions and lines; with ENABLE_SOURCE_MAPS=1 in the environment (e.g.
// `zapier-platform env:set <version> ENABLE_SOURCE_MAPS=1`) they point at the TypeScript files instead.
// Off by default: reading the source maps costs start-up time.
if (process.env.ENABLE_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);
module.exports = require('./dist/index.js').default;
