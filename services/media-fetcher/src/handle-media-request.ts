import type { Context } from '@opentelemetry/api';
import type { IHeaders } from 'kafkajs';
import {
  DEAD_LETTER_VERSION,
  MEDIA_RECORD_VERSION,
  type MediaRequestRecord,
} from '@wapipe/contracts';
import type { Logger } from '@wapipe/telemetry';
import { accessTokenFor } from './access-token.ts';
import { claimOrWait, renewWhileWorking } from './claim-lease.ts';
import type { MediaFetcherConfig } from './config.ts';
import {
  FetchAbortedError,
  InvalidMediaRequestError,
  MediaFetchError,
} from './errors.ts';
import { fetchMedia, type FetchDeps, type FetchResult } from './fetch-media.ts';
import type { Claim, MediaClaims } from './media-claims.ts';
import type { DownloadOutcome } from './metrics.ts';
import { deadLetterOf, storedRecordOf, type Origin } from './output-records.ts';
import { outputHeaders } from './output-headers.ts';
import { parseMediaRequest } from './parse-media-request.ts';
import type { Publisher } from './publisher.ts';
import type { MediaJob } from './store-media.ts';

export interface HandlerDeps {
  fetch: FetchDeps;
  claims: MediaClaims;
  publisher: Publisher;
  tokens: Pick<
    MediaFetcherConfig,
    'GRAPH_ACCESS_TOKEN' | 'GRAPH_ACCESS_TOKENS_BY_WABA'
  >;
  leaseMs: number;
}

/** One consumed record, with what the handler needs to answer for it. */
export interface Consumed {
  origin: Origin;
  headers: IHeaders | undefined;
  /** The fetch span's context, for `traceparent` on the outputs. */
  traceContext: Context;
  logger: Logger;
}

/**
 * Turns one media request into exactly one output: a media-stored record,
 * or a dead letter. Resolves with the outcome once that output is
 * acknowledged; 'handed_back' means nothing was written and the record
 * must stay uncommitted. Rejects on Redis/Kafka/store outages.
 */
export async function handleMediaRequest(
  deps: HandlerDeps,
  consumed: Consumed,
  signal: AbortSignal,
): Promise<DownloadOutcome> {
  let request: MediaRequestRecord;
  try {
    request = parseMediaRequest(consumed.origin.value);
  } catch (error) {
    if (!(error instanceof InvalidMediaRequestError)) throw error;
    await deadLetter(deps, consumed, { error, attempts: 0 }, null);
    return 'dead_lettered';
  }
  return underClaim(deps, consumed, request, signal);
}

async function underClaim(
  deps: HandlerDeps,
  consumed: Consumed,
  request: MediaRequestRecord,
  signal: AbortSignal,
): Promise<DownloadOutcome> {
  const key = deps.claims.keyOf(owner(request), request.mediaId);
  const claim = await claimOrWait(deps.claims, key, signal).catch(
    (error: unknown) => handedBackOr(error),
  );
  if (claim === 'handed_back') return claim;
  if (claim === 'done') return 'duplicate';
  const stop = renewWhileWorking(
    deps.claims,
    claim,
    deps.leaseMs,
    consumed.logger,
  );
  try {
    return await fetchAndPublish(deps, consumed, request, claim, signal);
  } catch (error) {
    await releaseQuietly(deps.claims, claim, consumed.logger);
    return handedBackOr(error);
  } finally {
    stop();
  }
}

async function fetchAndPublish(
  deps: HandlerDeps,
  consumed: Consumed,
  request: MediaRequestRecord,
  claim: Claim,
  signal: AbortSignal,
): Promise<DownloadOutcome> {
  const result = await fetchForRequest(deps, request, signal);
  if (!result.ok) {
    await deadLetter(deps, consumed, result, request);
    await deps.claims.release(claim);
    return 'dead_lettered';
  }
  const record = storedRecordOf(request, result.stored);
  const headers = outputHeaders(
    consumed.headers,
    request,
    MEDIA_RECORD_VERSION,
    consumed.traceContext,
  );
  // Keyed by phone number id, like the other per-number streams.
  await deps.publisher.stored(record, owner(request), headers);
  await deps.claims.markDone(claim);
  consumed.logger.info(
    {
      mediaId: request.mediaId,
      storageKey: result.stored.key,
      size: result.stored.size,
      attempts: result.attempts,
    },
    'media stored',
  );
  return result.stored.created ? 'stored' : 'already_stored';
}

async function fetchForRequest(
  deps: HandlerDeps,
  request: MediaRequestRecord,
  signal: AbortSignal,
): Promise<FetchResult> {
  let token: string;
  try {
    token = accessTokenFor(deps.tokens, request.wabaId);
  } catch (error) {
    if (!(error instanceof MediaFetchError)) throw error;
    return { ok: false, error, attempts: 0 };
  }
  return fetchMedia(deps.fetch, jobOf(request, token), signal);
}

// TODO: try the webhook's own `url` first to save a Graph call (§5.2); it
// needs an allowlist of Meta hosts before our bearer token goes to it.
function jobOf(request: MediaRequestRecord, token: string): MediaJob {
  return {
    mediaId: request.mediaId,
    owner: owner(request),
    phoneNumberId: request.phoneNumberId,
    token,
    webhookSha256: request.sha256,
    requestMime: request.mimeType,
    filename: request.filename,
  };
}

async function deadLetter(
  deps: HandlerDeps,
  consumed: Consumed,
  failure: { error: MediaFetchError; attempts: number },
  request: MediaRequestRecord | null,
): Promise<void> {
  const webhookId = request?.webhookId ?? null;
  const record = deadLetterOf(consumed.origin, failure, webhookId);
  const fallback = { webhookId, receivedAt: request?.receivedAt ?? null };
  const headers = outputHeaders(
    consumed.headers,
    fallback,
    DEAD_LETTER_VERSION,
    consumed.traceContext,
  );
  await deps.publisher.deadLetter(record, consumed.origin.key, headers);
  consumed.logger.warn(
    {
      reason: failure.error.code,
      attempts: failure.attempts,
      err: failure.error,
    },
    'media request dead-lettered',
  );
}

function owner(request: MediaRequestRecord): string {
  return request.phoneNumberId ?? request.wabaId;
}

function handedBackOr(error: unknown): 'handed_back' {
  if (error instanceof FetchAbortedError) return 'handed_back';
  throw error;
}

async function releaseQuietly(
  claims: MediaClaims,
  claim: Claim,
  logger: Logger,
): Promise<void> {
  await claims.release(claim).catch((error: unknown) => {
    // The lease runs out by itself; a redelivery then claims again.
    logger.warn({ err: error }, 'media claim release failed');
  });
}
