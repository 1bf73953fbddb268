import { stackStatus } from '@wapipe/testing';

/** Pids of the local Kafka and Redis, when the stack runs them here. */
export async function stackPids(): Promise<{
  kafka: number | undefined;
  redis: number | undefined;
}> {
  const rows = await stackStatus();
  const pidOf = (prefix: string) =>
    rows.find((row) => row.name.startsWith(prefix) && row.pidAlive)?.pid;
  return { kafka: pidOf('kafka'), redis: pidOf('redis') };
}
