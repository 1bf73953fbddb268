import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    globalSetup: ['../packages/testing/src/stack/global-setup.ts'],
    hookTimeout: 600_000,
    testTimeout: 300_000,
    // System tests restart Redis or kill services: one file at a time.
    fileParallelism: false,
  },
});
