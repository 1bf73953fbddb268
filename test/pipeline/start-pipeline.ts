import type { TopicNames } from '@wapipe/contracts';
import { buildFanout, loadFanoutConfig } from '@wapipe/fanout';
import { buildIngress, loadIngressConfig } from '@wapipe/ingress';
import {
  buildMediaFetcher,
  loadMediaFetcherConfig,
} from '@wapipe/media-fetcher';
import { buildProcessor, loadProcessorConfig } from '@wapipe/processor';
import { consumerGroup, serviceEnv } from './pipeline-env.ts';
import { pipelineLoggers } from './pipeline-logger.ts';
import type { PipelineOptions } from './pipeline-options.ts';
import { createPipelineTopics } from './pipeline-topics.ts';

export interface RunningPipeline {
  /** Absolute URL of the ingress webhook route. */
  webhookUrl: string;
  topics: TopicNames;
  /** Consumer group of each consuming stage, for lag checks. */
  groups: { fanout: string; processor: string; mediaFetcher: string };
  /** Ingress first (no new work), then the consumers. */
  stop(): Promise<void>;
}

interface Stage {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/**
 * Ingress, fan-out, processor and media fetcher in this process, built
 * from the same config loaders as their `main.ts`, on one topic prefix.
 */
export async function startPipeline(
  options: PipelineOptions,
): Promise<RunningPipeline> {
  const topics = await createPipelineTopics(
    options.kafkaBrokers,
    options.topicPrefix,
  );
  const { stages, webhookPath } = buildStages(options);
  const ingressStarted = stages.ingress.start();
  const settled = await Promise.allSettled([
    ingressStarted,
    stages.fanout.start(),
    stages.processor.start(),
    stages.mediaFetcher.start(),
  ]);
  const failed = settled.find((result) => result.status === 'rejected');
  if (failed) {
    await stopStages(stages).catch(() => undefined);
    throw failed.reason;
  }
  const { url } = await ingressStarted;
  return {
    webhookUrl: url + webhookPath,
    topics,
    groups: {
      fanout: consumerGroup(options.topicPrefix, 'fanout'),
      processor: consumerGroup(options.topicPrefix, 'processor'),
      mediaFetcher: consumerGroup(options.topicPrefix, 'media-fetcher'),
    },
    stop: () => stopStages(stages),
  };
}

function buildStages(options: PipelineOptions) {
  const loggerFor = pipelineLoggers(
    options.logLevel ?? 'warn',
    options.logDestination,
  );
  const hooks = options.beforeEach ?? {};
  const env = (name: Parameters<typeof serviceEnv>[0]) =>
    serviceEnv(name, options);
  const ingressConfig = loadIngressConfig(env('ingress'));
  const stages = {
    ingress: buildIngress(ingressConfig, { logger: loggerFor('ingress') }),
    fanout: buildFanout(loadFanoutConfig(env('fanout')), {
      logger: loggerFor('fanout'),
      beforeEach: hooks.fanout,
    }),
    processor: buildProcessor(loadProcessorConfig(env('processor')), {
      logger: loggerFor('processor'),
      beforeEach: hooks.processor,
    }),
    mediaFetcher: buildMediaFetcher(
      loadMediaFetcherConfig(env('media-fetcher')),
      { logger: loggerFor('media-fetcher'), beforeEach: hooks.mediaFetcher },
    ),
  };
  return { stages, webhookPath: ingressConfig.WEBHOOK_PATH };
}

async function stopStages(stages: Record<string, Stage>): Promise<void> {
  const { ingress, ...consumers } = stages;
  const errors: unknown[] = [];
  await ingress?.stop().catch((error: unknown) => errors.push(error));
  const results = await Promise.allSettled(
    Object.values(consumers).map((stage) => stage.stop()),
  );
  for (const result of results) {
    if (result.status === 'rejected') errors.push(result.reason);
  }
  if (errors.length > 0) {
    throw new AggregateError(errors, 'pipeline did not stop cleanly');
  }
}
