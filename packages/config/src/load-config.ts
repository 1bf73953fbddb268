import { z } from 'zod';

/** Raised by loadConfig; `issues` holds one line per bad variable. */
export class ConfigError extends Error {
  readonly code = 'WAP_CONFIG_INVALID';
  readonly issues: string[];

  constructor(issues: string[]) {
    super(`invalid configuration: ${issues.join('; ')}`);
    this.name = 'ConfigError';
    this.issues = issues;
  }
}

/**
 * Validates `env` against a shape of zod fields keyed by variable name.
 * Throws ConfigError listing every bad variable, never just the first.
 */
export function loadConfig<Shape extends z.ZodRawShape>(
  shape: Shape,
  env: NodeJS.ProcessEnv = process.env,
): z.infer<z.ZodObject<Shape>> {
  const present = blankAsMissing(env);
  const result = z.object(shape).safeParse(present);
  if (!result.success) {
    throw new ConfigError(formatConfigIssues(result.error, present));
  }
  return result.data;
}

/** `NAME: problem` per issue; values are never echoed (they may be secret). */
export function formatConfigIssues(
  error: z.ZodError,
  env: Record<string, string>,
): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.path.length === 1 && !(name in env);
    const problem = missing ? 'is required' : issue.message;
    return `${name}: ${problem}`;
  });
}

// An exported-but-empty variable (`FOO=`) means "not set" to operators;
// treating it as the empty string would bypass defaults.
function blankAsMissing(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value !== '') out[key] = value;
  }
  return out;
}
