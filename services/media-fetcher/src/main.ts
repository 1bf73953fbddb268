// Process entry point: configuration, telemetry, the management server,
// the fetcher, and an ordered shutdown on SIGTERM/SIGINT.
import { ConfigError } from '@wapipe/config';
import {
  buildManagementServer,
  createLogger,
  startTracing,
  type Logger,
} from '@wapipe/telemetry';
import { loadMediaFetcherConfig, type MediaFetcherConfig } from './config.ts';
import { buildMediaFetcher, SERVICE_NAME } from './media-fetcher.ts';

const config = configOrExit();
const logger = createLogger({ service: SERVICE_NAME, level: config.LOG_LEVEL });
const tracing = startTracing({
  service: SERVICE_NAME,
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
});
const fetcher = buildMediaFetcher(config, { logger });
const management = buildManagementServer({
  registry: fetcher.registry,
  isReady: () => fetcher.isReady(),
});

await management.listen({
  port: config.MANAGEMENT_PORT,
  host: config.MANAGEMENT_HOST,
});
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
try {
  await fetcher.start();
  logger.info('media fetcher started');
} catch (error) {
  logger.fatal({ err: error }, 'start failed');
  await shutdown('start-failure', 1);
}

function configOrExit(): MediaFetcherConfig {
  try {
    return loadMediaFetcherConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const issue of error.issues) process.stderr.write(`${issue}\n`);
    process.exit(1);
  }
}

// Stop consuming first (finishing or handing back in-flight media), then
// the management server, then flush traces; a second signal is ignored.
async function shutdown(reason: string, exitCode = 0): Promise<void> {
  logger.info({ reason }, 'shutting down');
  const deadline = setTimeout(() => {
    logger.error('shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  deadline.unref();
  await step(logger, 'fetcher stop failed', () => fetcher.stop());
  await step(logger, 'management close failed', () => management.close());
  await tracing.shutdown();
  process.exit(exitCode);
}

async function step(
  log: Logger,
  message: string,
  run: () => Promise<unknown>,
): Promise<void> {
  try {
    await run();
  } catch (error) {
    log.error({ err: error }, message);
  }
}
