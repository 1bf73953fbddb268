import { createLogger, type Logger } from './logger.ts';
import { startTracing } from './tracing.ts';

interface BaseConfig {
  LOG_LEVEL: string;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string | undefined;
  SHUTDOWN_TIMEOUT_MS: number;
}

interface Runnable {
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

/** A configuration error that names each bad variable on its own line. */
interface IssueList {
  issues: string[];
}

/**
 * The `main` of every service: config (one line per bad variable, exit 1),
 * tracing, start, then on SIGTERM/SIGINT an ordered stop bounded by
 * SHUTDOWN_TIMEOUT_MS. Exit 0 only when everything in flight was handed
 * over cleanly.
 */
export async function runService<C extends BaseConfig>(spec: {
  service: string;
  loadConfig: () => C;
  build: (config: C, logger: Logger) => Runnable;
}): Promise<void> {
  const config = loadOrExit(spec.loadConfig);
  const logger = createLogger({
    service: spec.service,
    level: config.LOG_LEVEL,
  });
  const tracing = startTracing({
    service: `wapipe-${spec.service}`,
    otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
  });
  const service = spec.build(config, logger);
  const stop = async () => {
    await service.stop();
    await tracing.shutdown();
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM', stop, logger, config));
  process.once('SIGINT', () => void shutdown('SIGINT', stop, logger, config));
  try {
    await service.start();
  } catch (err) {
    logger.fatal({ err }, 'start failed');
    await shutdown('start-failure', stop, logger, config, 1);
  }
}

async function shutdown(
  signal: string,
  stop: () => Promise<void>,
  logger: Logger,
  config: BaseConfig,
  exitCode = 0,
): Promise<void> {
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await stop();
    clearTimeout(force);
    process.exit(exitCode);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}

function loadOrExit<C>(load: () => C): C {
  try {
    return load();
  } catch (error) {
    const issues = (error as Partial<IssueList>).issues;
    if (!Array.isArray(issues)) throw error;
    for (const line of issues) process.stderr.write(`config: ${line}\n`);
    process.exit(1);
  }
}
