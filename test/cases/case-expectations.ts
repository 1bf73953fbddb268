import { z } from 'zod';
import { checker, noCheck, type Checker } from './expectations/checker.ts';
import { graphApiCalls } from './expectations/graph-api-calls.ts';
import { media, storageKeyRules } from './expectations/media.ts';
import {
  exactlyOnce,
  noOtherRecords,
  recordCounts,
  records,
} from './expectations/records.ts';
import { neverStatus, responses } from './expectations/responses.ts';
import { repeatSpec } from './case-shape.ts';
import { statusView } from './expectations/status-view.ts';
import type { Observation } from './observation.ts';

/**
 * One checker per `expect` key of FORMAT.md. `settle_ms` and `repeat`
 * steer the runner (run-case.ts) and `notes` is prose; any other key is
 * unknown and fails the case rather than passing unchecked.
 */
const CHECKERS: Readonly<Record<string, Checker>> = {
  responses,
  never_status: neverStatus,
  records,
  no_other_records: noOtherRecords,
  record_counts: recordCounts,
  exactly_once: exactlyOnce,
  status_view: statusView,
  media,
  storage_key_rules: storageKeyRules,
  graph_api_calls: graphApiCalls,
  // Read by run-case.ts and case-plan.ts; only its shape is checked here.
  settle_ms: checker('settle_ms', z.number().nonnegative(), () => []),
  // Every run of a repeated case must be free of duplicates.
  repeat: checker('repeat', repeatSpec, (_spec, context) =>
    exactlyOnce(true, context),
  ),
  notes: noCheck,
};

/** Keys of `expect` this runner cannot check. */
export function unknownExpectations(expect: Record<string, unknown>): string[] {
  return Object.keys(expect)
    .filter((key) => !Object.hasOwn(CHECKERS, key))
    .map((key) => `unknown expectation "${key}"`);
}

/** Everything that differed from `expect`; empty when the run passed. */
export function checkExpectations(
  expect: Record<string, unknown>,
  observation: Observation,
): string[] {
  const context = { expect, observation };
  const diffs = unknownExpectations(expect);
  for (const [key, spec] of Object.entries(expect)) {
    diffs.push(...(CHECKERS[key]?.(spec, context) ?? []));
  }
  // The processed topics' contract holds for every case, listed or not.
  diffs.push(...new Set(observation.contractIssues));
  return diffs;
}

const ANSWER_KEYS = new Set(['responses', 'never_status']);

/**
 * The checks that can only come true by waiting (records, media, calls);
 * the answers are known as soon as the requests return.
 */
export function outputsSettled(
  expect: Record<string, unknown>,
  observation: Observation,
): boolean {
  const outputs = Object.fromEntries(
    Object.entries(expect).filter(([key]) => !ANSWER_KEYS.has(key)),
  );
  return checkExpectations(outputs, observation).length === 0;
}
