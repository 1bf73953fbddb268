import type { FastifyInstance } from 'fastify';
import type { Kafka, Producer } from 'kafkajs';
import { topicNames, type TopicNames } from '@wapipe/contracts';
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
  buildManagementServer,
  createLogger,
  createMetricsRegistry,
  type Logger,
  type MetricsRegistry,
  type PeriodicCheck,
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

interface Parts {
  kafka: Kafka;
  producer: Producer;
  outputs: LingerProducer;
  consumer: StageConsumer;
  broker: PeriodicCheck;
  management: FastifyInstance;
}

type BeforeEach = () => Promise<void>;

/** Assembles the fan-out consumer without connecting anything. */
export function buildFanout(
  config: FanoutConfig,
  options: { logger?: Logger; beforeEach?: BeforeEach } = {},
): FanoutService {
  const logger =
    options.logger ??
    createLogger({ service: 'fanout', level: config.LOG_LEVEL });
  const registry = createMetricsRegistry('fanout');
  const parts = assemble(config, logger, registry, options.beforeEach);
  return {
    registry,
    management: parts.management,
    start: () => start(config, parts, logger),
    stop: () => stop(parts, logger),
  };
}

function assemble(
  config: FanoutConfig,
  logger: Logger,
  registry: MetricsRegistry,
  beforeEach: BeforeEach | undefined,
): Parts {
  const metrics = createFanoutMetrics(registry);
  const kafka = createKafka(config, logger, 'wapipe-fanout');
  const producer = createProducer(kafka, { idempotent: true });
  const outputs = new LingerProducer(producer, STAGE_OUTPUT_BATCHING);
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
      await runBeforeEach(beforeEach, batch.messages.length);
      await fanoutBatch(batch, { producer: outputs, topics, metrics });
      stopTimer();
    },
  });
  const broker = brokerCheck(kafka);
  const management = buildManagementServer({
    registry,
    isReady: () => consumer.isRunning && broker.ok,
  });
  return { kafka, producer, outputs, consumer, broker, management };
}

// A test hook: runs once per record, before the batch is split.
async function runBeforeEach(
  beforeEach: BeforeEach | undefined,
  records: number,
): Promise<void> {
  if (!beforeEach) return;
  for (let i = 0; i < records; i++) await beforeEach();
}

async function start(config: FanoutConfig, parts: Parts, logger: Logger) {
  await parts.management.listen({
    port: config.MANAGEMENT_PORT,
    host: config.MANAGEMENT_HOST,
  });
  await ensureConfiguredTopics(parts.kafka, config, ownTopics(config));
  await parts.producer.connect();
  await parts.consumer.start();
  parts.broker.start();
  logger.info('fanout started');
}

// Consumer first: the batches in hand finish and commit before the
// producer they write with goes away.
async function stop(parts: Parts, logger: Logger) {
  await parts.broker.stop();
  await parts.consumer.stop();
  await parts.outputs.flush();
  await parts.producer.disconnect();
  await parts.management.close();
  logger.info('fanout stopped');
}

function ownTopics(config: FanoutConfig): string[] {
  const topics: TopicNames = topicNames(config.TOPIC_PREFIX);
  return [
    topics.webhooks,
    topics.messages,
    topics.statuses,
    topics.events,
    topics.dlq,
  ];
}
