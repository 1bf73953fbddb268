import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for one run's service logs and profiles. */
export function createRunDir(bench: string): string {
  return mkdtempSync(join(tmpdir(), `wapipe-bench-${bench}-`));
}

/** A topic / key prefix no earlier run used, so counts start at zero. */
export function uniquePrefix(bench: string): string {
  const stamp = Date.now().toString(36);
  const nonce = Math.random().toString(36).slice(2, 6);
  return `bench-${bench}-${stamp}${nonce}.`;
}
