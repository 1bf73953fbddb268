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
import { fileDigest, readStoredMedia } from './stored-media.ts';

// Meta's inbound limit is 100 MB (REFERENCE §14.3); this is a little more.
const VIDEO_BYTES = 100 * MIB;
// A process that held the video would grow by at least the video; the
// fetcher's growth is bounded by V8's external-memory GC threshold (about
// 64 MiB of freed chunks awaiting collection), whatever the file size.
const GROWTH_LIMIT = VIDEO_BYTES;
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
let atRest: ProcessMemory;
let baseline: ProcessMemory;
let peak: ProcessMemory;
let samples: number[];
let requestToRecordMs: number;

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

  it('streams it: resident memory grows by less than the video', () => {
    report();
    expect(samples.length).toBeGreaterThan(5);
    expect(peak.hwm - baseline.rss).toBeLessThan(GROWTH_LIMIT);
  });

  it('returns to its resting size once the video is stored', async () => {
    const settled = await eventually('fetcher memory settled', () => {
      const now = readMemory(fetcher.pid);
      return now.rss < baseline.rss + GROWTH_LIMIT / 2 ? now : undefined;
    });
    expect(settled.rss).toBeLessThan(peak.hwm);
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
  requestToRecordMs = Date.now() - started;
  peak = sampler.stop();
  samples = sampler.samples;
}

// From the fake's first download byte request to the fetcher's log line.
function downloadMs(): number {
  const asked = graph.callsFor(VIDEO_ID, 'download')[0]?.at ?? NaN;
  const line = fetcher.logs.find(
    (log) => log.msg === 'media stored' && log.mediaId === VIDEO_ID,
  );
  return Date.parse(String(line?.time)) - asked;
}

function report(): void {
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
  console.info(
    `[large-media] ${mib(VIDEO_BYTES)} downloaded and stored in ` +
      `${downloadMs()} ms (request to record ${requestToRecordMs} ms); ` +
      `fetcher RSS at rest ${mib(atRest.rss)}, after warm-up ` +
      `${mib(baseline.rss)}, sampled max ${mib(Math.max(...samples))}, ` +
      `VmHWM ${mib(peak.hwm)} (+${mib(peak.hwm - baseline.rss)}, ` +
      `${samples.length} samples)`,
  );
}
