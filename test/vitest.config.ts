import { defineConfig } from 'vitest/config';
import { stackTestOptions } from '@wapipe/testing/vitest-preset';

// System tests run whole pipelines: longer per test than the services'.
export default defineConfig({
  test: {
    ...stackTestOptions,
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    testTimeout: 300_000,
  },
});
