// Zapier loads this CommonJS entry point. The app is written in TypeScript (index.ts) and bundled by esbuild
// into dist/index.js (`npm run build`).
// Stack traces name the bundle's functions and lines; with ENABLE_SOURCE_MAPS=1 in the environment (e.g.
// `zapier-platform env:set <version> ENABLE_SOURCE_MAPS=1`) they point at the TypeScript files instead.
// Off by default: reading the source map costs start-up time.
if (process.env.ENABLE_SOURCE_MAPS === '1') process.setSourceMapsEnabled(true);
module.exports = require('./dist/index.js').default;
