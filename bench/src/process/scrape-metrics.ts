/**
 * Reads a Prometheus text endpoint and sums each metric over its labels
 * (`name{a="b"} 3` and `name{a="c"} 4` give name → 7). Undefined when the
 * endpoint does not answer: metrics are extra evidence, never required.
 */
export async function scrapeMetrics(
  url: string,
): Promise<Map<string, number> | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
    return response.ok ? sumByName(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}

function sumByName(text: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = line.match(/^([a-zA-Z_:][\w:]*)(?:\{.*\})?\s+(\S+)/);
    if (!match) continue;
    const [, name = '', raw = ''] = match;
    const value = Number(raw);
    if (Number.isFinite(value)) sums.set(name, (sums.get(name) ?? 0) + value);
  }
  return sums;
}
