import type { PipelineOptions, ServiceName } from './pipeline-options.ts';

/**
 * The environment each service would get from its Deployment. Going
 * through the services' own config loaders keeps the in-process pipeline
 * as close as possible to what runs in the cluster.
 */
export function serviceEnv(
  service: ServiceName,
  options: PipelineOptions,
): NodeJS.ProcessEnv {
  const common = commonEnv(service, options);
  switch (service) {
    case 'ingress':
      return { ...common, ...ingressEnv(options), ...options.env };
    case 'fanout':
      return { ...common, ...options.env };
    case 'processor':
      return { ...common, ...redisEnv(options), ...options.env };
    case 'media-fetcher':
      return {
        ...common,
        ...redisEnv(options),
        ...mediaEnv(options),
        ...options.env,
      };
  }
}

function commonEnv(
  service: ServiceName,
  options: PipelineOptions,
): NodeJS.ProcessEnv {
  return {
    KAFKA_BROKERS: options.kafkaBrokers.join(','),
    KAFKA_CLIENT_ID: `${options.topicPrefix}wapipe-${service}`,
    TOPIC_PREFIX: options.topicPrefix,
    KAFKA_TOPIC_PARTITIONS: '3',
    LOG_LEVEL: options.logLevel ?? 'warn',
    MANAGEMENT_HOST: '127.0.0.1',
    MANAGEMENT_PORT: String(options.managementPorts?.[service] ?? 0),
    // Set explicitly: a group shared between runs would skip records.
    CONSUMER_GROUP: consumerGroup(options.topicPrefix, service),
  };
}

function ingressEnv(options: PipelineOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    APP_SECRETS: options.appSecrets.join(','),
    HOST: options.ingress?.host ?? '127.0.0.1',
    PORT: String(options.ingress?.port ?? 0),
  };
  if (options.verifyToken !== undefined) env.VERIFY_TOKEN = options.verifyToken;
  return env;
}

function redisEnv(options: PipelineOptions): NodeJS.ProcessEnv {
  return {
    REDIS_URL: options.redisUrl,
    REDIS_KEY_PREFIX: options.redisKeyPrefix,
  };
}

function mediaEnv(options: PipelineOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    GRAPH_API_BASE_URL: options.graphApi.baseUrl,
    GRAPH_ACCESS_TOKEN: options.graphApi.accessToken,
    MEDIA_STORAGE: 'local',
    MEDIA_DIR: options.mediaDir,
  };
  if (options.graphApi.version) {
    env.GRAPH_API_VERSION = options.graphApi.version;
  }
  return env;
}

/** The consumer group a stage joins for one topic prefix. */
export function consumerGroup(prefix: string, service: ServiceName): string {
  return `${prefix}wapipe-${service}`;
}
