import { ConfigError } from '@wapipe/config';
import { createLogger, startTracing } from '@wapipe/telemetry';
import { buildIngress } from './build-ingress.ts';
import { loadIngressConfig } from './config.ts';

// Start-up and ordered shutdown; everything else lives in buildIngress.

const config = loadOrExit();
const logger = createLogger({ service: 'ingress', level: config.LOG_LEVEL });
const tracing = startTracing({
  service: 'wapipe-ingress',
  otlpEndpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
});
const ingress = buildIngress(config, { logger });

await ingress.start();
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => {
    logger.error('shutdown timed out');
    process.exit(1);
  }, config.SHUTDOWN_TIMEOUT_MS);
  try {
    await ingress.stop();
    await tracing.shutdown();
    clearTimeout(force);
    process.exit(0);
  } catch (err) {
    logger.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}

function loadOrExit() {
  try {
    return loadIngressConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.issues) process.stderr.write(`config: ${line}\n`);
    process.exit(1);
  }
}
