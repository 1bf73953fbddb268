// npm run cases -- <folder> [--only B01,B08] [--verbose] [--keep]
//
// Runs every case of a folder (shared/cases/FORMAT.md) against the whole
// pipeline: one line per case, `PASS id` or `FAIL id: what differed`,
// then `N passed, N failed`. Exit status 0 only when all passed.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
if (!existsSync(dir)) {
  process.stderr.write(`no such folder: ${dir}\n`);
  process.exit(2);
}
// The services' logs would bury the verdicts: they go to a file unless
// --verbose asks for them on stderr.
const logFile = join(tmpdir(), 'wapipe-cases', 'pipeline.log');
mkdirSync(dirname(logFile), { recursive: true });
writeFileSync(logFile, '');
const results = await runCaseFolder(dir, {
  only: values.only?.split(',').map((id) => id.trim()),
  logLevel: values.verbose ? 'info' : 'warn',
  logDestination: values.verbose ? 2 : logFile,
  keep: values.keep,
  progress: values.verbose
    ? (line) => process.stderr.write(`[cases] ${line}\n`)
    : undefined,
  onResult: (result) => {
    process.stdout.write(`${resultLine(result)}\n`);
    if (values.verbose) {
      const seconds = (result.durationMs / 1000).toFixed(1);
      process.stderr.write(`[cases] ${result.id} took ${seconds} s\n`);
    }
  },
});
if (results.length === 0) process.stderr.write(`no cases found in ${dir}\n`);
const failed = results.filter((r) => !r.passed).length;
process.stdout.write(`${results.length - failed} passed, ${failed} failed\n`);
if (failed > 0 && !values.verbose) {
  process.stderr.write(`pipeline logs: ${logFile}\n`);
}
// Kafka clients and timers may linger; the verdict is final here.
process.exit(failed === 0 && results.length > 0 ? 0 : 1);
