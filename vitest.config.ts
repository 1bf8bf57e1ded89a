import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e tests start several CLI processes and Chromium; on a loaded 2-core machine that takes a while.
    testTimeout: 90_000,
    hookTimeout: 30_000,
    // Integration tests start servers and child processes: two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
