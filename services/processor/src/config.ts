import { z } from 'zod';
import {
  consumerFetchEnv,
  kafkaEnv,
  loadConfig,
  managementEnv,
  milliseconds,
  positiveInt,
  redisEnv,
  telemetryEnv,
} from '@wapipe/config';

/** Meta retries for up to 7 days (REFERENCE §12.3); one day of margin. */
const EIGHT_DAYS_S = 8 * 24 * 3600;

export const processorEnv = {
  ...kafkaEnv,
  ...consumerFetchEnv,
  ...redisEnv,
  ...telemetryEnv,
  ...managementEnv,
  /** Defaults to `${TOPIC_PREFIX}wapipe-processor`. */
  CONSUMER_GROUP: z.string().min(1).optional(),
  PROCESSOR_CONCURRENCY: positiveInt(6),
  /** How long a "done" mark suppresses repeats; at least Meta's 7 days. */
  DEDUPE_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(7 * 24 * 3600, "must cover Meta's 7-day retry window")
    .default(EIGHT_DAYS_S),
  /** A claim left by a crashed pod is free again after this long. */
  CLAIM_LEASE_MS: milliseconds(30_000),
  /** Attempts at a record whose handling throws, before the DLQ. */
  MAX_ATTEMPTS: positiveInt(5),
  RETRY_BASE_MS: milliseconds(100),
};

export type ProcessorConfig = ReturnType<typeof loadProcessorConfig>;

export function loadProcessorConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(processorEnv, env);
  return {
    ...config,
    CONSUMER_GROUP:
      config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}wapipe-processor`,
  };
}
