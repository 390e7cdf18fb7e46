import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // The property-based machine tests take ~5 s on a loaded 2-core machine (the 100,000-ticket
        // capacity test runs beside them): the default 5 s limit made them fail on time, not on logic.
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/dynamo-global.ts'],
          setupFiles: ['test/support/table-per-file.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Tests wait on conditions; these limits only end a hang, well above what a loaded 2-core
          // machine needs (vitest's own expect.poll default of 1 s is a duration, not a condition).
          testTimeout: 300_000,
          hookTimeout: 600_000,
          expect: { poll: { timeout: 120_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
