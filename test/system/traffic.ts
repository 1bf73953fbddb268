import { signBody } from '@wapipe/testing';

export const SECRET = 'system-test-secret';

/** A body with one inbound text message, wamid made from `tag` and `n`. */
export function messageBody(tag: string, n: number): Buffer {
  const wamid = `wamid.${tag}.${n}`;
  return Buffer.from(
    JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000001',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: {
                  display_phone_number: '15550000001',
                  phone_number_id: '200000000000001',
                },
                contacts: [
                  { wa_id: `1555123${n % 10}`, profile: { name: 'Test User' } },
                ],
                messages: [
                  {
                    from: `1555123${n % 10}`,
                    id: wamid,
                    timestamp: '1781000000',
                    type: 'text',
                    text: { body: `message ${n}` },
                  },
                ],
              },
            },
          ],
        },
      ],
    }),
  );
}

/** POSTs signed bodies with `concurrency` in flight; returns the statuses. */
export async function sendAll(
  url: string,
  bodies: Buffer[],
  concurrency: number,
  secret = SECRET,
): Promise<number[]> {
  const statuses: number[] = new Array(bodies.length);
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) {
      const i = next++;
      const body = bodies[i] as Buffer;
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-hub-signature-256': signBody(body, secret),
        },
        body,
      });
      statuses[i] = res.status;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return statuses;
}

/** wamid of each inbound-message record value. */
export function wamids(values: (string | null)[]): string[] {
  return values.map((v) => (JSON.parse(v ?? '{}') as { wamid: string }).wamid);
}

/** Environment for services of one test run, on the local stack. */
export function runEnv(prefix: string, overrides: Record<string, string> = {}) {
  return {
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '',
    REDIS_URL: process.env.REDIS_URL ?? '',
    REDIS_KEY_PREFIX: prefix,
    TOPIC_PREFIX: prefix,
    KAFKA_TOPIC_PARTITIONS: '3',
    MANAGEMENT_PORT: '0',
    LOG_LEVEL: 'warn',
    APP_SECRETS: SECRET,
    PORT: '0',
    HOST: '127.0.0.1',
    ...overrides,
  };
}
