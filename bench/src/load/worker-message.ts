import type { LoadResult } from './load-plan.ts';

/** What the load process tells its parent over IPC, in this order. */
export type WorkerMessage =
  | { type: 'window-start' }
  | { type: 'result'; result: LoadResult }
  | { type: 'failed'; error: string };
