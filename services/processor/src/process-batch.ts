import { randomUUID } from 'node:crypto';
import type { Batch, KafkaMessage, Message } from 'kafkajs';
import type { TopicNames } from '@wapipe/contracts';
import {
  deadLetterMessage,
  sendInChunks,
  type BatchSender,
} from '@wapipe/kafka';
import type { Logger } from '@wapipe/telemetry';
import { buildOutputs, type Output } from './build-outputs.ts';
import type { DedupeStore } from './dedupe-store.ts';
import { ClaimBusyError } from './errors.ts';
import { identityKey, participantOf, statusStateKey } from './identity.ts';
import type { ProcessorMetrics } from './metrics.ts';
import { parseInput } from './parse-input.ts';
import { withAttempts } from './with-attempts.ts';
import type { StatusState, StatusUpdate } from './status-state.ts';
import type { SplitRecord } from '@wapipe/contracts';

export interface ProcessDeps {
  /** Shared with the partition batches running alongside (LingerProducer). */
  producer: BatchSender;
  store: DedupeStore;
  state: StatusState;
  topics: TopicNames;
  keyPrefix: string;
  metrics: ProcessorMetrics;
  logger: Logger;
  attempts: { max: number; baseMs: number };
  beforeEach?: (() => Promise<void>) | undefined;
}

// One fetch (1 MiB) grows to about twice that: a single chunk in practice,
// split only so that no batch can outgrow what a produce may carry.
const PRODUCE_CHUNK_BYTES = 8 * 1024 * 1024;

interface Item {
  message: KafkaMessage;
  record: SplitRecord;
  key: string;
}

/**
 * One partition batch, in order: claim every identity, move status
 * states, publish all outputs in one acks=all produce, then mark done.
 * A throw before the produce releases the claims, so the batch retry
 * starts clean; after the produce only the done marks remain to write.
 */
export async function processBatch(
  batch: Batch,
  deps: ProcessDeps,
): Promise<void> {
  const token = randomUUID();
  const { items, invalid } = parseAll(batch.messages, deps.keyPrefix);
  const claimed = await claimAll(items, token, deps);
  let outputs: Output[];
  try {
    outputs = await outputsFor(batch, claimed, invalid, deps);
    await sendInChunks(deps.producer, byTopic(outputs), PRODUCE_CHUNK_BYTES);
  } catch (error) {
    await releaseAll(claimed, token, deps.store);
    throw error;
  }
  await markAllDone(claimed, token, deps);
  countProcessed(claimed, deps.metrics);
}

function parseAll(messages: KafkaMessage[], keyPrefix: string) {
  const items: Item[] = [];
  const invalid: { message: KafkaMessage; detail: string }[] = [];
  for (const message of messages) {
    const parsed = parseInput(message);
    if (parsed.ok)
      items.push({
        message,
        record: parsed.record,
        key: identityKey(keyPrefix, parsed.record),
      });
    else invalid.push({ message, detail: parsed.detail });
  }
  return { items, invalid };
}

async function claimAll(
  items: Item[],
  token: string,
  deps: ProcessDeps,
): Promise<Item[]> {
  const stopTimer = deps.metrics.dedupeDuration.startTimer();
  // In input order, so of two copies in one batch the first claims and
  // the second finds our own token: a duplicate.
  const results = await deps.store.claimAll(
    items.map((item) => item.key),
    token,
  );
  stopTimer();
  const claimed = items.filter((_, i) => results[i] === 'claimed');
  const busy = items.find((_, i) => results[i] === 'busy');
  if (busy) {
    await releaseAll(claimed, token, deps.store);
    throw new ClaimBusyError();
  }
  items.forEach((item, i) => {
    if (results[i] === 'duplicate')
      deps.metrics.records.inc({
        kind: item.record.kind,
        outcome: 'duplicate',
      });
  });
  return claimed;
}

async function outputsFor(
  batch: Batch,
  claimed: Item[],
  invalid: { message: KafkaMessage; detail: string }[],
  deps: ProcessDeps,
): Promise<Output[]> {
  const outputs: Output[] = invalid.map(({ message, detail }) =>
    deadLetter(batch, message, 'WAP_PROCESSOR_INVALID_RECORD', detail, 1, deps),
  );
  deps.metrics.records.inc(
    { kind: 'invalid', outcome: 'dead_lettered' },
    invalid.length,
  );
  const states = await currentStatuses(claimed, deps);
  for (const [i, item] of claimed.entries()) {
    await deps.beforeEach?.();
    outputs.push(...(await itemOutputs(batch, item, states[i] ?? null, deps)));
  }
  return outputs;
}

// Moves each status's delivery state in input order. A Redis failure
// here is an outage, not a bad record: it throws and the batch waits.
async function currentStatuses(
  claimed: Item[],
  deps: ProcessDeps,
): Promise<(string | null)[]> {
  const updates: StatusUpdate[] = [];
  const at: number[] = [];
  claimed.forEach(({ record }, i) => {
    if (record.kind !== 'status') return;
    const id = String(record.status.id);
    const participant = participantOf(record.status);
    const key = statusStateKey(deps.keyPrefix, id, participant);
    updates.push({ key, status: String(record.status.status) });
    at.push(i);
  });
  const states: (string | null)[] = claimed.map(() => null);
  const applied = await deps.state.applyAll(updates);
  applied.forEach((state, i) => (states[at[i] as number] = state));
  return states;
}

async function itemOutputs(
  batch: Batch,
  item: Item,
  currentStatus: string | null,
  deps: ProcessDeps,
): Promise<Output[]> {
  const source = { key: item.message.key, headers: item.message.headers };
  const result = await withAttempts(deps.attempts, () =>
    buildOutputs(item.record, source, { topics: deps.topics, currentStatus }),
  );
  if (result.ok) {
    if (result.attempts > 1)
      deps.metrics.records.inc({ kind: item.record.kind, outcome: 'retried' });
    return result.value;
  }
  deps.logger.error(
    { err: result.error, offset: item.message.offset, kind: item.record.kind },
    'record dead-lettered',
  );
  deps.metrics.records.inc({
    kind: item.record.kind,
    outcome: 'dead_lettered',
  });
  const detail =
    result.error instanceof Error ? result.error.name : 'unknown error';
  return [
    deadLetter(
      batch,
      item.message,
      'WAP_PROCESSOR_RECORD_FAILED',
      detail,
      result.attempts,
      deps,
    ),
  ];
}

function deadLetter(
  batch: Batch,
  message: KafkaMessage,
  reason: string,
  detail: string,
  attempts: number,
  deps: ProcessDeps,
): Output {
  const cause = { stage: 'processor' as const, reason, detail, attempts };
  const origin = { topic: batch.topic, partition: batch.partition, message };
  return { topic: deps.topics.dlq, message: deadLetterMessage(cause, origin) };
}

async function releaseAll(
  items: Item[],
  token: string,
  store: DedupeStore,
): Promise<void> {
  // Best effort: if Redis is the problem, the lease expires on its own.
  await Promise.all(items.map((item) => store.release(item.key, token))).catch(
    () => undefined,
  );
}

// The outputs are in Kafka: from here the only way to fail is to forget
// that, so the done marks are retried for as long as it takes.
async function markAllDone(
  items: Item[],
  token: string,
  deps: ProcessDeps,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.store.markAllDone(
        items.map((item) => item.key),
        token,
      );
      return;
    } catch (err) {
      deps.logger.warn(
        { err, attempt },
        'marking records done failed, retrying',
      );
      await new Promise((r) =>
        setTimeout(r, Math.min(5_000, 100 * 2 ** attempt)),
      );
    }
  }
}

function countProcessed(items: Item[], metrics: ProcessorMetrics): void {
  const now = Date.now();
  for (const { record } of items) {
    metrics.records.inc({ kind: record.kind, outcome: 'processed' });
    metrics.endToEnd.observe(
      { kind: record.kind },
      (now - Date.parse(record.receivedAt)) / 1e3,
    );
  }
}

function byTopic(outputs: Output[]) {
  const map = new Map<string, Message[]>();
  for (const { topic, message } of outputs) {
    const list = map.get(topic);
    if (list) list.push(message);
    else map.set(topic, [message]);
  }
  return [...map].map(([topic, messages]) => ({ topic, messages }));
}
