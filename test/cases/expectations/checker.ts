import type { z } from 'zod';
import { describeIssue } from '../case-shape.ts';
import type { Observation } from '../observation.ts';

/** What a checker sees: the whole `expect` object and the outcome. */
export interface CheckContext {
  expect: Readonly<Record<string, unknown>>;
  observation: Observation;
}

/** Checks one `expect` key; returns what differed, empty when it held. */
export type Checker = (spec: unknown, context: CheckContext) => string[];

/**
 * A checker whose spec is validated first: a spec this runner cannot
 * read (an unknown sub-key, a wrong type) fails the case and says why.
 */
export function checker<S extends z.ZodType>(
  key: string,
  schema: S,
  check: (spec: z.infer<S>, context: CheckContext) => string[],
): Checker {
  return (spec, context) => {
    const parsed = schema.safeParse(spec);
    if (!parsed.success) {
      return parsed.error.issues.map(
        (issue) => `expect.${key} not understood: ${describeIssue(issue)}`,
      );
    }
    return check(parsed.data, context);
  };
}

/** A key that is documentation or steers the runner, not a check. */
export const noCheck: Checker = () => [];

/** Short, single-line rendering of a value for a FAIL line. */
export function show(value: unknown): string {
  if (value === undefined) return '(absent)';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
