import type { FastifyInstance } from 'fastify';
import { topicNames } from '@wapipe/contracts';
import {
  StageConsumer,
  createKafka,
  createProducer,
  ensureTopics,
} from '@wapipe/kafka';
import {
  buildManagementServer,
  createLogger,
  createMetricsRegistry,
  type Logger,
  type MetricsRegistry,
} from '@wapipe/telemetry';
import type { ProcessorConfig } from './config.ts';
import { DedupeStore } from './dedupe-store.ts';
import { createProcessorMetrics } from './metrics.ts';
import { processBatch } from './process-batch.ts';
import { createRedis } from './redis-client.ts';
import { StatusState } from './status-state.ts';

export interface ProcessorService {
  registry: MetricsRegistry;
  management: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Assembles the processor without connecting anything. */
export function buildProcessor(
  config: ProcessorConfig,
  options: { logger?: Logger; beforeEach?: () => Promise<void> } = {},
): ProcessorService {
  const logger =
    options.logger ??
    createLogger({ service: 'processor', level: config.LOG_LEVEL });
  const registry = createMetricsRegistry('processor');
  const metrics = createProcessorMetrics(registry);
  const kafka = createKafka(config, logger, 'wapipe-processor');
  const producer = createProducer(kafka, { idempotent: true });
  const redis = createRedis(config);
  redis.on('error', (err: Error) =>
    logger.debug({ err }, 'redis connection error'),
  );
  const topics = topicNames(config.TOPIC_PREFIX);
  const deps = {
    producer,
    topics,
    metrics,
    logger,
    keyPrefix: config.REDIS_KEY_PREFIX,
    store: new DedupeStore(redis, {
      leaseMs: config.CLAIM_LEASE_MS,
      doneTtlSeconds: config.DEDUPE_TTL_SECONDS,
    }),
    state: new StatusState(redis, config.DEDUPE_TTL_SECONDS),
    attempts: { max: config.MAX_ATTEMPTS, baseMs: config.RETRY_BASE_MS },
    beforeEach: options.beforeEach,
  };
  const consumer = new StageConsumer({
    kafka,
    logger,
    groupId: config.CONSUMER_GROUP,
    topics: [topics.messages, topics.statuses, topics.events],
    concurrency: config.PROCESSOR_CONCURRENCY,
    handleBatch: (batch) => processBatch(batch, deps),
    onRetry: () => metrics.batchRetries.inc(),
  });
  const management = buildManagementServer({
    registry,
    isReady: () => consumer.isRunning && redis.status === 'ready',
  });

  async function start() {
    if (config.KAFKA_CREATE_TOPICS)
      await ensureTopics(kafka, Object.values(topics), {
        partitions: config.KAFKA_TOPIC_PARTITIONS,
        replicationFactor: config.KAFKA_REPLICATION_FACTOR,
      });
    await producer.connect();
    await consumer.start();
    await management.listen({
      port: config.MANAGEMENT_PORT,
      host: config.MANAGEMENT_HOST,
    });
    logger.info('processor started');
  }

  async function stop() {
    await consumer.stop();
    await producer.disconnect();
    redis.disconnect();
    await management.close();
    logger.info('processor stopped');
  }

  return { registry, management, start, stop };
}
