// npm run stack -- up [--s3] | down | status
// Brings up the local Kafka + Redis the tests use (see
// packages/testing/src/stack/README.md) and writes .stack/env for `source`.
import { readFileSync } from 'node:fs';
import {
  ensureS3,
  ensureStack,
  envFile,
  stackStatus,
  stopStack,
} from '../packages/testing/src/index.ts';

async function up(): Promise<void> {
  const t0 = Date.now();
  await ensureStack();
  if (process.argv.includes('--s3')) await ensureS3();
  process.stdout.write(readFileSync(envFile, 'utf8'));
  process.stderr.write(
    `[stack] up in ${((Date.now() - t0) / 1000).toFixed(1)} s; env written to ${envFile}\n`,
  );
}

async function status(): Promise<void> {
  const rows = await stackStatus();
  if (rows.length === 0) process.stdout.write('stack: nothing recorded\n');
  for (const r of rows) {
    const pid = r.pid ? ` pid=${r.pid}${r.pidAlive ? '' : ' (dead)'}` : '';
    const id = r.containerId ? ` container=${r.containerId.slice(0, 12)}` : '';
    const state = r.answers ? 'up' : 'DOWN';
    process.stdout.write(
      `${r.name}: ${state} ${r.address} [${r.origin}]${pid}${id}\n`,
    );
  }
}

async function down(): Promise<void> {
  const stopped = await stopStack();
  process.stdout.write(
    stopped.length ? `stopped: ${stopped.join(', ')}\n` : 'nothing to stop\n',
  );
}

const commands: Record<string, () => Promise<void>> = { up, down, status };
const command = commands[process.argv[2] ?? ''];
if (command === undefined) {
  process.stderr.write('usage: npm run stack -- up [--s3] | down | status\n');
  process.exitCode = 2;
} else {
  await command();
}
