import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topicNames, type MediaStoredRecord } from '@wapipe/contracts';
import {
  startFakeGraphApi,
  type FakeGraphApi,
  type ServedMedia,
} from '@wapipe/testing';
import {
  createPipelineTopics,
  deletePipelineTopics,
} from '../pipeline/pipeline-topics.ts';
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
import { fileDigest, readStoredMedia } from './stored-media.ts';

// Meta's inbound limit is 100 MB (REFERENCE §14.3); this is a little more.
const VIDEO_BYTES = Number(process.env.X_MIB ?? 100) * MIB;
const PEAK_RSS_LIMIT = 200 * MIB;
const TOKEN = 'TEST_ACCESS_TOKEN_LARGE_MEDIA';
const WARM_UP_ID = '930000000000001';
const VIDEO_ID = '930000000000002';

const run = `large-${randomUUID().slice(0, 8)}`;
const topics = topicNames(`${run}.`);
const brokers = brokersFromEnv();

let graph: FakeGraphApi;
let fetcher: FetcherProcess;
let mediaDir: string;
let video: ServedMedia;
let stored: MediaStoredRecord[];
let baseline: ProcessMemory;
let peak: ProcessMemory;
let samples: number[];
let downloadMs: number;

describe('media fetcher given a 100 MB video', () => {
  beforeAll(async () => {
    graph = await startFakeGraphApi({ accessToken: TOKEN });
    mediaDir = await mkdtemp(join(tmpdir(), 'wapipe-large-media-'));
    await createPipelineTopics(brokers, `${run}.`);
    fetcher = await spawnMediaFetcher(
      fetcherEnv({
        run,
        graphApiBaseUrl: graph.baseUrl,
        accessToken: TOKEN,
        env: {
          MEDIA_STORAGE: 'local',
          MEDIA_DIR: mediaDir,
          MEDIA_MAX_BYTES: String(400 * MIB),
          MEDIA_DOWNLOAD_TIMEOUT_MS: '600000',
        },
      }),
    );
    await fetcher.ready();
    await storeWarmUp();
    await storeVideo();
  }, 240_000);

  afterAll(async () => {
    await fetcher?.stop('SIGTERM');
    await graph?.close();
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
    await deletePipelineTopics(brokers, `${run}.`);
  });

  it('stores the whole video once, with its sha256 and size', async () => {
    expect(stored.filter((r) => r.mediaId === VIDEO_ID)).toEqual([
      expect.objectContaining({
        sha256: video.sha256Hex,
        size: VIDEO_BYTES,
        extension: 'mp4',
        storageKey: `${PHONE_NUMBER_ID}/${video.sha256Hex}.mp4`,
      }),
    ]);
    const path = join(mediaDir, PHONE_NUMBER_ID, `${video.sha256Hex}.mp4`);
    expect(await fileDigest(path)).toEqual({
      sha256: video.sha256Hex,
      size: VIDEO_BYTES,
    });
    expect(graph.callsFor(VIDEO_ID, 'download')).toHaveLength(1);
  });

  it('streams it: the peak resident size stays under 200 MiB', () => {
    report();
    expect(peak.hwm).toBeLessThan(PEAK_RSS_LIMIT);
  });

  it('grows by far less than the file while downloading it', () => {
    // Buffering the video would add at least its 100 MiB.
    expect(peak.hwm - baseline.rss).toBeLessThan(VIDEO_BYTES / 4);
    expect(samples.length).toBeGreaterThan(5);
  });

  it('logs the stored media with its size', () => {
    const line = fetcher.logs.find(
      (log) => log.msg === 'media stored' && log.mediaId === VIDEO_ID,
    );
    expect(line).toMatchObject({ size: VIDEO_BYTES, attempts: 1 });
  });
});

// A small download first loads every code path (undici, fs streams, the
// verifier), so the baseline is the process at work, not at rest.
async function storeWarmUp(): Promise<void> {
  graph.serveMedia(WARM_UP_ID, randomBytes(512 * 1024), 'video/mp4');
  await produceMediaRequests(brokers, topics.mediaRequests, [
    mediaRequest({ mediaId: WARM_UP_ID, mimeType: 'video/mp4' }),
  ]);
  await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.length >= 1,
  });
  baseline = readMemory(fetcher.pid);
}

async function storeVideo(): Promise<void> {
  video = graph.serveMedia(VIDEO_ID, randomBytes(VIDEO_BYTES), 'video/mp4');
  const sampler = sampleMemory(fetcher.pid);
  const started = Date.now();
  await produceMediaRequests(brokers, topics.mediaRequests, [
    mediaRequest({ mediaId: VIDEO_ID, mimeType: 'video/mp4' }),
  ]);
  stored = await readStoredMedia({
    brokers,
    topic: topics.mediaStored,
    until: (records) => records.some((r) => r.mediaId === VIDEO_ID),
    timeoutMs: 180_000,
  });
  downloadMs = Date.now() - started;
  peak = sampler.stop();
  samples = sampler.samples;
}

function report(): void {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
  const sampledMax = Math.max(...samples);
  console.info(
    samples
      .filter((_, i) => i % 15 === 0)
      .map((s) => Math.round(s / MIB))
      .join(' '),
  );
  console.info(
    `[large-media] ${mib(VIDEO_BYTES)} stored in ${downloadMs} ms; ` +
      `fetcher RSS before ${mib(baseline.rss)}, sampled max ` +
      `${mib(sampledMax)}, VmHWM ${mib(peak.hwm)} (${samples.length} samples)`,
  );
}
