import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Browser tests: real server, real built client, Chromium driven by playwright-core.
// One file at a time: each opens several browser pages, and the machine has two cores.
export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['e2e/tests/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 60_000,
  },
});
