import { z } from 'zod';
import { booleanFlag, csv, milliseconds, port, positiveInt } from './fields.ts';

/** Kafka connection and naming, shared by every service. */
export const kafkaEnv = {
  KAFKA_BROKERS: csv().pipe(
    z.array(z.string()).min(1, 'needs at least one host:port'),
  ),
  KAFKA_CLIENT_ID: z.string().min(1).optional(),
  /** Prepended to every topic name so environments can share a cluster. */
  TOPIC_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]*$/, 'only letters, digits, ".", "_" and "-"')
    .default(''),
  KAFKA_SSL: booleanFlag(false),
  KAFKA_SASL_MECHANISM: z
    .enum(['plain', 'scram-sha-256', 'scram-sha-512'])
    .optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  /** Create missing topics at start-up (off where Strimzi owns topics). */
  KAFKA_CREATE_TOPICS: booleanFlag(true),
  KAFKA_TOPIC_PARTITIONS: z.coerce.number().int().positive().default(6),
  KAFKA_REPLICATION_FACTOR: z.coerce.number().int().positive().default(1),
};

/**
 * How a stage's consumer trades a little latency for bigger batches: the
 * broker holds a fetch until this many bytes are ready or the wait is
 * over. Each batch costs a produce, a commit and Redis round trips; at
 * the kafkajs default (answer with the first byte) bench:pipeline's
 * batches held ~17 records and the broker used more CPU than any stage
 * (55% of a core at 4.9k updates/s). Measured in one bench:pipeline
 * each (median of 3 rounds, end to end vs ingress alone): 512 KiB / 60 ms
 * 46.6% with p99 0.34 s at 70% of that rate; 1 MiB / 80 ms 57.9% with
 * p99 0.45 s; 1 MiB / 100 ms 58.5% with p99 0.48 s, too close to the
 * 0.5 s we promise. At a trickle, each stage adds at most the wait.
 */
export const consumerFetchEnv = {
  KAFKA_FETCH_MIN_BYTES: positiveInt(1_048_576),
  KAFKA_FETCH_MAX_WAIT_MS: milliseconds(80),
};

export const redisEnv = {
  /** redis://, rediss://, or a comma list of cluster seeds with REDIS_MODE. */
  REDIS_URL: z.string().min(1),
  REDIS_MODE: z.enum(['single', 'cluster', 'sentinel']).default('single'),
  REDIS_SENTINEL_NAME: z.string().default('mymaster'),
  /** Prefix of every Redis key this deployment writes. */
  REDIS_KEY_PREFIX: z.string().default('wapipe'),
};

export const telemetryEnv = {
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  /** OTLP/HTTP endpoint; tracing exports nothing while it is unset. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  SHUTDOWN_TIMEOUT_MS: milliseconds(25_000),
};

export const managementEnv = {
  /** Health, readiness and /metrics; never the public webhook port. */
  MANAGEMENT_PORT: port(9464),
  MANAGEMENT_HOST: z.string().default('0.0.0.0'),
};

export type KafkaEnv = z.infer<z.ZodObject<typeof kafkaEnv>>;
export type ConsumerFetchEnv = z.infer<z.ZodObject<typeof consumerFetchEnv>>;
export type RedisEnv = z.infer<z.ZodObject<typeof redisEnv>>;
export type TelemetryEnv = z.infer<z.ZodObject<typeof telemetryEnv>>;
