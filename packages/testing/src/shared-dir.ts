import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this package's src). */
export const REPO_ROOT = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../..',
);

/**
 * The `shared/` folder with Meta's reference corpus and the case files.
 * CI puts it beside the clone; WAPIPE_SHARED_DIR overrides.
 */
export function sharedDir(): string {
  const dir = process.env.WAPIPE_SHARED_DIR ?? join(REPO_ROOT, '..', 'shared');
  if (!existsSync(join(dir, 'meta', 'corpus'))) {
    throw new Error(
      `shared folder not found at ${dir} (set WAPIPE_SHARED_DIR)`,
    );
  }
  return dir;
}
