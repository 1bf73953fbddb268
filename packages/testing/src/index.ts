// Public surface of @wapipe/testing. The local stack (Kafka, Redis, S3) is
// documented in src/stack/README.md.
export {
  ensureStack,
  restartRedis,
  startKafka,
  stopKafka,
  stopStack,
} from './stack/stack.ts';
export type { EnsureStackOptions, StackEndpoints } from './stack/stack.ts';
export { ensureS3 } from './stack/s3.ts';
export type { S3Credentials } from './stack/s3.ts';
export { startRedisCluster, type RedisCluster } from './stack/redis-cluster.ts';
export { stackStatus } from './stack/status.ts';
export type { ComponentStatus } from './stack/status.ts';
export { envFile, stateFile } from './stack/state.ts';
export { REPO_ROOT, sharedDir } from './shared-dir.ts';
export { loadCorpus, type CorpusBody } from './corpus.ts';
export { signBody } from './signing.ts';
export { readTopics, type ReadRecord } from './kafka-reader.ts';
export {
  loadCases,
  requestBody,
  requestUrl,
  type CaseFile,
  type CaseRequest,
  type ResponseExpectation,
} from './cases/case-file.ts';
export * from './fake-graph-api/index.ts';
