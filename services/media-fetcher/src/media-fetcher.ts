import type { Consumer, Kafka, Producer } from 'kafkajs';
import { topicNames, type TopicNames } from '@wapipe/contracts';
import {
  createKafka,
  createProducer,
  ensureConfiguredTopics,
} from '@wapipe/kafka';
import {
  createLogger,
  createMetricsRegistry,
  type Logger,
  type MetricsRegistry,
} from '@wapipe/telemetry';
import { processBatch, type BatchDeps } from './batch-processor.ts';
import { ConcurrencyLimit } from './concurrency-limit.ts';
import type { MediaFetcherConfig } from './config.ts';
import type { HandlerDeps } from './handle-media-request.ts';
import { MediaClaims } from './media-claims.ts';
import { createMediaMetrics, type MediaMetrics } from './metrics.ts';
import { Publisher } from './publisher.ts';
import {
  closeRedis,
  connectRedis,
  createRedis,
  type RedisClient,
} from '@wapipe/redis';
import { createStorage, type MediaStorage } from './storage.ts';

export const SERVICE_NAME = 'media-fetcher';

export interface MediaFetcher {
  /** Connects, creates missing topics if asked, starts consuming. */
  start(): Promise<void>;
  /**
   * Stops taking records, lets in-flight fetches finish within half the
   * shutdown budget, hands the rest back uncommitted, then disconnects.
   */
  stop(): Promise<void>;
  /** Connected and consuming, not draining: for /readyz. */
  isReady(): boolean;
  registry: MetricsRegistry;
}

/** Assembles the service; connects nothing until `start`. */
export function buildMediaFetcher(
  config: MediaFetcherConfig,
  options: { logger?: Logger; beforeEach?: () => Promise<void> } = {},
): MediaFetcher {
  const logger =
    options.logger ??
    createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
  return new MediaFetcherService(config, logger, options.beforeEach);
}

class MediaFetcherService implements MediaFetcher {
  readonly registry: MetricsRegistry;
  private readonly config: MediaFetcherConfig;
  private readonly logger: Logger;
  private readonly metrics: MediaMetrics;
  private readonly topics: TopicNames;
  private readonly kafka: Kafka;
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly redis: RedisClient;
  private readonly storage: MediaStorage;
  private readonly limit: ConcurrencyLimit;
  private readonly shutdown = new AbortController();
  private readonly batch: BatchDeps;
  private draining = false;
  private consuming = false;

  constructor(
    config: MediaFetcherConfig,
    logger: Logger,
    beforeEach?: () => Promise<void>,
  ) {
    this.config = config;
    this.logger = logger;
    this.registry = createMetricsRegistry(SERVICE_NAME);
    this.metrics = createMediaMetrics(this.registry);
    this.topics = topicNames(config.TOPIC_PREFIX);
    this.kafka = createKafka(config, logger, `wapipe-${SERVICE_NAME}`);
    this.consumer = this.kafka.consumer({
      groupId: config.CONSUMER_GROUP,
      allowAutoTopicCreation: false,
    });
    this.producer = createProducer(this.kafka, { idempotent: true });
    this.redis = createRedis(config, logger);
    this.storage = createStorage(config);
    this.limit = new ConcurrencyLimit(config.MEDIA_CONCURRENCY);
    this.batch = { ...this.batchDeps(), beforeEach };
  }

  isReady(): boolean {
    return this.consuming && !this.draining;
  }

  async start(): Promise<void> {
    await this.storage.prepare?.();
    await connectRedis(this.redis);
    await this.createTopics();
    await this.producer.connect();
    await this.consumer.connect();
    this.watchConsumer();
    // A new group must not skip requests produced before it existed.
    await this.consumer.subscribe({
      topic: this.topics.mediaRequests,
      fromBeginning: true,
    });
    await this.consumer.run({
      autoCommit: true,
      autoCommitInterval: 1_000,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.config.MEDIA_CONCURRENCY,
      eachBatch: (payload) => processBatch(this.batch, payload),
    });
    this.consuming = true;
    this.logger.info({ topic: this.topics.mediaRequests }, 'consuming');
  }

  async stop(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    if (this.consuming) {
      this.consumer.pause([{ topic: this.topics.mediaRequests }]);
      await this.drain(Math.floor(this.config.SHUTDOWN_TIMEOUT_MS / 2));
    }
    this.shutdown.abort();
    await this.consumer.stop();
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await closeRedis(this.redis);
    this.storage.close();
    this.consuming = false;
    this.logger.info('stopped');
  }

  private async drain(budgetMs: number): Promise<void> {
    const inFlight = this.limit.active;
    if (inFlight === 0) return;
    this.logger.info({ inFlight, budgetMs }, 'draining in-flight media');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, budgetMs);
    });
    await Promise.race([this.limit.idle(), timeout]);
    clearTimeout(timer);
  }

  private async createTopics(): Promise<void> {
    const { mediaRequests, mediaStored, dlq } = this.topics;
    await ensureConfiguredTopics(this.kafka, this.config, [
      mediaRequests,
      mediaStored,
      dlq,
    ]);
  }

  private watchConsumer(): void {
    this.consumer.on(this.consumer.events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger.error({ err: error, restart }, 'consumer crashed');
      if (!restart) this.consuming = false;
    });
  }

  private batchDeps(): BatchDeps {
    return {
      limit: this.limit,
      handler: this.handlerDeps(),
      metrics: this.metrics,
      logger: this.logger,
      signal: this.shutdown.signal,
      isDraining: () => this.draining,
    };
  }

  private handlerDeps(): HandlerDeps {
    const config = this.config;
    return {
      fetch: {
        storage: this.storage,
        download: {
          userAgent: config.MEDIA_USER_AGENT,
          timeoutMs: config.MEDIA_DOWNLOAD_TIMEOUT_MS,
        },
        maxBytes: config.MEDIA_MAX_BYTES,
        logger: this.logger,
        graph: {
          baseUrl: config.GRAPH_API_BASE_URL,
          version: config.GRAPH_API_VERSION,
          userAgent: config.MEDIA_USER_AGENT,
          timeoutMs: config.GRAPH_LOOKUP_TIMEOUT_MS,
        },
        backoff: {
          baseMs: config.MEDIA_RETRY_BASE_MS,
          maxMs: config.MEDIA_RETRY_MAX_MS,
        },
        maxAttempts: config.MEDIA_MAX_ATTEMPTS,
        metrics: this.metrics,
      },
      claims: new MediaClaims(this.redis, {
        keyPrefix: config.REDIS_KEY_PREFIX,
        leaseMs: config.MEDIA_CLAIM_LEASE_MS,
        doneTtlSeconds: config.MEDIA_DONE_TTL_SECONDS,
      }),
      publisher: new Publisher(this.producer, this.topics),
      tokens: config,
      leaseMs: config.MEDIA_CLAIM_LEASE_MS,
    };
  }
}
