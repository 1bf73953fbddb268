// npm run bench:ingress [-- --duration 15 --warmup 3 --connections 50
//   --partitions 6 --rounds 3 --profile]
// The real ingress against a bare fastify on the same machine, both driven
// with Meta's signed corpus by autocannon from a separate process. The two
// alternate for `rounds` rounds, because this machine's speed drifts by
// tens of percent within minutes; the verdict takes the median ratio, and
// latency, memory and durability must hold in every round.
import { join } from 'node:path';
import { topicNames } from '@wapipe/contracts';
import { ensureStack } from '@wapipe/testing';
import { corpusBodies } from '../bodies/corpus-bodies.ts';
import { readFlags } from '../cli-flags.ts';
import { deleteTopicsWithPrefix } from '../kafka/delete-topics.ts';
import { sumOf, topicSizes } from '../kafka/topic-sizes.ts';
import type { LoadPlan } from '../load/load-plan.ts';
import { runAgainst, type TargetRun } from '../load/run-against.ts';
import { stackPids } from '../process/stack-pids.ts';
import { printProfileSummary } from '../profile/print-profile-summary.ts';
import { progress } from '../progress.ts';
import { interferenceNotes } from '../report/interference.ts';
import { printVerdict } from '../report/verdict.ts';
import { createRunDir, uniquePrefix } from '../run-dir.ts';
import { startIngress } from '../stages/pipeline-stages.ts';
import type { StageContext } from '../stages/stage-context.ts';
import { durabilityCheck } from './durability-check.ts';
import { ingressInternals } from './ingress-internals.ts';
import {
  ingressChecks,
  ingressTable,
  medianRound,
  ratioOf,
  roundsTable,
  type IngressRound,
} from './ingress-report.ts';
import { percent } from '../report/format.ts';
import { startBaseline } from './start-baseline.ts';

const flags = readFlags({
  duration: 15,
  warmup: 3,
  connections: 50,
  partitions: 6,
  rounds: 3,
  profile: false,
});
const PROFILE_NAME = 'ingress.cpuprofile';

const stack = await ensureStack();
const pids = await stackPids();
const corpus = corpusBodies();
const base: StageContext = {
  runDir: createRunDir('ingress'),
  label: '',
  kafkaBrokers: stack.kafkaBrokers,
  redisUrl: stack.redisUrl,
  prefix: '',
  partitions: flags.partitions,
};
progress(
  `${corpus.bodies.length} corpus bodies, ${flags.connections} connections, ` +
    `${flags.warmup} s warm-up + ${flags.duration} s each; logs in ${base.runDir}`,
);

const rounds: IngressRound[] = [];
for (let round = 1; round <= flags.rounds; round++) {
  const baseline = await benchBaseline();
  const ctx = { ...base, prefix: uniquePrefix('ingress') };
  const ingress = await benchIngress(ctx, flags.profile && round === 1);
  const sizes = await recordsWritten(ctx);
  await deleteTopicsWithPrefix(ctx.kafkaBrokers, ctx.prefix);
  rounds.push({ baseline, ingress, sizes });
  progress(
    `round ${round}: ingress/baseline ${percent(ratioOf(rounds[round - 1]!))}`,
  );
}
report(rounds);
if (flags.profile) printProfileSummary(join(base.runDir, PROFILE_NAME));

async function benchBaseline(): Promise<TargetRun> {
  progress('baseline: bare fastify');
  const server = await startBaseline(base.runDir);
  return runAgainst(server, corpusPlan(server.webhookUrl));
}

async function benchIngress(
  ctx: StageContext,
  profile: boolean,
): Promise<TargetRun> {
  progress(`ingress: topic prefix ${ctx.prefix}`);
  const nodeArgs = profile
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${ctx.runDir}`,
        `--cpu-prof-name=${PROFILE_NAME}`,
      ]
    : [];
  const server = await startIngress(ctx, {
    appSecret: corpus.appSecret,
    nodeArgs,
  });
  return runAgainst(server, corpusPlan(server.webhookUrl), {
    kafka: pids.kafka,
  });
}

function corpusPlan(url: string): LoadPlan {
  return {
    url,
    connections: flags.connections,
    warmupSec: flags.warmup,
    durationSec: flags.duration,
    bodies: { kind: 'corpus' },
  };
}

// Counted after the ingress drained and exited, so nothing is in flight.
async function recordsWritten(ctx: StageContext) {
  const topics = topicNames(ctx.prefix);
  const sizes = await topicSizes(ctx.kafkaBrokers, [topics.webhooks]);
  const dlq = await topicSizes(ctx.kafkaBrokers, [topics.dlq]);
  return { webhooks: sumOf(sizes), dlq: sumOf(dlq) };
}

function report(rounds: IngressRound[]): void {
  const { baseline, ingress } = medianRound(rounds);
  const tuning = ['PRODUCE_LINGER_MS', 'PRODUCE_MAX_BATCH_RECORDS']
    .map((name) => `${name}=${process.env[name] ?? '(default)'}`)
    .join(' ');
  process.stdout.write(`\nbench:ingress  ${tuning}\n\n`);
  process.stdout.write(`${roundsTable(rounds)}\n\nthe median round\n\n`);
  process.stdout.write(`${ingressTable(baseline, ingress)}\n\n`);
  process.stdout.write(`${ingressInternals(ingress.metrics)}\n`);
  const checks = [
    ...ingressChecks(rounds),
    ...rounds.map(({ ingress: run, sizes }, i) =>
      durabilityCheck({
        round: i + 1,
        expectedRecords: run.load.accepted.changes,
        topicRecords: sizes.webhooks,
        dlqRecords: sizes.dlq,
        connections: flags.connections,
        loadRuns: flags.warmup > 0 ? 2 : 1,
        maxChangesPerBody: Math.max(...corpus.bodies.map((b) => b.changes)),
      }),
    ),
  ];
  const ok = printVerdict('verdict', checks);
  process.stdout.write(
    interferenceNotes(
      rounds.flatMap((r, i) => [
        { label: `the baseline run of round ${i + 1}`, cpu: r.baseline.cpu },
        { label: `the ingress run of round ${i + 1}`, cpu: r.ingress.cpu },
      ]),
    ),
  );
  process.exitCode = ok ? 0 : 1;
}
