import { defineConfig } from 'vitest/config';

export default defineConfig({
  // TypeScript in .cts files too (CommonJS in dist/, e.g. src/runner/stat-protocol.cts), which Vite leaves alone by default.
  oxc: { include: /\.(m?ts|cts|[jt]sx)$/ },
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built executable: a generous limit, so that a busy machine fails on wrong results, not
    // on time (the hooks too: removing a test's folders took over 10 s at load 10); two cores, so keep the pool small.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
