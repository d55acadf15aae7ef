import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{domain,eventstore,projections,api,web,test}/**/*.{spec,test}.{ts,tsx}'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration and browser tests start real server processes; two at a time fit 2 cores.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
