// Imported first by the demo: zapier-platform-core prints a memory report after every run unless it
// believes it runs under a test harness (NODE_ENV starting with "test"), which the demo is.
process.env.NODE_ENV ??= 'test-demo';
