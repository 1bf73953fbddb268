export { buildProcessor, type ProcessorService } from './build-processor.ts';
export {
  loadProcessorConfig,
  processorEnv,
  type ProcessorConfig,
} from './config.ts';
export { normaliseMessage } from './normalise/normalise-message.ts';
export { normaliseStatus } from './normalise/normalise-status.ts';
export { identityKey } from './identity.ts';
export { PROCESSOR_METRIC } from './metrics.ts';
