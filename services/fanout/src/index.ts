export { buildFanout, type FanoutService } from './build-fanout.ts';
export { loadFanoutConfig, fanoutEnv, type FanoutConfig } from './config.ts';
export {
  splitChange,
  type SplitOutput,
  type SplitResult,
} from './split-change.ts';
export { FANOUT_METRIC } from './metrics.ts';
