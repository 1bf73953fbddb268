import { z } from 'zod';
import type { CaseFile } from '@wapipe/testing';

// What a case file may hold (FORMAT.md). Everything is a strict object:
// a key this runner does not understand fails the case with its name
// instead of being ignored, so a newer case can never pass by accident.

const notes = { note: z.string().optional(), notes: z.unknown().optional() };

const requestShape = z.strictObject({
  method: z.string().min(1),
  path: z.string().startsWith('/'),
  at_ms: z.number().nonnegative().optional(),
  parallel_group: z.string().optional(),
  headers: z.record(z.string(), z.string()),
  body_raw: z.string().optional(),
  body_file: z.string().optional(),
  body_json: z.unknown().optional(),
  body_bytes: z.number().int().nonnegative().optional(),
  body_sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  ...notes,
});

const delay = z.number().nonnegative().optional();

/** Faults the runner can inject, each through a stage's `beforeEach`. */
export const faultShape = z.strictObject({
  fanout_delay_ms: delay,
  processor_delay_ms: delay,
  media_fetch_delay_ms: delay,
  ...notes,
});

// Mirrors the fake Graph API's script types (@wapipe/testing).
const scriptedResponse = z.strictObject({
  status: z.number().int().optional(),
  json: z.unknown().optional(),
  body: z.string().optional(),
  content_base64: z.string().optional(),
  content_type: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  retry_after: z.union([z.number(), z.string()]).optional(),
  delay_ms: z.number().nonnegative().optional(),
  ...notes,
});

const endpointBase = {
  responses: z.array(scriptedResponse).optional(),
  requires_headers: z.record(z.string(), z.string()).optional(),
  ...notes,
};

const answer = z.union([
  scriptedResponse,
  z.array(scriptedResponse),
  z.strictObject(endpointBase),
]);

const endpoint = z
  .object({
    ...endpointBase,
    by_url_token: z.record(z.string(), answer).optional(),
  })
  .catchall(answer)
  .superRefine((value, ctx) => {
    const known = new Set([...Object.keys(endpointBase), 'by_url_token']);
    for (const key of Object.keys(value)) {
      if (known.has(key) || key.startsWith('if_missing_')) continue;
      ctx.addIssue({ code: 'custom', message: `unknown key`, path: [key] });
    }
  });

export const graphApiShape = z.strictObject({
  access_token: z.string().optional(),
  media: z
    .array(
      z.strictObject({
        media_id: z.string().min(1),
        lookup: endpoint.optional(),
        download: endpoint.optional(),
        ...notes,
      }),
    )
    .default([]),
  ...notes,
});

const caseShape = z.strictObject({
  id: z.string().min(1),
  kind: z.string(),
  title: z.string(),
  sources: z.unknown().optional(),
  description: z.string().optional(),
  app_secret: z.string(),
  verify_token: z.string().optional(),
  requests: z.array(requestShape).min(1),
  graph_api: graphApiShape.optional(),
  fault_injection: faultShape.optional(),
  expect: z.record(z.string(), z.unknown()),
  dir: z.string(),
  ...notes,
});

/** `expect.repeat`: a count, or `{times, notes}`. */
export const repeatSpec = z.union([
  z.number().int().nonnegative(),
  z.strictObject({
    times: z.number().int().nonnegative(),
    notes: z.unknown().optional(),
  }),
]);

export type FaultInjection = z.infer<typeof faultShape>;
export type GraphApiSection = z.infer<typeof graphApiShape>;

/** Why this case cannot be run as written; empty when it can. */
export function caseShapeProblems(testCase: CaseFile): string[] {
  const parsed = caseShape.safeParse(testCase);
  if (parsed.success) return [];
  return parsed.error.issues.map(describeIssue);
}

/** `requests.2: Unrecognized key: "body_zip"` style, one per issue. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
