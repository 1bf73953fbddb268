import type { Kafka } from 'kafkajs';
import { PeriodicCheck } from '@wapipe/telemetry';

/**
 * Readiness of the Kafka side: a metadata round trip every few seconds
 * over an admin connection of its own, without kafkajs' own retries.
 */
export function brokerCheck(kafka: Kafka): PeriodicCheck {
  const admin = kafka.admin({ retry: { retries: 0 } });
  let connected = false;
  return new PeriodicCheck(
    async () => {
      if (!connected) {
        await admin.connect();
        connected = true;
      }
      await admin.describeCluster().catch(async (error: unknown) => {
        connected = false;
        await admin.disconnect().catch(() => undefined);
        throw error;
      });
    },
    {
      intervalMs: 5_000,
      timeoutMs: 3_000,
      close: () => admin.disconnect(),
    },
  );
}
