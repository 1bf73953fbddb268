import { topicNames } from '@wapipe/contracts';
import { deleteTopicsWithPrefix } from '../kafka/delete-topics.ts';
import { deleteKeysWithPrefix } from '../redis/delete-keys.ts';
import { precreateTopics } from '../kafka/precreate-topics.ts';
import { readTopicSamples } from '../kafka/topic-reader.ts';
import { waitForRecords } from '../kafka/wait-for-records.ts';
import type { LoadPlan } from '../load/load-plan.ts';
import { measureLoad, type Measured } from '../load/measure-load.ts';
import { scrapeMetrics } from '../process/scrape-metrics.ts';
import { progress } from '../progress.ts';
import { uniquePrefix } from '../run-dir.ts';
import type { StageContext } from '../stages/stage-context.ts';
import {
  pipelinePids,
  startPipeline,
  stopPipeline,
  type PipelineServices,
} from './pipeline-services.ts';
import { processedStats, type ProcessedStats } from './processed-stats.ts';
import { fanoutSample, processedSample } from './record-samples.ts';
import type { ServiceMetrics } from './service-metrics.ts';
import { countStages, stageRates, stageTopics } from './stage-counts.ts';

export interface PhaseSpec {
  label: 'A' | 'B' | 'C';
  title: string;
  withConsumers: boolean;
  /** Requests per second over all connections; unset = max rate. */
  overallRate?: number;
  /** Wait this long for every accepted update to be processed. */
  drainMs?: number;
  /** Profile every service of this phase (`--cpu-prof`). */
  profile?: boolean;
}

export interface PhaseEnv {
  base: Omit<StageContext, 'label' | 'prefix'>;
  appSecret: string;
  /** Load shape shared by all phases. */
  connections: number;
  warmupSec: number;
  durationSec: number;
  /** Kafka and Redis, metered alongside the services. */
  stackPids: Record<string, number | undefined>;
  /** When set, stage output topics get this `max.message.bytes`. */
  maxMessageBytes: number | undefined;
}

export interface PhaseResult extends Measured {
  spec: PhaseSpec;
  windowSec: number;
  /** Updates (messages + statuses) in 2xx bodies per second of window. */
  acceptedUpdatesPerSec: number;
  /** Records per second each stage wrote during the window. */
  stageRates: Record<string, number>;
  processed: ProcessedStats | undefined;
  serviceMetrics: ServiceMetrics;
}

/** One phase: fresh prefix and services, load, then what came out. */
export async function runPhase(
  env: PhaseEnv,
  spec: PhaseSpec,
): Promise<PhaseResult> {
  const ctx: StageContext = {
    ...env.base,
    label: `${spec.label.toLowerCase()}-`,
    prefix: uniquePrefix(`pipeline-${spec.label.toLowerCase()}`),
    profile: spec.profile,
  };
  progress(`phase ${spec.label}: ${spec.title} (prefix ${ctx.prefix})`);
  await raiseMessageLimit(env, ctx);
  const services = await startPipeline(ctx, {
    appSecret: env.appSecret,
    withConsumers: spec.withConsumers,
  });
  try {
    const measured = await measureStages(env, ctx, services, spec);
    await drain(ctx, spec, measured.load.accepted.updates);
    const serviceMetrics = await scrapeAll(services);
    await stopPipeline(services);
    const processed = spec.withConsumers
      ? await readStats(ctx, measured)
      : undefined;
    return { ...measured, spec, processed, serviceMetrics };
  } finally {
    await stopPipeline(services);
    await deleteTopicsWithPrefix(ctx.kafkaBrokers, ctx.prefix);
    await deleteKeysWithPrefix(ctx.redisUrl, ctx.prefix);
  }
}

async function scrapeAll(services: PipelineServices): Promise<ServiceMetrics> {
  const all = [
    { name: 'ingress', stage: services.ingress },
    ...services.consumers,
  ];
  const metrics: ServiceMetrics = {};
  for (const { name, stage } of all) {
    metrics[name] = await scrapeMetrics(`${stage.managementUrl}/metrics`);
  }
  return metrics;
}

async function raiseMessageLimit(
  env: PhaseEnv,
  ctx: StageContext,
): Promise<void> {
  if (!env.maxMessageBytes) return;
  const t = topicNames(ctx.prefix);
  const outputs = [t.messages, t.statuses, t.events, t.inboundMessages];
  outputs.push(t.messageStatuses, t.accountEvents, t.mediaRequests, t.dlq);
  await precreateTopics(ctx.kafkaBrokers, outputs, {
    partitions: ctx.partitions,
    maxMessageBytes: env.maxMessageBytes,
  });
}

async function measureStages(
  env: PhaseEnv,
  ctx: StageContext,
  services: PipelineServices,
  spec: PhaseSpec,
) {
  const stages = stageTopics(topicNames(ctx.prefix));
  const count = async () => {
    const at = Date.now();
    return { at, counts: await countStages(ctx.kafkaBrokers, stages) };
  };
  let before: ReturnType<typeof count> | undefined;
  const plan = generatedPlan(env, ctx, services.ingress.webhookUrl, spec);
  const watched = { ...pipelinePids(services), ...env.stackPids };
  const measured = await measureLoad(plan, watched, () => {
    before = count();
    // Awaited below; this keeps an early failure from going unhandled.
    void before.catch(() => undefined);
  });
  const after = await count();
  const start = await (before ?? count());
  const windowSec = (measured.load.windowEnd - measured.load.windowStart) / 1e3;
  return {
    ...measured,
    windowSec,
    acceptedUpdatesPerSec: measured.load.windowAccepted.updates / windowSec,
    stageRates: stageRates(
      start.counts,
      after.counts,
      (after.at - start.at) / 1e3,
    ),
  };
}

function generatedPlan(
  env: PhaseEnv,
  ctx: StageContext,
  url: string,
  spec: PhaseSpec,
): LoadPlan {
  return {
    url,
    connections: env.connections,
    warmupSec: env.warmupSec,
    durationSec: env.durationSec,
    ...(spec.overallRate ? { overallRate: spec.overallRate } : {}),
    bodies: {
      kind: 'generated',
      appSecret: env.appSecret,
      runId: ctx.prefix.replace(/\W+/g, ''),
    },
  };
}

async function drain(
  ctx: StageContext,
  spec: PhaseSpec,
  expected: number,
): Promise<void> {
  if (!spec.drainMs) return;
  const topics = topicNames(ctx.prefix);
  const held = await waitForRecords(
    ctx.kafkaBrokers,
    [topics.inboundMessages, topics.messageStatuses],
    expected,
    spec.drainMs,
  );
  progress(`phase ${spec.label}: ${held} of ${expected} updates processed`);
}

async function readStats(
  ctx: StageContext,
  measured: { load: { windowStart: number; windowEnd: number } },
): Promise<ProcessedStats> {
  const t = topicNames(ctx.prefix);
  const brokers = ctx.kafkaBrokers;
  const processed = await readTopicSamples(
    brokers,
    [t.inboundMessages, t.messageStatuses],
    processedSample,
  );
  const fanout = await readTopicSamples(
    brokers,
    [t.messages, t.statuses],
    fanoutSample,
  );
  return processedStats(processed, fanout, {
    start: measured.load.windowStart,
    end: measured.load.windowEnd,
  });
}
