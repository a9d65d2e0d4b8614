// zapier-platform-core ends its own process (process.exit) once it has served 250 runs while the
// process holds more than 450 MB: a guard for Zapier's long-lived workers. A jest worker holds jest
// and a copy of the app per test file, and a file such as the 500-row any-URL test makes hundreds of
// runs, so the guard would end the worker mid-test. It is shown the resident size capped below its
// line; every other figure (the heap jest watches to recycle workers) stays real.
const GUARD_LINE = 400 * 1024 * 1024;
let usage: jest.SpyInstance | undefined;
beforeAll(() => {
  const real = process.memoryUsage.bind(process);
  usage = jest.spyOn(process, 'memoryUsage').mockImplementation(() => {
    const figures = real();
    return { ...figures, rss: Math.min(figures.rss, GUARD_LINE) };
  });
});
afterAll(() => usage?.mockRestore());
