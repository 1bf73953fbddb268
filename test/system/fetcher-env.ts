/** What a media fetcher needs to run in its own namespace of one test. */
export interface FetcherEnvOptions {
  /** Topic prefix `${run}.`, Redis key prefix and consumer group. */
  run: string;
  graphApiBaseUrl: string;
  accessToken: string;
  /** Tuning and storage variables of the test. */
  env?: Record<string, string>;
}

/**
 * The environment a media fetcher Deployment would get, pointed at the
 * test stack (globalSetup exports KAFKA_BROKERS and REDIS_URL).
 */
export function fetcherEnv(options: FetcherEnvOptions): Record<string, string> {
  return {
    KAFKA_BROKERS: requiredEnv('KAFKA_BROKERS'),
    REDIS_URL: requiredEnv('REDIS_URL'),
    TOPIC_PREFIX: `${options.run}.`,
    KAFKA_TOPIC_PARTITIONS: '3',
    REDIS_KEY_PREFIX: options.run,
    // A group of its own: a shared one would skip this run's records.
    CONSUMER_GROUP: `${options.run}-media-fetcher`,
    GRAPH_API_BASE_URL: options.graphApiBaseUrl,
    GRAPH_ACCESS_TOKEN: options.accessToken,
    LOG_LEVEL: 'info',
    ...options.env,
  };
}

export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run under the stack`);
  return value;
}

export function brokersFromEnv(): string[] {
  return requiredEnv('KAFKA_BROKERS').split(',');
}
