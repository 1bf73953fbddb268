import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import { topicNames } from '@wapipe/contracts';
import {
  LingerProducer,
  STAGE_OUTPUT_BATCHING,
  StageConsumer,
  fetchOptions,
  brokerCheck,
  createKafka,
  createProducer,
  ensureConfiguredTopics,
} from '@wapipe/kafka';
import {
  closeRedis,
  connectRedis,
  createRedis,
  type RedisClient,
} from '@wapipe/redis';
import {
  buildManagementServer,
  createLogger,
  createMetricsRegistry,
  PeriodicCheck,
  type Logger,
  type MetricsRegistry,
} from '@wapipe/telemetry';
import type { ProcessorConfig } from './config.ts';
import { DedupeStore } from './dedupe-store.ts';
import { createProcessorMetrics } from './metrics.ts';
import { processBatch, type ProcessDeps } from './process-batch.ts';
import { StatusState } from './status-state.ts';

export interface ProcessorService {
  registry: MetricsRegistry;
  management: FastifyInstance;
  start(): Promise<void>;
  stop(): Promise<void>;
}

interface Parts {
  kafka: Kafka;
  producer: Producer;
  outputs: LingerProducer;
  redis: RedisClient;
  consumer: StageConsumer;
  management: FastifyInstance;
  checks: PeriodicCheck[];
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
  const parts = assemble(config, logger, registry, options.beforeEach);
  return {
    registry,
    management: parts.management,
    start: () => start(config, parts, logger),
    stop: () => stop(parts, logger),
  };
}

function assemble(
  config: ProcessorConfig,
  logger: Logger,
  registry: MetricsRegistry,
  beforeEach: (() => Promise<void>) | undefined,
): Parts {
  const kafka = createKafka(config, logger, 'wapipe-processor');
  const producer = createProducer(kafka, { idempotent: true });
  const outputs = new LingerProducer(producer, STAGE_OUTPUT_BATCHING);
  const redis = createRedis(config, logger);
  const deps = processDeps(config, { outputs, redis, logger, registry });
  const topics = deps.topics;
  const consumer = new StageConsumer({
    stage: 'processor',
    kafka,
    logger,
    groupId: config.CONSUMER_GROUP,
    topics: [topics.messages, topics.statuses, topics.events],
    concurrency: config.PROCESSOR_CONCURRENCY,
    fetch: fetchOptions(config),
    handleBatch: (batch) => processBatch(batch, { ...deps, beforeEach }),
    onRetry: () => deps.metrics.batchRetries.inc(),
  });
  // Both stay "connected" to a stopped broker or a hung Redis.
  const checks = [
    brokerCheck(kafka),
    new PeriodicCheck(() => redis.ping(), {
      intervalMs: 5_000,
      timeoutMs: 2_000,
    }),
  ];
  const management = buildManagementServer({
    registry,
    isReady: () => consumer.isRunning && checks.every((c) => c.ok),
  });
  return { kafka, producer, outputs, redis, consumer, management, checks };
}

function processDeps(
  config: ProcessorConfig,
  io: {
    outputs: LingerProducer;
    redis: RedisClient;
    logger: Logger;
    registry: MetricsRegistry;
  },
): ProcessDeps {
  const ttl = config.DEDUPE_TTL_SECONDS;
  return {
    producer: io.outputs,
    logger: io.logger,
    topics: topicNames(config.TOPIC_PREFIX),
    metrics: createProcessorMetrics(io.registry),
    keyPrefix: config.REDIS_KEY_PREFIX,
    store: new DedupeStore(io.redis, {
      leaseMs: config.CLAIM_LEASE_MS,
      doneTtlSeconds: ttl,
    }),
    state: new StatusState(io.redis, ttl),
    attempts: { max: config.MAX_ATTEMPTS, baseMs: config.RETRY_BASE_MS },
  };
}

async function start(config: ProcessorConfig, parts: Parts, logger: Logger) {
  const topics = Object.values(topicNames(config.TOPIC_PREFIX));
  await parts.management.listen({
    port: config.MANAGEMENT_PORT,
    host: config.MANAGEMENT_HOST,
  });
  await ensureConfiguredTopics(parts.kafka, config, topics);
  await connectRedis(parts.redis);
  await parts.producer.connect();
  await parts.consumer.start();
  for (const check of parts.checks) check.start();
  logger.info('processor started');
}

// Consumer first: the batches in hand finish and commit before the
// producer and Redis they need go away.
async function stop(parts: Parts, logger: Logger) {
  await Promise.all(parts.checks.map((check) => check.stop()));
  await parts.consumer.stop();
  await parts.outputs.flush();
  await parts.producer.disconnect();
  await closeRedis(parts.redis);
  await parts.management.close();
  logger.info('processor stopped');
}
