/** What every service of one measured phase shares. */
export interface StageContext {
  runDir: string;
  /** Prefixes log file names, e.g. `a-` for phase A. */
  label: string;
  kafkaBrokers: string[];
  redisUrl: string;
  /** Fresh per phase, so topics, groups and keys start empty. */
  prefix: string;
  partitions: number;
  /** Run every service with `--cpu-prof` into `runDir`. */
  profile?: boolean;
}

/** Where a profiled service writes its CPU profile. */
export const profileName = (ctx: StageContext, service: string): string =>
  `${ctx.label}${service}.cpuprofile`;

/** Environment every service reads (@wapipe/config common fields). */
export function commonEnv(
  ctx: StageContext,
  managementPort: number,
): Record<string, string> {
  return {
    KAFKA_BROKERS: ctx.kafkaBrokers.join(','),
    TOPIC_PREFIX: ctx.prefix,
    KAFKA_TOPIC_PARTITIONS: String(ctx.partitions),
    MANAGEMENT_PORT: String(managementPort),
    MANAGEMENT_HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
}
