// Zapier loads this CommonJS entry point; the app itself is written in TypeScript (index.ts) and compiled to dist/.
module.exports = require('./dist/index.js').default;
