import type { FastifyInstance } from 'fastify';
import { topicNames } from '@wapipe/contracts';
import {
  StageConsumer,
  fetchOptions,
  brokerCheck,
  createKafka,
  createProducer,
  ensureConfiguredTopics,
} from '@wapipe/kafka';
import {
  buildManagementServer,
  createLogger,
  createMetricsRegistry,
  type Logger,
  type MetricsRegistry,
} from '@wapipe/telemetry';
import type { FanoutConfig } from './config.ts';
import { fanoutBatch } from './fanout-batch.ts';
import { createFanoutMetrics } from './metrics.ts';

export interface FanoutService {
  registry: MetricsRegistry;
  management: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Assembles the fan-out consumer without connecting anything. */
export function buildFanout(
  config: FanoutConfig,
  options: { logger?: Logger; beforeEach?: () => Promise<void> } = {},
): FanoutService {
  const logger =
    options.logger ??
    createLogger({ service: 'fanout', level: config.LOG_LEVEL });
  const registry = createMetricsRegistry('fanout');
  const metrics = createFanoutMetrics(registry);
  const kafka = createKafka(config, logger, 'wapipe-fanout');
  const producer = createProducer(kafka, { idempotent: true });
  const topics = topicNames(config.TOPIC_PREFIX);
  const consumer = new StageConsumer({
    stage: 'fanout',
    kafka,
    logger,
    groupId: config.CONSUMER_GROUP,
    topics: [topics.webhooks],
    concurrency: config.FANOUT_CONCURRENCY,
    fetch: fetchOptions(config),
    handleBatch: async (batch) => {
      const stopTimer = metrics.batchDuration.startTimer();
      if (options.beforeEach) {
        for (let i = 0; i < batch.messages.length; i++)
          await options.beforeEach();
      }
      await fanoutBatch(batch, { producer, topics, metrics });
      stopTimer();
    },
  });
  const broker = brokerCheck(kafka);
  const management = buildManagementServer({
    registry,
    isReady: () => consumer.isRunning && broker.ok,
  });

  async function start() {
    await management.listen({
      port: config.MANAGEMENT_PORT,
      host: config.MANAGEMENT_HOST,
    });
    await ensureConfiguredTopics(kafka, config, [
      topics.webhooks,
      topics.messages,
      topics.statuses,
      topics.events,
      topics.dlq,
    ]);
    await producer.connect();
    await consumer.start();
    broker.start();
    logger.info('fanout started');
  }

  async function stop() {
    await broker.stop();
    await consumer.stop();
    await producer.disconnect();
    await management.close();
    logger.info('fanout stopped');
  }

  return { registry, management, start, stop };
}
