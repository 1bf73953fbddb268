import { fileURLToPath } from 'node:url';

/**
 * vitest `test` options for any workspace whose tests use the real local
 * stack: the stack starts once before the workers (globalSetup), a cold
 * first start may resolve Kafka through Maven, and files run one at a
 * time because some of them stop the shared broker or restart Redis.
 */
export const stackTestOptions = {
  include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
  hookTimeout: 600_000,
  testTimeout: 120_000,
  fileParallelism: false,
};
