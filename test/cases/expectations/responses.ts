import { z } from 'zod';
import type { SentResponse } from '../send-request.ts';
import { checker, show } from './checker.ts';

const responseSpec = z.strictObject({
  request: z.number().int().nonnegative(),
  status: z.number().int().optional(),
  status_in: z.array(z.number().int()).optional(),
  max_latency_ms: z.number().positive().optional(),
  body_exact: z.string().optional(),
  body_contains: z.string().optional(),
  body_not_contains: z.string().optional(),
  content_type_contains: z.string().optional(),
  content_type_not_contains: z.string().optional(),
  note: z.string().optional(),
  notes: z.unknown().optional(),
});

type ResponseSpec = z.infer<typeof responseSpec>;

/** `responses`: per request index, what its answer must look like. */
export const responses = checker(
  'responses',
  z.array(responseSpec),
  (specs, { observation }) =>
    specs.flatMap((spec) => {
      const got = observation.responses[spec.request];
      if (!got) return [`request ${spec.request} does not exist`];
      return responseDiffs(spec, got).map(
        (d) => `request ${spec.request}: ${d}`,
      );
    }),
);

/** `never_status`: no answer of the case may carry one of these. */
export const neverStatus = checker(
  'never_status',
  z.array(z.number().int()),
  (banned, { observation }) =>
    observation.responses.flatMap((got, index) =>
      banned.includes(got.status)
        ? [`request ${index}: got forbidden status ${got.status}`]
        : [],
    ),
);

export function responseDiffs(spec: ResponseSpec, got: SentResponse): string[] {
  const diffs: string[] = [];
  const status = got.error
    ? `${got.status} (${got.error})`
    : String(got.status);
  if (spec.status !== undefined && got.status !== spec.status) {
    diffs.push(`status ${status}, expected ${spec.status}`);
  }
  if (spec.status_in && !spec.status_in.includes(got.status)) {
    diffs.push(`status ${status}, expected one of ${spec.status_in.join('/')}`);
  }
  if (
    spec.max_latency_ms !== undefined &&
    got.latencyMs > spec.max_latency_ms
  ) {
    diffs.push(
      `answered in ${Math.round(got.latencyMs)} ms, limit ${spec.max_latency_ms} ms`,
    );
  }
  return [...diffs, ...bodyDiffs(spec, got)];
}

function bodyDiffs(spec: ResponseSpec, got: SentResponse): string[] {
  const diffs: string[] = [];
  if (spec.body_exact !== undefined && got.body !== spec.body_exact) {
    diffs.push(
      `body ${show(got.body)}, expected exactly ${show(spec.body_exact)}`,
    );
  }
  if (
    spec.body_contains !== undefined &&
    !got.body.includes(spec.body_contains)
  ) {
    diffs.push(`body ${show(got.body)} lacks ${show(spec.body_contains)}`);
  }
  if (spec.body_not_contains && got.body.includes(spec.body_not_contains)) {
    diffs.push(`body contains ${show(spec.body_not_contains)}`);
  }
  const type = got.contentType;
  if (
    spec.content_type_contains !== undefined &&
    !type.includes(spec.content_type_contains)
  ) {
    diffs.push(
      `content-type ${show(type)} lacks ${show(spec.content_type_contains)}`,
    );
  }
  if (
    spec.content_type_not_contains &&
    type.includes(spec.content_type_not_contains)
  ) {
    diffs.push(
      `content-type ${show(type)} contains ${show(spec.content_type_not_contains)}`,
    );
  }
  return diffs;
}
