import { runService } from '@wapipe/telemetry';
import { buildIngress } from './build-ingress.ts';
import { loadIngressConfig } from './config.ts';

await runService({
  service: 'ingress',
  loadConfig: () => loadIngressConfig(),
  build: (config, logger) => buildIngress(config, { logger }),
});
