import { isDeepStrictEqual } from 'node:util';
import { show } from './checker.ts';

type Fields = Readonly<Record<string, unknown>>;

/**
 * FORMAT.md matching: every listed field equal, unlisted fields free,
 * `null` standing for "absent or null". Returns the fields that differ.
 */
export function subsetDiffs(expected: Fields, actual: Fields): string[] {
  const diffs: string[] = [];
  for (const [field, want] of Object.entries(expected)) {
    const got = actual[field];
    if (
      want === null
        ? got === null || got === undefined
        : isDeepStrictEqual(got, want)
    ) {
      continue;
    }
    diffs.push(`${field} ${show(got)}, expected ${show(want)}`);
  }
  return diffs;
}

export function subsetMatches(expected: Fields, actual: Fields): boolean {
  return subsetDiffs(expected, actual).length === 0;
}

/**
 * Pairs each expected record with a distinct actual record it matches
 * (maximum bipartite matching, Kuhn's augmenting paths): a loose
 * expectation must not take the only record a stricter one could match.
 * Returns, per expected index, the actual index or -1.
 */
export function matchRecords(
  expected: readonly Fields[],
  actual: readonly Fields[],
): number[] {
  const fits = expected.map((want) =>
    actual.flatMap((got, j) => (subsetMatches(want, got) ? [j] : [])),
  );
  const owner = new Array<number>(actual.length).fill(-1);
  const tryAssign = (i: number, seen: Set<number>): boolean => {
    for (const j of fits[i] ?? []) {
      if (seen.has(j)) continue;
      seen.add(j);
      const current = owner[j] ?? -1;
      if (current === -1 || tryAssign(current, seen)) {
        owner[j] = i;
        return true;
      }
    }
    return false;
  };
  expected.forEach((_, i) => tryAssign(i, new Set()));
  const result = new Array<number>(expected.length).fill(-1);
  owner.forEach((i, j) => {
    if (i >= 0) result[i] = j;
  });
  return result;
}
