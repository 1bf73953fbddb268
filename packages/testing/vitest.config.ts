import { defineConfig } from 'vitest/config';
import { stackTestOptions } from './vitest-preset.ts';

export default defineConfig({
  test: { ...stackTestOptions, include: ['src/**/*.test.ts'] },
});
