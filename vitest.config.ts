import { defineConfig } from 'vitest/config';

/**
 * Three projects, run in this order by `npm test`: unit/HTTP/scenario tests, then Pact consumer tests (which write
 * contracts/pacts/*.json), then Pact provider verification (which reads them).
 */
export default defineConfig({
  test: {
    env: { PACT_DO_NOT_TRACK: 'true' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.pact.test.ts', 'test/**/*.provider.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'pact-consumer',
          include: ['test/**/*.pact.test.ts'],
          testTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'pact-provider',
          include: ['test/**/*.provider.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
