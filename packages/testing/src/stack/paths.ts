// Where the local stack keeps its files and which loopback ports it uses.
// Everything lives under <repo>/.stack (git-ignored) so that `down` plus
// `rm -rf .stack` is a complete reset, and nothing leaks into $HOME.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

/** Overridable so CI or a second checkout can keep a separate stack dir. */
export const stackDir =
  process.env.WAPIPE_STACK_DIR ?? join(repoRoot, '.stack');
export const logsDir = join(stackDir, 'logs');
export const binDir = join(stackDir, 'bin');

// Uncommon ports so a developer's own Kafka (9092) or Redis (6379) is never
// hijacked or confused with ours.
export const ports = {
  kafka: 19092,
  kafkaController: 19093,
  redis: 16379,
  s3: 18333,
  seaweedMaster: 19333,
  seaweedVolume: 18080,
  seaweedFiler: 18888,
} as const;

export const pidFile = (name: string): string => join(stackDir, `${name}.pid`);
export const logFile = (name: string): string => join(logsDir, `${name}.log`);
