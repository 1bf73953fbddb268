import type { TargetRun } from '../load/run-against.ts';
import { core, count, megabytes, ms, percent } from '../report/format.ts';
import { medianBy } from '../report/median.ts';
import { renderTable } from '../report/table.ts';
import type { Check } from '../report/verdict.ts';

export const TARGETS = {
  minShareOfBaseline: 0.4,
  maxP99Ms: 100,
  maxPeakRssBytes: 300 * 1024 * 1024,
};

/** Baseline and ingress side by side, with the ingress/baseline ratio. */
export function ingressTable(baseline: TargetRun, ingress: TargetRun): string {
  const ratio = ingress.load.requestsPerSec / baseline.load.requestsPerSec;
  const both = (f: (run: TargetRun) => string, last = '') => [
    f(baseline),
    f(ingress),
    last,
  ];
  const rows: string[][] = [
    [
      'requests/s',
      ...both((r) => count(r.load.requestsPerSec), percent(ratio)),
    ],
    ['latency p50', ...both((r) => ms(r.load.latencyP50Ms))],
    ['latency p99', ...both((r) => ms(r.load.latencyP99Ms))],
    ['latency max', ...both((r) => ms(r.load.latencyMaxMs))],
    ['peak RSS (VmHWM)', ...both((r) => megabytes(r.peakRssBytes))],
    ['non-2xx', ...both((r) => count(r.load.non2xx))],
    [
      'errors / timeouts',
      ...both((r) => `${r.load.errors} / ${r.load.timeouts}`),
    ],
    ...cpuRows(baseline, ingress),
    ['exit code after SIGTERM', ...both((r) => String(r.exitCode))],
  ];
  return renderTable(['', 'baseline', 'ingress', 'ingress/baseline'], rows);
}

// CPU per process over the measured window, as % of one core (2 cores).
function cpuRows(baseline: TargetRun, ingress: TargetRun): string[][] {
  const names = [
    ...new Set([...ingress.cpu, ...baseline.cpu].map((c) => c.name)),
  ];
  const shareIn = (run: TargetRun, name: string) =>
    core(run.cpu.find((c) => c.name === name)?.percent);
  return names.map((name) => [
    `CPU ${name} (% of a core)`,
    shareIn(baseline, name),
    shareIn(ingress, name),
    '',
  ]);
}

/** A baseline run, the ingress run after it, and what reached Kafka. */
export interface IngressRound {
  baseline: TargetRun;
  ingress: TargetRun;
  sizes: { webhooks: number; dlq: number };
}

export function ratioOf({ baseline, ingress }: IngressRound): number {
  return ingress.load.requestsPerSec / baseline.load.requestsPerSec;
}

/** The round with the median ingress/baseline ratio (lower of two). */
export function medianRound(rounds: IngressRound[]): IngressRound {
  return medianBy(rounds, ratioOf);
}

export function roundsTable(rounds: IngressRound[]): string {
  const rows = rounds.map((round, i) => [
    `round ${i + 1}`,
    count(round.baseline.load.requestsPerSec),
    count(round.ingress.load.requestsPerSec),
    percent(ratioOf(round)),
    ms(round.ingress.load.latencyP99Ms),
    megabytes(round.ingress.peakRssBytes),
  ]);
  const header = ['', 'baseline req/s', 'ingress req/s', 'ratio'];
  return renderTable([...header, 'ingress p99', 'ingress RSS'], rows);
}

// The throughput ratio is judged on the median round; latency, memory
// and answers must hold in every round.
export function ingressChecks(rounds: IngressRound[]): Check[] {
  const median = medianRound(rounds);
  const ratio = ratioOf(median);
  const ingress = rounds.map((r) => r.ingress);
  const p99 = Math.max(...ingress.map((r) => r.load.latencyP99Ms));
  const rss = Math.max(...ingress.map((r) => r.peakRssBytes ?? Infinity));
  const non2xx = ingress.reduce((n, r) => n + r.load.non2xx, 0);
  const errors = ingress.reduce((n, r) => n + r.load.errors, 0);
  return [
    {
      name: 'ingress req/s >= 40% of baseline (median round)',
      ok: ratio >= TARGETS.minShareOfBaseline,
      detail:
        `${percent(ratio)} (${count(median.ingress.load.requestsPerSec)} ` +
        `vs ${count(median.baseline.load.requestsPerSec)} req/s)`,
    },
    {
      name: 'ingress p99 < 100 ms (worst round)',
      ok: p99 < TARGETS.maxP99Ms,
      detail: ms(p99),
    },
    {
      name: 'ingress peak RSS < 300 MB (worst round)',
      ok: rss < TARGETS.maxPeakRssBytes,
      detail: megabytes(rss),
    },
    {
      name: 'ingress answered every request 2xx (all rounds)',
      ok: non2xx === 0 && errors === 0,
      detail: `${non2xx} non-2xx, ${errors} errors`,
    },
  ];
}
