import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The CLI the tests start is the shipped build (dist/): built from the sources first.
    globalSetup: ['test/global-setup.ts'],
    // e2e tests start several CLI processes and Chromium, and a portal check runs every
    // accessibility probe on each page: on a loaded 2-core machine one test can take minutes.
    testTimeout: 180_000,
    hookTimeout: 30_000,
    // Integration tests start servers and child processes: two cores, so keep the pool small.
    maxWorkers: 2,
  },
});
