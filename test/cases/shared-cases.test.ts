import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sharedDir } from '@wapipe/testing';
import { resultLine, runCaseFolder } from './case-folder.ts';

// How CI runs shared/cases: the same runner as `npm run cases`, against
// the whole pipeline on the real stack. B08 alone is 21 runs.
const TWENTY_MINUTES = 20 * 60 * 1000;

describe('the shared case files', () => {
  it(
    'all pass against the whole pipeline',
    async () => {
      const logDir = join(tmpdir(), 'wapipe-cases');
      mkdirSync(logDir, { recursive: true });
      const results = await runCaseFolder(join(sharedDir(), 'cases'), {
        logDestination: join(logDir, 'vitest-pipeline.log'),
      });
      expect(results.length).toBeGreaterThan(0);
      const failures = results.filter((r) => !r.passed).map(resultLine);
      expect(failures).toEqual([]);
    },
    TWENTY_MINUTES,
  );
});
