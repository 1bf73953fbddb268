import type { TargetRun } from '../load/run-against.ts';
import { core, count, megabytes, ms, percent } from '../report/format.ts';
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

export function ingressChecks(
  baseline: TargetRun,
  ingress: TargetRun,
): Check[] {
  const ratio = ingress.load.requestsPerSec / baseline.load.requestsPerSec;
  const p99 = ingress.load.latencyP99Ms;
  const rss = ingress.peakRssBytes;
  return [
    {
      name: 'ingress req/s >= 40% of baseline',
      ok: ratio >= TARGETS.minShareOfBaseline,
      detail: `${percent(ratio)} (${count(ingress.load.requestsPerSec)} vs ${count(baseline.load.requestsPerSec)} req/s)`,
    },
    {
      name: 'ingress p99 < 100 ms',
      ok: p99 < TARGETS.maxP99Ms,
      detail: ms(p99),
    },
    {
      name: 'ingress peak RSS < 300 MB',
      ok: rss !== undefined && rss < TARGETS.maxPeakRssBytes,
      detail: megabytes(rss),
    },
    {
      name: 'ingress answered every request 2xx',
      ok: ingress.load.non2xx === 0 && ingress.load.errors === 0,
      detail: `${ingress.load.non2xx} non-2xx, ${ingress.load.errors} errors`,
    },
  ];
}
