import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['./src/stack/global-setup.ts'],
    // A cold first run resolves Kafka through Maven; later runs take seconds.
    hookTimeout: 600_000,
    testTimeout: 120_000,
    // One shared broker: a file that stops Kafka must not run beside another.
    fileParallelism: false,
  },
});
