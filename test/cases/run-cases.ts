// npm run cases -- <folder> [--only B01,B08] [--verbose] [--keep]
//
// Runs every case of a folder (shared/cases/FORMAT.md) against the whole
// pipeline: one line per case, `PASS id` or `FAIL id: what differed`,
// then `N passed, N failed`. Exit status 0 only when all passed.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { resultLine, runCaseFolder } from './case-folder.ts';

const USAGE =
  'usage: npm run cases -- <folder> [--only ID,ID] [--verbose] [--keep]\n';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});

const folder = positionals[0];
if (values.help || folder === undefined || positionals.length > 1) {
  process.stderr.write(USAGE);
  process.exit(2);
}

// npm runs scripts from the repository root; a relative folder means
// relative to where the command was typed.
const dir = resolve(process.env.INIT_CWD ?? process.cwd(), folder);
const results = await runCaseFolder(dir, {
  only: values.only?.split(',').map((id) => id.trim()),
  logLevel: values.verbose ? 'info' : 'warn',
  keep: values.keep,
  progress: values.verbose
    ? (line) => process.stderr.write(`[cases] ${line}\n`)
    : undefined,
  onResult: (result) => process.stdout.write(`${resultLine(result)}\n`),
});
const failed = results.filter((r) => !r.passed).length;
process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
// Kafka clients and timers may linger; the verdict is final here.
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
