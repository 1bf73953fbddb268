import { runService } from '@wapipe/telemetry';
import { buildProcessor } from './build-processor.ts';
import { loadProcessorConfig } from './config.ts';

await runService({
  service: 'processor',
  loadConfig: () => loadProcessorConfig(),
  build: (config, logger) => buildProcessor(config, { logger }),
});
