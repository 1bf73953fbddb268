import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCorpus,
  readTopics,
  startFakeGraphApi,
  type ReadRecord,
} from '@wapipe/testing';
import {
  startPipeline,
  type RunningPipeline,
} from '../pipeline/start-pipeline.ts';
import { sendAll } from './traffic.ts';
import { startTracing, type Tracing } from '@wapipe/telemetry';

// The whole reference corpus, twice, shuffled, six requests at a time:
// every message, status and event must come out exactly once.

const { appSecret, bodies } = loadCorpus();
const prefix = `corpus-${randomUUID().slice(0, 8)}.`;
let pipeline: RunningPipeline;
let tracing: Tracing;
let graph: Awaited<ReturnType<typeof startFakeGraphApi>>;

beforeAll(async () => {
  // As in main.ts: spans get ids of their own even when none are exported.
  tracing = startTracing({ service: 'corpus-test' });
  graph = await startFakeGraphApi({ accessToken: 'corpus-token' });
  pipeline = await startPipeline({
    kafkaBrokers: (process.env.KAFKA_BROKERS ?? '').split(','),
    redisUrl: process.env.REDIS_URL ?? '',
    topicPrefix: prefix,
    redisKeyPrefix: prefix,
    appSecrets: [appSecret],
    graphApi: { baseUrl: graph.baseUrl, accessToken: 'corpus-token' },
    mediaDir: mkdtempSync(join(tmpdir(), 'wapipe-corpus-')),
    logLevel: 'error',
  });
});
afterAll(async () => {
  await pipeline.stop();
  await tracing.shutdown();
  await graph.close();
});

interface Expected {
  messages: Map<string, string>; // identity -> type
  statuses: Set<string>;
  events: number;
}

/** What the corpus should produce, read straight from Meta's JSON. */
function expectedFromCorpus(): Expected {
  const out: Expected = { messages: new Map(), statuses: new Set(), events: 0 };
  for (const body of bodies) {
    const json = JSON.parse(body.raw.toString()) as {
      entry: { changes: { field: string; value: Record<string, unknown> }[] }[];
    };
    for (const change of json.entry.flatMap((e) => e.changes))
      collect(out, change);
  }
  return out;
}

function collect(
  out: Expected,
  change: { field: string; value: Record<string, unknown> },
): void {
  if (change.field !== 'messages') {
    out.events++;
    return;
  }
  const pnid = (change.value.metadata as { phone_number_id: string })
    .phone_number_id;
  for (const m of (change.value.messages ?? []) as {
    id: string;
    type: string;
  }[]) {
    out.messages.set(`${pnid}/${m.id}`, m.type);
  }
  for (const s of (change.value.statuses ?? []) as {
    id: string;
    status: string;
  }[]) {
    out.statuses.add(`${s.id}/${s.status}`);
  }
}

function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

const parse = (records: ReadRecord[], topic: string) =>
  records
    .filter((r) => r.topic === topic)
    .map((r) => JSON.parse(r.value ?? '{}') as Record<string, unknown>);

describe('the pipeline given the whole corpus twice, shuffled', () => {
  it('publishes every message, status and event exactly once', async () => {
    const expected = expectedFromCorpus();
    const twice = shuffled([...bodies, ...bodies], 7);
    const statuses = await sendAll(
      pipeline.webhookUrl,
      twice.map((b) => b.raw),
      6,
      appSecret,
    );
    expect(statuses.every((s) => s === 200)).toBe(true);

    const total =
      expected.messages.size + expected.statuses.size + expected.events;
    const { inboundMessages, messageStatuses, accountEvents } = pipeline.topics;
    const records = await readTopics({
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      topics: [inboundMessages, messageStatuses, accountEvents],
      until: (r) => r.length >= total,
      timeoutMs: 90_000,
      settleMs: 3_000,
    });

    const messages = parse(records, inboundMessages).map(
      (m) => `${String(m.phoneNumberId)}/${String(m.wamid)}`,
    );
    expect(messages.sort()).toEqual([...expected.messages.keys()].sort());
    const seenStatuses = parse(records, messageStatuses).map(
      (s) => `${String(s.wamid)}/${String(s.status)}`,
    );
    expect(seenStatuses.sort()).toEqual([...expected.statuses].sort());
    expect(
      parse(records, accountEvents).filter((e) => e.kind === 'event'),
    ).toHaveLength(expected.events);
  });

  it('gives each message its type and its sender as Meta sent them', async () => {
    const records = await readTopics({
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      topics: [pipeline.topics.inboundMessages],
      until: (r) => r.length > 0,
    });
    const expected = expectedFromCorpus().messages;
    for (const m of parse(records, pipeline.topics.inboundMessages)) {
      const original = m.original as { from?: string; type: string };
      expect(m.type).toBe(
        expected.get(`${String(m.phoneNumberId)}/${String(m.wamid)}`),
      );
      expect(m.from ?? undefined).toBe(original.from);
    }
  });

  it('ends the out-of-order statuses in their furthest state', async () => {
    const records = await readTopics({
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      topics: [pipeline.topics.messageStatuses],
      until: (r) => r.length > 0,
    });
    const last = new Map<string, string>();
    for (const s of parse(records, pipeline.topics.messageStatuses)) {
      last.set(String(s.wamid), String(s.currentStatus));
    }
    expect(last.get('wamid.TESTMSGOUT0020')).toBe('read');
  });

  it("continues each webhook's trace through every topic", async () => {
    const { webhooks, inboundMessages } = pipeline.topics;
    const records = await readTopics({
      brokers: (process.env.KAFKA_BROKERS ?? '').split(','),
      topics: [webhooks, inboundMessages],
      until: (r) => r.some((x) => x.topic === inboundMessages),
    });
    const traceOf = (r: ReadRecord) => r.headers.traceparent?.split('-');
    // Each body was delivered twice: either delivery's trace may win.
    const ingressed = new Map<string | undefined, string[][]>();
    for (const r of records.filter((x) => x.topic === webhooks)) {
      const id = r.headers['webhook-id'];
      ingressed.set(id, [...(ingressed.get(id) ?? []), traceOf(r) ?? []]);
    }
    for (const r of records.filter((x) => x.topic === inboundMessages)) {
      const [, traceId, spanId] = traceOf(r) ?? [];
      const origin = ingressed
        .get(r.headers['webhook-id'])
        ?.find(([, trace]) => trace === traceId);
      expect(origin, 'a trace started by the ingress').toBeDefined();
      expect(spanId).not.toBe(origin?.[2]);
    }
  });
});
