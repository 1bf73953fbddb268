import { z } from 'zod';
import type { LogicalRecord } from '../record-mapping.ts';
import { checker, type CheckContext } from './checker.ts';
import { matchRecords, subsetDiffs } from './subset-match.ts';

const KINDS = ['message', 'status', 'error', 'event'] as const;
const expectedRecord = z.looseObject({ kind: z.enum(KINDS) });
const expectedRecords = z.array(expectedRecord);
type Expected = z.infer<typeof expectedRecord>;

/** `records`: each listed record matches a distinct output record. */
export const records = checker('records', expectedRecords, (specs, context) => {
  const actual = context.observation.records;
  const pairs = matchRecords(specs, actual);
  return specs.flatMap((spec, i) =>
    (pairs[i] ?? -1) >= 0 ? [] : [missing(spec, actual)],
  );
});

/**
 * `no_other_records`: nothing beyond the listed records, duplicates
 * included. Events count only when the case speaks about events at all:
 * B16 says an unlisted event for a non-message change "is fine", and the
 * processor publishes one for every such change (DESIGN.md).
 */
export const noOtherRecords = checker(
  'no_other_records',
  z.boolean(),
  (wanted, context) => {
    if (!wanted) return [];
    const listed = listedRecords(context);
    const pairs = matchRecords(listed, context.observation.records);
    const matched = new Set(pairs);
    // A record that only differs from a listed one is `records`' news.
    const mismatched = new Set(
      listed
        .filter((_, i) => pairs[i] === -1)
        .flatMap((r) => identityOf(r) ?? []),
    );
    const counted = countedKinds(context, listed);
    const extra = context.observation.records.filter(
      (record, j) =>
        !matched.has(j) &&
        counted.has(record.kind) &&
        !mismatched.has(identityOf(record) ?? ''),
    );
    return summarise(extra.map((r) => `unexpected ${labelOf(r)}`));
  },
);

const COUNTABLE = [...KINDS, 'media', 'dlq'] as const;

/** `record_counts`: totals by kind (plus media-stored and dead letters). */
export const recordCounts = checker(
  'record_counts',
  z.partialRecord(z.enum(COUNTABLE), z.number().int().nonnegative()),
  (counts, { observation }) =>
    Object.entries(counts).flatMap(([kind, want]) => {
      const got = countOf(kind, observation);
      return got === want ? [] : [`${got} ${kind} records, expected ${want}`];
    }),
);

/** `exactly_once`: no identity (FORMAT.md) appears twice. */
export const exactlyOnce = checker(
  'exactly_once',
  z.boolean(),
  (wanted, { observation }) => {
    if (!wanted) return [];
    const identities = [
      ...observation.records.flatMap((r) => identityOf(r) ?? []),
      ...observation.media.map((m) => `media ${m.mediaId}`),
    ];
    return summarise(repeated(identities));
  },
);

function listedRecords(context: CheckContext): Expected[] {
  const parsed = expectedRecords.safeParse(context.expect.records ?? []);
  return parsed.success ? parsed.data : [];
}

function countedKinds(context: CheckContext, listed: Expected[]): Set<string> {
  const counts = context.expect.record_counts as
    Record<string, unknown> | undefined;
  const eventsInScope =
    listed.some((r) => r.kind === 'event') || counts?.event !== undefined;
  return new Set(eventsInScope ? KINDS : KINDS.filter((k) => k !== 'event'));
}

function countOf(
  kind: string,
  observation: CheckContext['observation'],
): number {
  if (kind === 'media') return observation.media.length;
  if (kind === 'dlq') return observation.deadLetters.length;
  return observation.records.filter((r) => r.kind === kind).length;
}

/** Why an expected record found no partner: the nearest miss, or none. */
function missing(spec: Expected, actual: readonly LogicalRecord[]): string {
  const label = labelOf(spec);
  const sameIdentity = actual.filter(
    (r) => identityOf(r) !== undefined && identityOf(r) === identityOf(spec),
  );
  const nearest = sameIdentity
    .map((r) => subsetDiffs(spec, r))
    .sort((a, b) => a.length - b.length)[0];
  if (nearest?.length === 0) {
    return `missing another ${label} (its match pairs with another expectation)`;
  }
  if (nearest) return `${label}: ${nearest.join(', ')}`;
  const seen = actual.filter((r) => r.kind === spec.kind).map(labelOf);
  const tail = seen.length ? ` (seen: ${summarise(seen, 4).join(', ')})` : '';
  return `missing ${label}${tail}`;
}

/** FORMAT.md identity: message → wamid, status → (wamid, status). */
function identityOf(
  record: Readonly<Record<string, unknown>>,
): string | undefined {
  if (record.kind === 'message' && record.wamid !== undefined) {
    return `message ${text(record.wamid)}`;
  }
  if (record.kind === 'status' && record.wamid !== undefined) {
    return `status ${text(record.wamid)} ${text(record.status)}`;
  }
  return undefined;
}

function labelOf(record: Readonly<Record<string, unknown>>): string {
  const identity = identityOf(record);
  if (identity) return identity;
  if (record.kind === 'event') return `event ${text(record.field)}`;
  if (record.kind === 'error') return `error ${text(record.error_codes)}`;
  return `${text(record.kind)} record`;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function repeated(identities: string[]): string[] {
  const counts = new Map<string, number>();
  for (const id of identities) counts.set(id, (counts.get(id) ?? 0) + 1);
  return [...counts]
    .filter(([, n]) => n > 1)
    .map(([id, n]) => `${id} emitted ${n} times`);
}

function summarise(lines: string[], limit = 6): string[] {
  if (lines.length <= limit) return lines;
  return [...lines.slice(0, limit), `and ${lines.length - limit} more`];
}
