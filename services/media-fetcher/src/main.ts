// Process entry point: configuration, telemetry and ordered shutdown come
// from runService; the management server is opened first so probes
// answer (not ready) while Kafka and Redis are being reached.
import { buildManagementServer, runService } from '@wapipe/telemetry';
import { loadMediaFetcherConfig } from './config.ts';
import { buildMediaFetcher, SERVICE_NAME } from './media-fetcher.ts';

await runService({
  service: SERVICE_NAME,
  loadConfig: () => loadMediaFetcherConfig(process.env),
  build: (config, logger) => {
    const fetcher = buildMediaFetcher(config, { logger });
    const management = buildManagementServer({
      registry: fetcher.registry,
      isReady: () => fetcher.isReady(),
    });
    return {
      start: async () => {
        await management.listen({
          port: config.MANAGEMENT_PORT,
          host: config.MANAGEMENT_HOST,
        });
        await fetcher.start();
      },
      stop: async () => {
        await fetcher.stop();
        await management.close();
      },
    };
  },
});
