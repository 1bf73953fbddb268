// Entry point for other workspaces' vitest.config.ts files.
export { stackTestOptions } from './src/stack/vitest-preset.ts';
