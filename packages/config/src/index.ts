export { loadConfig, formatConfigIssues, ConfigError } from './load-config.ts';
export {
  kafkaEnv,
  consumerFetchEnv,
  redisEnv,
  telemetryEnv,
  managementEnv,
  type KafkaEnv,
  type ConsumerFetchEnv,
  type RedisEnv,
  type TelemetryEnv,
} from './common-env.ts';
export { csv, port, positiveInt, milliseconds, booleanFlag } from './fields.ts';
