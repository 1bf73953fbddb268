import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mediaStoredRecord, type MediaStoredRecord } from '@wapipe/contracts';
import type { GraphCall } from '@wapipe/testing';
import type { CollectedRecord } from './output-collector.ts';
import {
  mapProcessedRecord,
  type LogicalRecord,
  type ProcessedTopic,
} from './record-mapping.ts';
import type { SentResponse } from './send-request.ts';

/** A media-stored record, plus what is really in the store. */
export interface StoredMediaView {
  mediaId: string;
  wamid: string;
  storageKey: string;
  sha256: string;
  size: number;
  mimeType: string;
  extension: string;
  file: FileFacts | undefined;
}

export interface FileFacts {
  path: string;
  /** False when the key resolved outside the media directory. */
  insideDir: boolean;
  sha256: string;
  size: number;
}

export interface DeadLetterView {
  stage: string;
  reason: string;
  detail: string;
}

/** Everything the expectations of one run are checked against. */
export interface Observation {
  responses: SentResponse[];
  records: LogicalRecord[];
  /** wamid → `current_status` of its latest status record. */
  statusView: Map<string, string>;
  media: StoredMediaView[];
  /** Every file in the media directory, whoever wrote it. */
  mediaFiles: FileFacts[];
  deadLetters: DeadLetterView[];
  graphCalls: GraphCall[];
  /** Processed records that break their topic's schema. */
  contractIssues: string[];
}

const PROCESSED = new Set<string>([
  'inboundMessages',
  'messageStatuses',
  'accountEvents',
]);

/** Builds the observation from what the outputs held at this moment. */
export function observe(input: {
  responses: SentResponse[];
  collected: readonly CollectedRecord[];
  graphCalls: readonly GraphCall[];
  mediaDir: string;
}): Observation {
  const records: LogicalRecord[] = [];
  const contractIssues: string[] = [];
  for (const item of input.collected) {
    if (!PROCESSED.has(item.topic)) continue;
    const mapped = mapProcessedRecord(item.topic as ProcessedTopic, item.value);
    if (mapped.record) records.push(mapped.record);
    if (mapped.contractIssue) contractIssues.push(mapped.contractIssue);
  }
  const media = storedMedia(input.collected, input.mediaDir, contractIssues);
  return {
    responses: input.responses,
    records,
    statusView: statusView(records),
    media,
    mediaFiles: filesUnder(input.mediaDir),
    deadLetters: deadLetters(input.collected),
    graphCalls: [...input.graphCalls],
    contractIssues,
  };
}

function statusView(records: LogicalRecord[]): Map<string, string> {
  const view = new Map<string, string>();
  for (const record of records) {
    if (record.kind !== 'status') continue;
    view.set(String(record.wamid), String(record.current_status));
  }
  return view;
}

function storedMedia(
  collected: readonly CollectedRecord[],
  mediaDir: string,
  contractIssues: string[],
): StoredMediaView[] {
  return collected
    .filter((item) => item.topic === 'mediaStored')
    .map((item) => {
      const parsed = mediaStoredRecord.safeParse(item.value);
      if (!parsed.success) {
        contractIssues.push('mediaStored record breaks its schema');
      }
      const value = (parsed.data ?? item.value) as MediaStoredRecord;
      return {
        mediaId: value.mediaId,
        wamid: value.wamid,
        storageKey: value.storageKey,
        sha256: value.sha256,
        size: value.size,
        mimeType: value.mimeType,
        extension: value.extension,
        file: storedFile(value.storageUri, value.storageKey, mediaDir),
      };
    });
}

function storedFile(
  uri: string,
  key: string,
  mediaDir: string,
): FileFacts | undefined {
  const path = uri?.startsWith('file:')
    ? fileURLToPath(uri)
    : resolve(mediaDir, key ?? '');
  if (!existsSync(path)) return undefined;
  return fileFacts(path, mediaDir);
}

function filesUnder(dir: string): FileFacts[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fileFacts(join(entry.parentPath, entry.name), dir));
}

function fileFacts(path: string, dir: string): FileFacts {
  const bytes = readFileSync(path);
  const root = resolve(dir);
  return {
    path: relative(root, path),
    insideDir: resolve(path).startsWith(root + sep),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  };
}

function deadLetters(collected: readonly CollectedRecord[]): DeadLetterView[] {
  return collected
    .filter((item) => item.topic === 'dlq')
    .map((item) => {
      const value = (item.value ?? {}) as Partial<DeadLetterView>;
      return {
        stage: String(value.stage),
        reason: String(value.reason),
        detail: String(value.detail),
      };
    });
}
