// Vitest globalSetup for any package that needs the real stack:
//   test: { globalSetup: ['../testing/src/stack/global-setup.ts'] }
// Runs once before the workers start, so the env it sets is inherited.
import { ensureStack } from './stack.ts';

export default async function setup(): Promise<void> {
  const { kafkaBrokers, redisUrl } = await ensureStack();
  process.env.KAFKA_BROKERS = kafkaBrokers.join(',');
  process.env.REDIS_URL = redisUrl;
  // The stack is deliberately left running: the next run reuses it.
}
