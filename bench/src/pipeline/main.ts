// npm run bench:pipeline [-- --duration 15 --warmup 5 --connections 50
//   --partitions 6 --rounds 3 --rate 0.7 --drain 60 --max-message-bytes N
//   --profile]
// Ingress -> fan-out -> processor on this machine, fed with generated
// bodies whose identities never repeat. Phase A: ingress alone at max
// rate; B: the whole pipeline at max rate; C: the whole pipeline at
// `rate` x B's request rate, for end-to-end latency below saturation
// (`rate` x A would exceed what the whole pipeline sustains whenever B is
// under `rate` x A, and then measures only a growing queue).
// A and B alternate for `rounds` rounds: this machine's speed drifts by
// tens of percent within minutes, so each B is compared with the A next
// to it, and the verdict takes the median round.
import { join } from 'node:path';
import { ensureStack } from '@wapipe/testing';
import { readFlags } from '../cli-flags.ts';
import { stackPids } from '../process/stack-pids.ts';
import { printProfileSummary } from '../profile/print-profile-summary.ts';
import { progress } from '../progress.ts';
import { interferenceNotes } from '../report/interference.ts';
import { printVerdict } from '../report/verdict.ts';
import { createRunDir } from '../run-dir.ts';
import { percent } from '../report/format.ts';
import { pipelineChecks, pipelineTable } from './pipeline-report.ts';
import {
  medianRound,
  roundsTable,
  shareOfIngress,
  type Round,
} from './rounds.ts';
import { runPhase, type PhaseEnv } from './run-phase.ts';

const flags = readFlags({
  duration: 15,
  warmup: 5,
  connections: 50,
  partitions: 6,
  rounds: 3,
  rate: 0.7,
  drain: 60,
  // Off by default; see README "Known limitations".
  'max-message-bytes': 0,
  // Profiles the services of phase B (max rate) and prints where they
  // spent their CPU.
  profile: false,
});

const stack = await ensureStack();
const pids = await stackPids();
const env: PhaseEnv = {
  base: {
    runDir: createRunDir('pipeline'),
    kafkaBrokers: stack.kafkaBrokers,
    redisUrl: stack.redisUrl,
    partitions: flags.partitions,
  },
  appSecret: 'wapipe-bench-app-secret',
  connections: flags.connections,
  warmupSec: flags.warmup,
  durationSec: flags.duration,
  stackPids: { kafka: pids.kafka, redis: pids.redis },
  maxMessageBytes: flags['max-message-bytes'] || undefined,
};
progress(
  `${flags.connections} connections, ${flags.warmup} s warm-up + ` +
    `${flags.duration} s per phase; logs in ${env.base.runDir}`,
);

const rounds: Round[] = [];
for (let round = 1; round <= flags.rounds; round++) {
  const a = await runPhase(env, {
    label: 'A',
    title: 'ingress only',
    withConsumers: false,
  });
  const b = await runPhase(env, {
    label: 'B',
    title: 'pipeline, max',
    withConsumers: true,
    profile: flags.profile && round === 1,
  });
  rounds.push({ a, b });
  progress(`round ${round}: B/A ${percent(shareOfIngress({ a, b }))}`);
}
const { a, b } = medianRound(rounds);
const c = await runPhase(env, {
  label: 'C',
  title: `pipeline, ${Math.round(flags.rate * 100)}% of B`,
  withConsumers: true,
  overallRate: Math.max(1, Math.round(flags.rate * b.load.requestsPerSec)),
  drainMs: flags.drain * 1e3,
});

process.stdout.write(`\nbench:pipeline\n\n${roundsTable(rounds)}\n`);
process.stdout.write(
  `\nthe median round and C\n\n${pipelineTable([a, b, c])}\n`,
);
const ok = printVerdict('verdict', pipelineChecks(rounds, c));
process.stdout.write(
  interferenceNotes(
    [...rounds.flatMap((r) => [r.a, r.b]), c].map((p) => ({
      label: `phase ${p.spec.label}`,
      cpu: p.cpu,
    })),
  ),
);
if (flags.profile) {
  for (const name of ['ingress', 'fanout', 'processor']) {
    printProfileSummary(join(env.base.runDir, `b-${name}.cpuprofile`));
  }
}
process.exitCode = ok ? 0 : 1;
