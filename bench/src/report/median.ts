/** The item whose `value` is the median (the lower one of an even count). */
export function medianBy<T>(
  items: readonly T[],
  value: (item: T) => number,
): T {
  const sorted = [...items].sort((x, y) => value(x) - value(y));
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  if (median === undefined) throw new Error('median of nothing');
  return median;
}
