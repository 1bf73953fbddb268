import type { Context } from '@opentelemetry/api';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { Logger } from '@wapipe/telemetry';
import type { ConcurrencyLimit } from './concurrency-limit.ts';
import {
  handleMediaRequest,
  type HandlerDeps,
} from './handle-media-request.ts';
import { instrumented } from './instrumented.ts';
import type { DownloadOutcome, MediaMetrics } from './metrics.ts';
import { OffsetTracker } from './offset-tracker.ts';

const HEARTBEAT_MS = 3_000;

export interface BatchDeps {
  limit: ConcurrencyLimit;
  handler: HandlerDeps;
  metrics: MediaMetrics;
  logger: Logger;
  /** Aborted when shutdown stops waiting for in-flight work. */
  signal: AbortSignal;
  /** True once shutdown began: queued records are handed back unstarted. */
  isDraining: () => boolean;
  /** Awaited before each record: lets tests stall the stage. */
  beforeEach?: (() => Promise<void>) | undefined;
}

/**
 * Handles a batch's records concurrently (within the pod-wide limit) and
 * resolves offsets only up to the first record still unfinished, each
 * after its output was acknowledged: at-least-once. An outage fails the
 * batch once every record settled; kafkajs then backs off and refetches
 * from the last resolved offset.
 */
export async function processBatch(
  deps: BatchDeps,
  payload: EachBatchPayload,
): Promise<void> {
  const offsets = payload.batch.messages.map((message) => message.offset);
  const tracker = new OffsetTracker(offsets);
  const stopHeartbeat = heartbeatWhileBusy(payload);
  try {
    const results = await Promise.allSettled(
      payload.batch.messages.map((m) => processOne(deps, payload, tracker, m)),
    );
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    stopHeartbeat();
  }
}

async function processOne(
  deps: BatchDeps,
  payload: EachBatchPayload,
  tracker: OffsetTracker,
  message: KafkaMessage,
): Promise<void> {
  const outcome = await deps.limit.run(async () => {
    await deps.beforeEach?.();
    return deps.isDraining()
      ? 'handed_back'
      : handleOne(deps, payload, message);
  });
  if (outcome === 'handed_back') return;
  const committable = tracker.finish(message.offset);
  if (committable === undefined) return;
  payload.resolveOffset(committable);
  await payload.commitOffsetsIfNecessary().catch((error: unknown) => {
    // Resolved offsets are committed with the next commit or on stop.
    deps.logger.warn({ err: error }, 'offset commit failed');
  });
}

async function handleOne(
  deps: BatchDeps,
  payload: EachBatchPayload,
  message: KafkaMessage,
): Promise<DownloadOutcome> {
  const { topic, partition } = payload.batch;
  const logger = deps.logger.child({
    topic,
    partition,
    offset: message.offset,
  });
  const origin = {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString('utf8') ?? null,
    value: message.value,
  };
  const run = (traceContext: Context) =>
    handleMediaRequest(
      deps.handler,
      { origin, headers: message.headers, traceContext, logger },
      deps.signal,
    );
  return instrumented(deps.metrics, message.headers, run).catch(
    (error: unknown) => {
      logger.error({ err: error }, 'media request failed');
      throw error;
    },
  );
}

// Downloads can outlast the session timeout; a rebalance rejects the
// heartbeat, which is fine: the batch finishes and kafkajs rejoins.
function heartbeatWhileBusy(payload: EachBatchPayload): () => void {
  const timer = setInterval(() => {
    payload.heartbeat().catch(() => undefined);
  }, HEARTBEAT_MS);
  return () => clearInterval(timer);
}
