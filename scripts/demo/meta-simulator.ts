import { signBody } from '../../packages/testing/src/index.ts';
import { sendRequest } from '../../test/cases/send-request.ts';

/** One POST as Meta would make it. */
export interface Delivery {
  body: Buffer;
  signature: string;
}

export interface SimulatorReport {
  /** Ingress answer times, milliseconds. */
  latencies: number[];
  /** HTTP status → count. */
  statuses: Map<number, number>;
  /** Bodies the ingress accepted (200), duplicates included. */
  accepted: Buffer[];
}

/**
 * Meta's side of the demo: the corpus once, some bodies again (Meta's
 * at-least-once delivery), a few several times at once (the concurrent
 * redelivery race) and a reordered status burst, all signed.
 */
export async function simulateMeta(
  webhookUrl: string,
  corpus: Delivery[],
  burst: Delivery[][],
): Promise<SimulatorReport> {
  const report: SimulatorReport = {
    latencies: [],
    statuses: new Map(),
    accepted: [],
  };
  const send = (delivery: Delivery) => post(webhookUrl, delivery, report);
  for (const delivery of corpus) await send(delivery);
  for (const delivery of corpus.filter((_, i) => i % 4 === 0)) {
    await send(delivery);
  }
  for (const delivery of corpus.slice(0, 3)) {
    await Promise.all([1, 2, 3, 4].map(() => send(delivery)));
  }
  // Messages in parallel; each message's statuses in their wrong order.
  await Promise.all(
    burst.map(async (sequence) => {
      for (const delivery of sequence) await send(delivery);
    }),
  );
  return report;
}

/** A body the simulator made up, signed the way Meta signs. */
export function signed(body: Buffer, appSecret: string): Delivery {
  return { body, signature: signBody(body, appSecret) };
}

async function post(
  url: string,
  delivery: Delivery,
  report: SimulatorReport,
): Promise<void> {
  const answer = await sendRequest(
    new URL(url),
    'POST',
    {
      'Content-Type': 'application/json',
      'User-Agent': 'facebookexternalua',
      'X-Hub-Signature-256': delivery.signature,
    },
    delivery.body,
  );
  report.latencies.push(answer.latencyMs);
  report.statuses.set(
    answer.status,
    (report.statuses.get(answer.status) ?? 0) + 1,
  );
  if (answer.status === 200) report.accepted.push(delivery.body);
}
