import { mkdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  startFakeGraphApi,
  type CaseFile,
  type FakeGraphApi,
  type StackEndpoints,
} from '@wapipe/testing';
import type { BeforeEach } from '../pipeline/pipeline-options.ts';
import {
  startPipeline,
  type RunningPipeline,
} from '../pipeline/start-pipeline.ts';
import { faultShape, graphApiShape } from './case-shape.ts';
import { OutputCollector } from './output-collector.ts';
import { PipelineIdleProbe } from './pipeline-idle.ts';
import {
  freshNamespace,
  removeNamespace,
  type RunNamespace,
} from './run-namespace.ts';

/** A token for cases without `graph_api`: the fetcher needs one anyway. */
const DEFAULT_ACCESS_TOKEN = 'TEST_ACCESS_TOKEN_CASES';

export interface ResourceOptions {
  stack: StackEndpoints;
  logLevel: string;
  /** File (or fd) the pipeline's JSON logs go to. */
  logDestination: string | number;
  /** Keep topics, Redis keys and media files for a post-mortem. */
  keep: boolean;
}

/** Everything one run of a case uses, in its own namespace. */
export interface RunResources {
  namespace: RunNamespace;
  graph: FakeGraphApi;
  pipeline: RunningPipeline;
  collector: OutputCollector;
  idle: PipelineIdleProbe;
  close(): Promise<void>;
}

/**
 * Starts the fake Graph API, the pipeline and the readers for one run.
 * Each part registers its own undo as it comes up, so a failure halfway
 * tears down exactly what was started.
 */
export async function openRun(
  testCase: CaseFile,
  options: ResourceOptions,
): Promise<RunResources> {
  const undo: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const step of undo.reverse()) await step().catch(() => undefined);
  };
  try {
    const namespace = freshNamespace(testCase.id);
    await mkdir(namespace.mediaDir, { recursive: true });
    if (!options.keep)
      undo.push(() => removeNamespace(namespace, options.stack));
    const graph = await startGraph(testCase);
    undo.push(() => graph.close());
    const pipeline = await startPipeline(
      pipelineOptions(testCase, namespace, graph, options),
    );
    undo.push(() => pipeline.stop());
    const brokers = options.stack.kafkaBrokers;
    const collector = await OutputCollector.start(brokers, pipeline.topics);
    undo.push(() => collector.stop());
    const idle = new PipelineIdleProbe(brokers, pipeline);
    await idle.connect();
    undo.push(() => idle.disconnect());
    return { namespace, graph, pipeline, collector, idle, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function startGraph(testCase: CaseFile): Promise<FakeGraphApi> {
  const section = graphApiShape.parse(testCase.graph_api ?? {});
  const accessToken = section.access_token ?? DEFAULT_ACCESS_TOKEN;
  const graph = await startFakeGraphApi({ accessToken });
  graph.script(section.media, { accessToken });
  return graph;
}

function pipelineOptions(
  testCase: CaseFile,
  namespace: RunNamespace,
  graph: FakeGraphApi,
  options: ResourceOptions,
) {
  const section = graphApiShape.parse(testCase.graph_api ?? {});
  return {
    kafkaBrokers: options.stack.kafkaBrokers,
    redisUrl: options.stack.redisUrl,
    ...namespace,
    appSecrets: [testCase.app_secret],
    verifyToken: testCase.verify_token,
    graphApi: {
      baseUrl: graph.baseUrl,
      accessToken: section.access_token ?? DEFAULT_ACCESS_TOKEN,
    },
    beforeEach: faultHooks(testCase),
    logLevel: options.logLevel,
    logDestination: options.logDestination,
  };
}

/** FORMAT.md `fault_injection`: stall a stage before each record. */
function faultHooks(testCase: CaseFile) {
  const fault = faultShape.parse(testCase.fault_injection ?? {});
  const delay = (ms: number | undefined): BeforeEach | undefined =>
    ms ? () => sleep(ms) : undefined;
  return {
    fanout: delay(fault.fanout_delay_ms),
    processor: delay(fault.processor_delay_ms),
    mediaFetcher: delay(fault.media_fetch_delay_ms),
  };
}
