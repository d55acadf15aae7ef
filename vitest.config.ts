import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`) with no `exports` map: Node loads the
    // former for graphql-yoga, Vite would give our modules the latter, and two GraphQLError classes
    // would tell each other's errors apart. Tests load it as Node does, as the server does.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['{shared,domain,eventstore,projections,api,web,verifier,test,bench}/**/*.{spec,test}.{ts,tsx}'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Integration and browser tests start real server processes; two at a time fit 2 cores.
    maxWorkers: 2,
    reporters: ['default', './test/support/summary-reporter.ts'],
  },
});
