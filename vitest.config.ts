import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI tests spawn the built executable: a generous limit, so that a busy machine fails on wrong results, not
    // on time; two cores, so keep the pool small.
    testTimeout: 120_000,
    maxWorkers: 2,
  },
});
