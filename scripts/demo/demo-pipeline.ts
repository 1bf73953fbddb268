import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  startFakeGraphApi,
  type FakeGraphApi,
  type StackEndpoints,
} from '../../packages/testing/src/index.ts';
import { OutputCollector } from '../../test/cases/output-collector.ts';
import { PipelineIdleProbe } from '../../test/cases/pipeline-idle.ts';
import { removeNamespace } from '../../test/cases/run-namespace.ts';
import {
  startPipeline,
  type RunningPipeline,
} from '../../test/pipeline/start-pipeline.ts';
import { DEMO_DIR } from './demo-state.ts';

export const DEMO_ACCESS_TOKEN = 'DEMO_GRAPH_ACCESS_TOKEN';
export const DEMO_VERIFY_TOKEN = 'wapipe-demo-verify-token';

/** The fixed local addresses a person can point tools at. */
export const DEMO_PORTS = {
  ingress: 8080,
  management: {
    ingress: 9464,
    fanout: 9465,
    processor: 9466,
    'media-fetcher': 9467,
  },
} as const;

export interface DemoPipeline {
  graph: FakeGraphApi;
  pipeline: RunningPipeline;
  collector: OutputCollector;
  idle: PipelineIdleProbe;
  mediaDir: string;
  logFile: string;
  topicPrefix: string;
  /** Stops everything; removes topics, keys and files unless `keep`. */
  stop(keep: boolean): Promise<void>;
}

/** The fake Graph API, the four services and a reader, on a fresh prefix. */
export async function startDemoPipeline(
  stack: StackEndpoints,
  appSecret: string,
): Promise<DemoPipeline> {
  const { namespace, logFile } = demoNamespace();
  const graph = await startFakeGraphApi({ accessToken: DEMO_ACCESS_TOKEN });
  const pipeline = await startPipeline({
    kafkaBrokers: stack.kafkaBrokers,
    redisUrl: stack.redisUrl,
    ...namespace,
    appSecrets: [appSecret],
    verifyToken: DEMO_VERIFY_TOKEN,
    graphApi: { baseUrl: graph.baseUrl, accessToken: DEMO_ACCESS_TOKEN },
    ingress: { host: '127.0.0.1', port: DEMO_PORTS.ingress },
    managementPorts: DEMO_PORTS.management,
    logLevel: 'info',
    logDestination: logFile,
  }).catch(async (error: unknown) => {
    await graph.close();
    throw error;
  });
  const collector = await OutputCollector.start(
    stack.kafkaBrokers,
    pipeline.topics,
  );
  const idle = new PipelineIdleProbe(stack.kafkaBrokers, pipeline);
  await idle.connect();
  const stop = async (keep: boolean) => {
    await Promise.allSettled([collector.stop(), idle.disconnect()]);
    await pipeline.stop();
    await graph.close();
    if (!keep) await removeNamespace(namespace, stack);
  };
  return { graph, pipeline, collector, idle, logFile, ...namespace, stop };
}

/** A fresh prefix and folder per demo run, named by its start time. */
function demoNamespace() {
  const run = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const dir = join(DEMO_DIR, run);
  const namespace = {
    topicPrefix: `demo.${run}.`,
    redisKeyPrefix: `demo-${run}`,
    mediaDir: join(dir, 'media'),
  };
  mkdirSync(namespace.mediaDir, { recursive: true });
  return { namespace, logFile: join(dir, 'pipeline.log') };
}
