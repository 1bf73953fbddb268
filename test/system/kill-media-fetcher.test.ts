import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames, type MediaStoredRecord } from '@wapipe/contracts';
import { startFakeGraphApi, type FakeGraphApi } from '@wapipe/testing';
import {
  createPipelineTopics,
  deletePipelineTopics,
} from '../pipeline/pipeline-topics.ts';
import { groupCaughtUp } from './consumer-group.ts';
import { eventually } from './eventually.ts';
import { brokersFromEnv, fetcherEnv, requiredEnv } from './fetcher-env.ts';
import {
  spawnMediaFetcher,
  type FetcherProcess,
} from './media-fetcher-process.ts';
import {
  PHONE_NUMBER_ID,
  mediaRequest,
  produceMediaRequests,
} from './media-requests.ts';
import { MIB } from './process-memory.ts';
import {
  readStoredMedia,
  sha256Hex,
  storedFiles,
  type StoredFile,
} from './stored-media.ts';
import {
  startThrottledMediaServer,
  type ThrottledMediaServer,
  lookupPointingAt,
} from './throttled-media-server.ts';

const TOKEN = 'TEST_ACCESS_TOKEN_KILL_MEDIA';
const MEDIA_ID = '950000000000001';
const MIME = 'video/mp4';
// 16 MiB at 4 MiB/s: four seconds in which to kill the download.
const BYTES = randomBytes(16 * MIB);
const DIGEST = sha256Hex(BYTES);
const KEY = `${PHONE_NUMBER_ID}/${DIGEST}.mp4`;
const LEASE_MS = 3_000;

const run = `kill-media-${randomUUID().slice(0, 8)}`;
const topics = topicNames(`${run}.`);
const brokers = brokersFromEnv();
const group = `${run}-media-fetcher`;

let graph: FakeGraphApi;
let lookaside: ThrottledMediaServer;
let redis: Redis;
let mediaDir: string;
let first: FetcherProcess;
let second: FetcherProcess;
let claimAtKill: { value: string | null; pttl: number };
let killedAt: number;
let stored: MediaStoredRecord[];
let storedAt: number;

describe('media fetcher killed with SIGKILL mid-download, then restarted', () => {
  beforeAll(async () => {
    lookaside = await startThrottledMediaServer({
      bytes: BYTES,
      mimeType: MIME,
      accessToken: TOKEN,
      bytesPerSecond: 4 * MIB,
    });
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    graph.script([
      lookupPointingAt(lookaside.url, {
        id: MEDIA_ID,
        mime: MIME,
        sha256: DIGEST,
        size: BYTES.length,
      }),
    ]);
    redis = new Redis(requiredEnv('REDIS_URL'));
    mediaDir = await mkdtemp(join(tmpdir(), 'wapipe-kill-media-'));
    await createPipelineTopics(brokers, `${run}.`);

    first = await spawnFetcher();
    await produceMediaRequests(brokers, topics.mediaRequests, [
      mediaRequest({ mediaId: MEDIA_ID, mimeType: MIME }),
    ]);
    await killOnceAQuarterIsThrough();
    second = await spawnFetcher();
    await untilStoredAndCommitted();
  }, 240_000);

  afterAll(async () => {
    await first?.stop('SIGKILL');
    await second?.stop('SIGTERM');
    await graph?.close();
    await lookaside?.close();
    await redis?.quit();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
    await deletePipelineTopics(brokers, `${run}.`);
  });

  it('was killed while the bytes were still arriving', () => {
    report();
    const [cut] = lookaside.downloads;
    expect(cut?.cutOff).toBe(true);
    expect(cut?.bytesSent).toBeLessThan(BYTES.length);
  });

  it('held a claim with a short lease at the kill', () => {
    expect(claimAtKill.value).toMatch(/^claim:/);
    expect(claimAtKill.pttl).toBeGreaterThan(0);
    expect(claimAtKill.pttl).toBeLessThanOrEqual(LEASE_MS);
  });

  it('downloads it again from the start, to the end', () => {
    expect(lookaside.downloads).toHaveLength(2);
    expect(lookaside.downloads[1]).toMatchObject({
      bytesSent: BYTES.length,
      completed: true,
    });
  });

  it('publishes exactly one media-stored record, complete and verified', () => {
    expect(stored).toEqual([
      expect.objectContaining({
        mediaId: MEDIA_ID,
        storageKey: KEY,
        sha256: DIGEST,
        size: BYTES.length,
      }),
    ]);
  });

  it('stores the file once, with every byte', async () => {
    const published = (await storedFiles(mediaDir)).filter(notTemporary);
    expect(published).toEqual([
      { key: KEY, sha256: DIGEST, size: BYTES.length },
    ]);
  });

  // The killed process never reached its own clean-up; the restarted one
  // must remove the partial copy of the user's media before it starts.
  it('leaves no partial temp file of the killed download', async () => {
    expect((await storedFiles(mediaDir)).filter(temporary)).toEqual([]);
  });

  it('marks the media done', async () => {
    expect(
      await redis.get(`${run}:media:{${PHONE_NUMBER_ID}:${MEDIA_ID}}`),
    ).toBe('done');
  });

  it('logs the store from the restarted process only', () => {
    const storedBy = (fetcher: FetcherProcess) =>
      fetcher.logs.filter((log) => log.msg === 'media stored');
    expect(storedBy(first)).toEqual([]);
    expect(storedBy(second)).toEqual([
      expect.objectContaining({ mediaId: MEDIA_ID, size: BYTES.length }),
    ]);
  });
});

function spawnFetcher(): Promise<FetcherProcess> {
  return spawnMediaFetcher(
    fetcherEnv({
      run,
      graphApiBaseUrl: graph.baseUrl,
      accessToken: TOKEN,
      env: {
        MEDIA_STORAGE: 'local',
        MEDIA_DIR: mediaDir,
        // A killed pod's claim must run out quickly for the restart.
        MEDIA_CLAIM_LEASE_MS: String(LEASE_MS),
      },
    }),
  );
}

async function killOnceAQuarterIsThrough(): Promise<void> {
  await eventually(
    'a quarter of the media downloaded',
    () => {
      const sent = lookaside.downloads[0]?.bytesSent ?? 0;
      return sent >= BYTES.length / 4 ? true : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 20 },
  );
  const key = `${run}:media:{${PHONE_NUMBER_ID}:${MEDIA_ID}}`;
  const [value, pttl] = await Promise.all([redis.get(key), redis.pttl(key)]);
  claimAtKill = { value, pttl };
  await first.stop('SIGKILL');
  killedAt = Date.now();
  await eventually('the cut-off download noticed', () =>
    lookaside.downloads[0]?.cutOff ? true : undefined,
  );
}

// The dead member keeps its partitions until its session (30 s) expires.
async function untilStoredAndCommitted(): Promise<void> {
  stored = await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.length >= 1,
    timeoutMs: 120_000,
  });
  storedAt = Date.now();
  await eventually(
    'media request committed',
    async () =>
      (await groupCaughtUp(brokers, group, topics.mediaRequests))
        ? true
        : undefined,
    { timeoutMs: 30_000, intervalMs: 250 },
  );
  stored = await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.length >= 1,
    settleMs: 1_000,
  });
}

function temporary(file: StoredFile): boolean {
  return file.key.split('/').some((part) => part.startsWith('.incoming'));
}

function notTemporary(file: StoredFile): boolean {
  return !temporary(file);
}

function report(): void {
  const [cut, full] = lookaside.downloads;
  const since = (at: number | undefined) => `${(at ?? NaN) - killedAt} ms`;
  console.info(
    `[kill-media-fetcher] killed at ${cut?.bytesSent} of ${BYTES.length} ` +
      `bytes; the restarted process began downloading ` +
      `${since(full?.startedAt)} after the kill; its record was read ` +
      `${since(storedAt)} after the kill`,
  );
}
