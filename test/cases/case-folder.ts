import { ensureStack } from '@wapipe/testing';
import { readCaseFolder, type CaseEntry } from './case-files.ts';
import { runCase, type CaseResult, type RunnerOptions } from './run-case.ts';

export interface FolderOptions {
  /** Only these case ids (all when empty). */
  only?: string[];
  logLevel?: string;
  /** Where the pipeline logs go; default stderr. */
  logDestination?: string | number;
  quietMs?: number;
  keep?: boolean;
  progress?: (line: string) => void;
  /** Called as soon as each case is judged. */
  onResult?: (result: CaseResult) => void;
}

/**
 * Every case of a folder, one after the other against one stack (each in
 * its own namespace). Cases run sequentially so timing-sensitive ones
 * (latency, concurrency) are not disturbed by their neighbours.
 */
export async function runCaseFolder(
  dir: string,
  options: FolderOptions = {},
): Promise<CaseResult[]> {
  const entries = readCaseFolder(dir).filter(
    (entry) => !options.only?.length || options.only.includes(idOf(entry)),
  );
  const stack = await ensureStack();
  const teardowns: Promise<void>[] = [];
  const runner: RunnerOptions = {
    stack,
    logLevel: options.logLevel ?? 'warn',
    logDestination: options.logDestination ?? 2,
    quietMs: options.quietMs ?? 2_000,
    keep: options.keep ?? false,
    progress: options.progress ?? (() => undefined),
    defer: (teardown) => void teardowns.push(teardown),
  };
  const results: CaseResult[] = [];
  try {
    for (const entry of entries) {
      const result =
        'testCase' in entry
          ? await runCase(entry.testCase, runner)
          : unreadable(entry.file, entry.problem);
      options.onResult?.(result);
      results.push(result);
    }
  } finally {
    await Promise.allSettled(teardowns);
  }
  return results;
}

/** `PASS id` or `FAIL id: what differed`, as FORMAT.md prints them. */
export function resultLine(result: CaseResult): string {
  if (result.passed) return `PASS ${result.id}`;
  // One line per case, whatever an error message held.
  const differed = result.differences.join('; ').replace(/\s*\n\s*/g, ' ');
  return `FAIL ${result.id}: ${differed}`;
}

function idOf(entry: CaseEntry): string {
  return 'testCase' in entry ? entry.testCase.id : entry.file;
}

function unreadable(file: string, problem: string): CaseResult {
  return { id: file, passed: false, differences: [problem], durationMs: 0 };
}
