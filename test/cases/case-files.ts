import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaseFile } from '@wapipe/testing';

/** A case ready to run, or why its file could not be read as one. */
export type CaseEntry =
  { testCase: CaseFile } | { file: string; problem: string };

/**
 * Every `*.json` of a folder in name order, like `loadCases`, except that
 * one unreadable file becomes a failing entry instead of hiding the
 * verdicts of all the others.
 */
export function readCaseFolder(dir: string): CaseEntry[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((file) => {
      try {
        const parsed = JSON.parse(
          readFileSync(join(dir, file), 'utf8'),
        ) as unknown;
        if (typeof (parsed as { id?: unknown } | null)?.id !== 'string') {
          return { file, problem: 'not a case file (no string "id")' };
        }
        return { testCase: { ...(parsed as CaseFile), dir } };
      } catch (error) {
        return { file, problem: `unreadable: ${(error as Error).message}` };
      }
    });
}
