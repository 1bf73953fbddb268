import { randomBytes } from 'node:crypto';
import { requestBody, type CaseFile, type CaseRequest } from '@wapipe/testing';
import { describeIssue, repeatSpec } from './case-shape.ts';
import {
  collectWamids,
  resignHeaders,
  suffixIdsInBody,
  suffixIdsInValue,
} from './id-suffix.ts';

export interface PlannedRequest {
  request: CaseRequest;
  headers: Record<string, string>;
  body: Buffer | undefined;
}

/** One run of a case: what to send and what must come out. */
export interface RunPlan {
  /** Empty for the case as written; `repeat 3 (ids +.rep3-…)` otherwise. */
  label: string;
  requests: PlannedRequest[];
  expect: Record<string, unknown>;
}

/**
 * The case as written, then `expect.repeat` more runs with fresh ids.
 * Bodies are checked against `body_bytes`/`body_sha256` before anything
 * is rewritten, so a damaged case file fails here and not on the wire.
 */
export function planRuns(testCase: CaseFile): RunPlan[] {
  const requests = testCase.requests.map((request) => ({
    request,
    headers: request.headers,
    body: checkedBody(testCase, request),
  }));
  const original = { label: '', requests, expect: testCase.expect };
  const repeats = Array.from({ length: repeatTimes(testCase) }, (_, i) =>
    suffixedPlan(testCase, original, i + 1),
  );
  return [original, ...repeats];
}

/**
 * The request's bytes, checked by `requestBody`; when a case gives both
 * `body_file` and `body_raw`, FORMAT.md says they are the same bytes.
 */
function checkedBody(
  testCase: CaseFile,
  request: CaseRequest,
): Buffer | undefined {
  const body = requestBody(testCase, request);
  if (request.body_file === undefined || request.body_raw === undefined) {
    return body;
  }
  if (!Buffer.from(request.body_raw, 'utf8').equals(body ?? Buffer.alloc(0))) {
    throw new Error(`${request.body_file} and body_raw are different bytes`);
  }
  return body;
}

/** How many repeats `expect.repeat` asks for (0 without one). */
export function repeatTimes(testCase: CaseFile): number {
  const spec = testCase.expect.repeat;
  if (spec === undefined) return 0;
  const parsed = repeatSpec.parse(spec);
  return typeof parsed === 'number' ? parsed : parsed.times;
}

/** Why `expect.repeat` cannot be read; empty when it can. */
export function repeatProblems(testCase: CaseFile): string[] {
  const spec = testCase.expect.repeat;
  if (spec === undefined) return [];
  const parsed = repeatSpec.safeParse(spec);
  if (parsed.success) return [];
  return parsed.error.issues.map(
    (issue) => `expect.repeat not understood: ${describeIssue(issue)}`,
  );
}

function suffixedPlan(
  testCase: CaseFile,
  original: RunPlan,
  run: number,
): RunPlan {
  const suffix = `.rep${run}-${randomBytes(3).toString('hex')}`;
  const bodies = original.requests.flatMap((r) => r.body ?? []);
  const ids = collectWamids(bodies);
  const requests = original.requests.map((planned) => {
    if (!planned.body) return planned;
    const body = suffixIdsInBody(planned.body, ids, suffix);
    const headers = resignHeaders(
      planned.headers,
      planned.body,
      body,
      testCase.app_secret,
    );
    return { ...planned, headers, body };
  });
  return {
    label: `repeat ${run} (ids +${suffix})`,
    requests,
    expect: suffixIdsInValue(original.expect, ids, suffix),
  };
}
