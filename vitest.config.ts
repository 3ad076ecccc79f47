import { defineConfig } from 'vitest/config';

// Unit and integration tests of shared/, server/ and client/, and of the benchmarks' own helpers.
// Browser tests live in e2e/ with their own config because they need a built client and Chromium.
export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'server/**/*.test.ts',
      'client/src/**/*.test.ts',
      'bench/src/**/*.test.ts',
    ],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
