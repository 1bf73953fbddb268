import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConfig, SASLOptions } from 'kafkajs';
import type { KafkaEnv } from '@wapipe/config';
import type { Logger } from '@wapipe/telemetry';
import { kafkaLogCreator } from './log-creator.ts';

export type KafkaConnection = Pick<
  KafkaEnv,
  | 'KAFKA_BROKERS'
  | 'KAFKA_CLIENT_ID'
  | 'KAFKA_SSL'
  | 'KAFKA_SASL_MECHANISM'
  | 'KAFKA_SASL_USERNAME'
  | 'KAFKA_SASL_PASSWORD'
>;

/** A kafkajs client whose own logs go through our pino logger. */
export function createKafka(
  env: KafkaConnection,
  logger: Logger,
  fallbackClientId: string,
  tuning: Partial<
    Pick<KafkaConfig, 'retry' | 'requestTimeout' | 'connectionTimeout'>
  > = {},
): Kafka {
  const config: KafkaConfig = {
    clientId: env.KAFKA_CLIENT_ID ?? fallbackClientId,
    brokers: env.KAFKA_BROKERS,
    ssl: env.KAFKA_SSL,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(logger),
    // Reconnect for as long as it takes: a broker outage must pause us, and
    // the callers decide when to give up on an individual request.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 8 },
    connectionTimeout: 3_000,
    ...tuning,
  };
  const sasl = saslOptions(env);
  if (sasl) config.sasl = sasl;
  return new Kafka(config);
}

function saslOptions(env: KafkaConnection): SASLOptions | undefined {
  if (!env.KAFKA_SASL_MECHANISM) return undefined;
  return {
    mechanism: env.KAFKA_SASL_MECHANISM,
    username: env.KAFKA_SASL_USERNAME ?? '',
    password: env.KAFKA_SASL_PASSWORD ?? '',
  };
}
