import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { mediaStoredRecord, type MediaStoredRecord } from '@wapipe/contracts';
import { readTopics } from '@wapipe/testing';

/** A file in a local media directory, hashed by streaming it. */
export interface StoredFile {
  /** Path under the media directory with `/`, as a storage key. */
  key: string;
  sha256: string;
  size: number;
}

/**
 * The media-stored records of a topic, read from the beginning until
 * `until` holds (or the timeout), each checked against its contract.
 */
export async function readStoredMedia(options: {
  brokers: string[];
  topic: string;
  until: (stored: MediaStoredRecord[]) => boolean;
  timeoutMs?: number;
  settleMs?: number;
}): Promise<MediaStoredRecord[]> {
  const parse = (value: string | null) =>
    mediaStoredRecord.parse(JSON.parse(value ?? ''));
  const records = await readTopics({
    brokers: options.brokers,
    topics: [options.topic],
    until: (read) => options.until(read.map((r) => parse(r.value))),
    timeoutMs: options.timeoutMs ?? 60_000,
    settleMs: options.settleMs,
  });
  return records.map((r) => parse(r.value));
}

/** Every file under `dir`, temporary ones included, hashed. */
export async function storedFiles(dir: string): Promise<StoredFile[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile());
  return Promise.all(
    files.map(async (entry) => {
      const path = join(entry.parentPath, entry.name);
      const key = relative(dir, path).split(sep).join('/');
      return { key, ...(await fileDigest(path)) };
    }),
  );
}

/** SHA-256 (hex) and size of a file, without reading it into memory. */
export async function fileDigest(
  path: string,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(path), async (chunks) => {
    for await (const chunk of chunks as AsyncIterable<Buffer>) {
      size += chunk.length;
      hash.update(chunk);
    }
  });
  return { sha256: hash.digest('hex'), size };
}

/** SHA-256 of bytes in memory, hex. */
export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
