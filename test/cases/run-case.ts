import { requestUrl, type CaseFile } from '@wapipe/testing';
import {
  checkExpectations,
  outputsSettled,
  unknownExpectations,
} from './case-expectations.ts';
import { planRuns, repeatProblems, type RunPlan } from './case-plan.ts';
import { runSchedule } from './case-schedule.ts';
import { caseShapeProblems } from './case-shape.ts';
import { observe } from './observation.ts';
import {
  openRun,
  type ResourceOptions,
  type RunResources,
} from './run-resources.ts';
import { sendRequest, type SentResponse } from './send-request.ts';
import { waitForOutcome } from './wait-for-outcome.ts';

/** FORMAT.md: how long async work may take by default. */
const DEFAULT_SETTLE_MS = 10_000;

export interface RunnerOptions extends ResourceOptions {
  /** Extra wait after the outcome settled, for stragglers and duplicates. */
  quietMs: number;
  /** Progress lines (stderr under --verbose). */
  progress: (line: string) => void;
  /**
   * Takes a run's teardown. Stopping consumers waits out their fetch
   * (seconds); the next run, in its own namespace, need not wait too.
   */
  defer: (teardown: Promise<void>) => void;
}

export interface CaseResult {
  id: string;
  passed: boolean;
  differences: string[];
  durationMs: number;
}

/** Runs one case (and its repeats) against a fresh pipeline per run. */
export async function runCase(
  testCase: CaseFile,
  options: RunnerOptions,
): Promise<CaseResult> {
  const started = performance.now();
  const differences = await caseDifferences(testCase, options).catch(
    (error: unknown) => [`runner error: ${errorText(error)}`],
  );
  return {
    id: testCase.id,
    passed: differences.length === 0,
    differences,
    durationMs: performance.now() - started,
  };
}

async function caseDifferences(
  testCase: CaseFile,
  options: RunnerOptions,
): Promise<string[]> {
  const problems = [
    ...caseShapeProblems(testCase),
    ...unknownExpectations(testCase.expect),
    ...repeatProblems(testCase),
  ];
  if (problems.length > 0) return problems;
  for (const plan of planRuns(testCase)) {
    options.progress(`${testCase.id} ${plan.label || 'run'}`.trimEnd());
    const diffs = await runPlan(testCase, plan, options);
    // One failing run is enough to judge the case; stop there.
    if (diffs.length > 0) {
      return plan.label ? diffs.map((d) => `${plan.label}: ${d}`) : diffs;
    }
  }
  return [];
}

async function runPlan(
  testCase: CaseFile,
  plan: RunPlan,
  options: RunnerOptions,
): Promise<string[]> {
  const run = await openRun(testCase, options);
  try {
    const responses = await sendPlan(plan, run.pipeline.webhookUrl);
    const snapshot = () =>
      observe({
        responses,
        collected: run.collector.records,
        graphCalls: run.graph.calls,
        mediaDir: run.namespace.mediaDir,
      });
    const observation = await waitForOutcome({
      settleMs: settleMs(plan.expect),
      quietMs: options.quietMs,
      snapshot,
      settled: (o) => outputsSettled(plan.expect, o),
      idle: () => isIdle(run),
    });
    return checkExpectations(plan.expect, observation);
  } finally {
    options.defer(run.close());
  }
}

function sendPlan(plan: RunPlan, webhookUrl: string): Promise<SentResponse[]> {
  const webhook = new URL(webhookUrl);
  return runSchedule(
    plan.requests.map((r) => r.request),
    (index) => {
      const { request, headers, body } = plan.requests[index]!;
      const target = new URL(requestUrl(request, webhook.pathname), webhook);
      return sendRequest(target, request.method, headers, body);
    },
  );
}

function settleMs(expect: Record<string, unknown>): number {
  const value = expect.settle_ms;
  return typeof value === 'number' && value >= 0 ? value : DEFAULT_SETTLE_MS;
}

// A probe error (broker hiccup) just means "not known idle yet".
async function isIdle(run: RunResources): Promise<boolean> {
  return run.idle.isIdle().catch(() => false);
}

function errorText(error: unknown): string {
  if (error instanceof AggregateError) {
    return `${error.message}: ${error.errors.map(errorText).join('; ')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
