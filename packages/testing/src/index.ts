// Public surface of @wapipe/testing: the local Kafka + Redis stack.
export {
  ensureStack,
  restartRedis,
  startKafka,
  stopKafka,
  stopStack,
} from './stack/stack.ts';
export type { EnsureStackOptions, StackEndpoints } from './stack/stack.ts';
export { stackStatus } from './stack/status.ts';
export type { ComponentStatus } from './stack/status.ts';
export { envFile, stateFile } from './stack/state.ts';
export { REPO_ROOT, sharedDir } from './shared-dir.ts';
export { loadCorpus, type CorpusBody } from './corpus.ts';
export { signBody } from './signing.ts';
export { readTopics, type ReadRecord } from './kafka-reader.ts';
