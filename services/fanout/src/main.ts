import { runService } from '@wapipe/telemetry';
import { buildFanout } from './build-fanout.ts';
import { loadFanoutConfig } from './config.ts';

await runService({
  service: 'fanout',
  loadConfig: () => loadFanoutConfig(),
  build: (config, logger) => buildFanout(config, { logger }),
});
