export { loadConfig, formatConfigIssues, ConfigError } from './load-config.ts';
export {
  kafkaEnv,
  redisEnv,
  telemetryEnv,
  managementEnv,
  type KafkaEnv,
  type RedisEnv,
  type TelemetryEnv,
} from './common-env.ts';
export { csv, port, positiveInt, milliseconds, booleanFlag } from './fields.ts';
