import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames, type MediaStoredRecord } from '@wapipe/contracts';
import { startFakeGraphApi, type FakeGraphApi } from '@wapipe/testing';
import {
  createPipelineTopics,
  deletePipelineTopics,
} from '../pipeline/pipeline-topics.ts';
import { eventually } from './eventually.ts';
import { brokersFromEnv, fetcherEnv } from './fetcher-env.ts';
import {
  spawnMediaFetcher,
  type FetcherProcess,
} from './media-fetcher-process.ts';
import {
  PHONE_NUMBER_ID,
  mediaRequest,
  produceMediaRequests,
} from './media-requests.ts';
import {
  MIB,
  readMemory,
  sampleMemory,
  type ProcessMemory,
} from './process-memory.ts';
import { fileDigest, readStoredMedia, sha256Hex } from './stored-media.ts';
import {
  startThrottledMediaServer,
  type ThrottledMediaServer,
  lookupPointingAt,
} from './throttled-media-server.ts';

// Meta's inbound limit is 100 MB (REFERENCE §14.3); this is a little more.
const VIDEO = randomBytes(100 * MIB);
const DIGEST = sha256Hex(VIDEO);
const MIME = 'video/mp4';
// Fast for a CDN, and slow enough to look at the disk half-way through.
const BYTES_PER_SECOND = 40 * MIB;
// A process that held the video would grow by at least the video. A
// streaming one grows by the chunks awaiting collection: V8 starts a GC
// once external memory grew by 64 MB (kExternalAllocationSoftLimit), and
// the growth measured 50-80 MiB for 25, 100 and 300 MiB files alike.
const GROWTH_LIMIT = VIDEO.length;
const TOKEN = 'TEST_ACCESS_TOKEN_LARGE_MEDIA';
const WARM_UP_ID = '930000000000001';
const VIDEO_ID = '930000000000002';

const run = `large-${randomUUID().slice(0, 8)}`;
const topics = topicNames(`${run}.`);
const brokers = brokersFromEnv();

let graph: FakeGraphApi;
let lookaside: ThrottledMediaServer;
let fetcher: FetcherProcess;
let mediaDir: string;
let stored: MediaStoredRecord[];
let halfway: { sent: number; onDisk: number };
let atRest: ProcessMemory;
let baseline: ProcessMemory;
let peak: ProcessMemory;
let samples: number[];

describe('media fetcher given a 100 MB video', () => {
  beforeAll(async () => {
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    lookaside = await startThrottledMediaServer({
      bytes: VIDEO,
      mimeType: MIME,
      accessToken: TOKEN,
      bytesPerSecond: BYTES_PER_SECOND,
    });
    graph.script([
      lookupPointingAt(lookaside.url, {
        id: VIDEO_ID,
        mime: MIME,
        sha256: DIGEST,
        size: VIDEO.length,
      }),
    ]);
    mediaDir = await mkdtemp(join(tmpdir(), 'wapipe-large-media-'));
    await createPipelineTopics(brokers, `${run}.`);
    fetcher = await spawnMediaFetcher(
      fetcherEnv({
        run,
        graphApiBaseUrl: graph.baseUrl,
        accessToken: TOKEN,
        env: { MEDIA_STORAGE: 'local', MEDIA_DIR: mediaDir },
      }),
    );
    await fetcher.ready();
    atRest = readMemory(fetcher.pid);
    await storeWarmUp();
    await storeVideo();
  }, 240_000);

  afterAll(async () => {
    await fetcher?.stop('SIGTERM');
    await graph?.close();
    await lookaside?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
    await deletePipelineTopics(brokers, `${run}.`);
  });

  it('stores the whole video once, with its sha256 and size', async () => {
    expect(stored.filter((r) => r.mediaId === VIDEO_ID)).toEqual([
      expect.objectContaining({
        sha256: DIGEST,
        size: VIDEO.length,
        extension: 'mp4',
        storageKey: `${PHONE_NUMBER_ID}/${DIGEST}.mp4`,
      }),
    ]);
    const path = join(mediaDir, PHONE_NUMBER_ID, `${DIGEST}.mp4`);
    expect(await fileDigest(path)).toEqual({
      sha256: DIGEST,
      size: VIDEO.length,
    });
    expect(lookaside.downloads).toEqual([
      expect.objectContaining({ completed: true, bytesSent: VIDEO.length }),
    ]);
  });

  it('writes it to disk while the bytes still arrive', () => {
    expect(halfway.sent).toBeLessThan(VIDEO.length);
    expect(halfway.onDisk).toBeGreaterThan(VIDEO.length / 4);
  });

  it('grows its resident memory by less than the video', () => {
    report();
    expect(samples.length).toBeGreaterThan(5);
    expect(peak.hwm - baseline.rss).toBeLessThan(GROWTH_LIMIT);
  });

  it('logs the stored media with its size', () => {
    expect(storedLine()).toMatchObject({ size: VIDEO.length, attempts: 1 });
  });
});

// A small download first loads every code path (undici, fs streams, the
// verifier), so the baseline is the process at work, not at rest.
async function storeWarmUp(): Promise<void> {
  graph.serveMedia(WARM_UP_ID, randomBytes(512 * 1024), MIME);
  await produceMediaRequests(brokers, topics.mediaRequests, [
    mediaRequest({ mediaId: WARM_UP_ID, mimeType: MIME }),
  ]);
  await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.length >= 1,
  });
  baseline = readMemory(fetcher.pid);
}

async function storeVideo(): Promise<void> {
  const sampler = sampleMemory(fetcher.pid);
  await produceMediaRequests(brokers, topics.mediaRequests, [
    mediaRequest({ mediaId: VIDEO_ID, mimeType: MIME }),
  ]);
  halfway = await whenHalfSent();
  stored = await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.some((r) => r.mediaId === VIDEO_ID),
    timeoutMs: 180_000,
  });
  peak = sampler.stop();
  samples = sampler.samples;
}

async function whenHalfSent(): Promise<{ sent: number; onDisk: number }> {
  const sent = await eventually(
    'half the video sent',
    () => {
      const bytes = lookaside.downloads[0]?.bytesSent ?? 0;
      return bytes >= VIDEO.length / 2 ? bytes : undefined;
    },
    { timeoutMs: 120_000, intervalMs: 10 },
  );
  return { sent, onDisk: await incomingBytes() };
}

// The local store writes into `.incoming/`, then links into place.
async function incomingBytes(): Promise<number> {
  const dir = join(mediaDir, '.incoming');
  const names = await readdir(dir);
  const sizes = await Promise.all(
    names.map(async (name) => (await stat(join(dir, name))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}

function storedLine() {
  return fetcher.logs.find(
    (log) => log.msg === 'media stored' && log.mediaId === VIDEO_ID,
  );
}

function report(): void {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
  const first = lookaside.downloads[0]?.startedAt ?? NaN;
  const took = Date.parse(String(storedLine()?.time)) - first;
  console.info(
    `[large-media] ${mib(VIDEO.length)} at ${mib(BYTES_PER_SECOND)}/s ` +
      `stored in ${took} ms; half sent, ${mib(halfway.onDisk)} on disk; ` +
      `fetcher RSS at rest ${mib(atRest.rss)}, after warm-up ` +
      `${mib(baseline.rss)}, sampled max ${mib(Math.max(...samples))}, ` +
      `VmHWM ${mib(peak.hwm)} (+${mib(peak.hwm - baseline.rss)}, ` +
      `${samples.length} samples)`,
  );
}
