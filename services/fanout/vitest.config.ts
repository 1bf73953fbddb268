import { defineConfig } from 'vitest/config';
import { stackTestOptions } from '@wapipe/testing/vitest-preset';

export default defineConfig({ test: stackTestOptions });
