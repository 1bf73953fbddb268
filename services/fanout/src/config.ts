import { z } from 'zod';
import {
  consumerFetchEnv,
  kafkaEnv,
  loadConfig,
  managementEnv,
  positiveInt,
  telemetryEnv,
} from '@wapipe/config';

export const fanoutEnv = {
  ...kafkaEnv,
  ...consumerFetchEnv,
  ...telemetryEnv,
  ...managementEnv,
  /** Defaults to `${TOPIC_PREFIX}wapipe-fanout`. */
  CONSUMER_GROUP: z.string().min(1).optional(),
  /** Partitions of the ingress topic handled at once by one pod. */
  FANOUT_CONCURRENCY: positiveInt(6),
};

export type FanoutConfig = ReturnType<typeof loadFanoutConfig>;

export function loadFanoutConfig(env: NodeJS.ProcessEnv = process.env) {
  const config = loadConfig(fanoutEnv, env);
  return {
    ...config,
    CONSUMER_GROUP:
      config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}wapipe-fanout`,
  };
}
