/** A hook awaited before each input record of one stage is handled. */
export type BeforeEach = () => Promise<void>;

export type ServiceName = 'ingress' | 'fanout' | 'processor' | 'media-fetcher';

/** What `startPipeline` needs; everything else takes the services' defaults. */
export interface PipelineOptions {
  kafkaBrokers: string[];
  redisUrl: string;
  /** Prepended to every topic name and consumer group: one run's namespace. */
  topicPrefix: string;
  redisKeyPrefix: string;
  appSecrets: string[];
  verifyToken?: string | undefined;
  graphApi: { baseUrl: string; accessToken: string; version?: string };
  mediaDir: string;
  /** Stall a stage's work while ingress and Kafka stay healthy. */
  beforeEach?: {
    fanout?: BeforeEach;
    processor?: BeforeEach;
    mediaFetcher?: BeforeEach;
  };
  /** pino level of every service; default `warn`. */
  logLevel?: string;
  /** Where the services' JSON logs go; default stderr. */
  logDestination?: number | string;
  /** Public ingress address; default 127.0.0.1 on a free port. */
  ingress?: { host?: string; port?: number };
  /** Management (metrics, probes) ports; default free ports. */
  managementPorts?: Partial<Record<ServiceName, number>>;
  /** Extra variables for every service, e.g. tuning for a test. */
  env?: Record<string, string>;
}
