import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['../../packages/testing/src/stack/global-setup.ts'],
    hookTimeout: 600_000,
    testTimeout: 120_000,
    fileParallelism: false,
  },
});
