import { z } from 'zod';
import type { GraphCall } from '@wapipe/testing';
import { checker, show } from './checker.ts';

// A header rule: an exact value, `true` (must be present) or `false`
// (must be absent).
const headerRule = z.union([z.string(), z.boolean()]);

const bounds = z.strictObject({
  min: z.number().int().nonnegative().optional(),
  max: z.number().int().nonnegative().optional(),
  exactly: z.number().int().nonnegative().optional(),
  headers: z.record(z.string(), headerRule).optional(),
  requires_headers: z.record(z.string(), headerRule).optional(),
  user_agent_header_count: z.number().int().nonnegative().optional(),
  notes: z.unknown().optional(),
});

type Bounds = z.infer<typeof bounds>;

const SCOPES = {
  lookup: (c: GraphCall) => c.kind === 'lookup',
  download: (c: GraphCall) => c.kind === 'download',
  all: () => true,
} as const;

// Either bounds per kind of call (`{lookup: {min: 2}}`) or bounds on
// every call at the top level (`{headers: {...}}`), or both.
const callsSpec = bounds.extend({
  lookup: bounds.optional(),
  download: bounds.optional(),
  all: bounds.optional(),
});

/** `graph_api_calls`: bounds on the fake Graph API's call log. */
export const graphApiCalls = checker(
  'graph_api_calls',
  callsSpec,
  (spec, { observation }) => {
    const { lookup, download, all, ...topLevel } = spec;
    const scoped = { lookup, download, all: mergeBounds(all, topLevel) };
    return Object.entries(scoped).flatMap(([scope, rule]) => {
      if (!rule) return [];
      const calls = observation.graphCalls.filter(
        SCOPES[scope as keyof typeof SCOPES],
      );
      return boundDiffs(rule, calls).map((d) => `${scope} calls: ${d}`);
    });
  },
);

function mergeBounds(a: Bounds | undefined, b: Bounds): Bounds | undefined {
  const merged = { ...a, ...b };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

export function boundDiffs(rule: Bounds, calls: GraphCall[]): string[] {
  const n = calls.length;
  const diffs: string[] = [];
  if (rule.min !== undefined && n < rule.min)
    diffs.push(`${n}, expected at least ${rule.min}`);
  if (rule.max !== undefined && n > rule.max)
    diffs.push(`${n}, expected at most ${rule.max}`);
  if (rule.exactly !== undefined && n !== rule.exactly) {
    diffs.push(`${n}, expected exactly ${rule.exactly}`);
  }
  const headers = { ...rule.requires_headers, ...rule.headers };
  for (const call of calls) {
    diffs.push(...headerDiffs(headers, call));
    const uaCount = rule.user_agent_header_count;
    if (uaCount !== undefined && call.userAgentCount !== uaCount) {
      diffs.push(
        `${describe(call)} carried ${call.userAgentCount} User-Agent headers, expected ${uaCount}`,
      );
    }
  }
  return [...new Set(diffs)];
}

function headerDiffs(
  rules: Record<string, string | boolean>,
  call: GraphCall,
): string[] {
  return Object.entries(rules).flatMap(([name, rule]) => {
    const got = call.headers[name.toLowerCase()];
    const value = Array.isArray(got) ? got.join(', ') : got;
    if (rule === true && value !== undefined) return [];
    if (rule === false && value === undefined) return [];
    if (typeof rule === 'string' && value === rule) return [];
    const want =
      typeof rule === 'string' ? show(rule) : rule ? 'present' : 'absent';
    return [`${describe(call)} had ${name} ${show(value)}, expected ${want}`];
  });
}

function describe(call: GraphCall): string {
  return `${call.kind} ${call.mediaId ?? call.path}`;
}
