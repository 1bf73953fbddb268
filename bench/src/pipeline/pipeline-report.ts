import { core, count, ms, percent } from '../report/format.ts';
import { renderTable } from '../report/table.ts';
import type { Check } from '../report/verdict.ts';
import type { Spread } from './processed-stats.ts';
import { serviceMetricRows } from './service-metrics.ts';
import type { PhaseResult } from './run-phase.ts';
import { medianRound, shareOfIngress, type Round } from './rounds.ts';

export const TARGETS = { minShareOfIngress: 0.5, maxP99Ms: 500 };

type Row = (label: string, f: (p: PhaseResult) => string) => string[];

/** The three phases side by side. */
export function pipelineTable(phases: PhaseResult[]): string {
  const row: Row = (label, f) => [label, ...phases.map(f)];
  const rows = [
    ...loadRows(row),
    ...stageRows(phases),
    ...processedRows(row),
    ...cpuRows(phases),
    ...internalRows(phases),
  ];
  const header = ['', ...phases.map((p) => `${p.spec.label}: ${p.spec.title}`)];
  return renderTable(header, rows);
}

function loadRows(row: Row): string[][] {
  return [
    row('offered load', (p) =>
      p.spec.overallRate ? `${count(p.spec.overallRate)} req/s` : 'max',
    ),
    row('HTTP requests/s', (p) => count(p.load.requestsPerSec)),
    row(
      'HTTP latency p50 / p99',
      (p) => `${ms(p.load.latencyP50Ms)} / ${ms(p.load.latencyP99Ms)}`,
    ),
    row('non-2xx / errors', (p) => `${p.load.non2xx} / ${p.load.errors}`),
    row('updates accepted/s', (p) => count(p.acceptedUpdatesPerSec)),
  ];
}

function processedRows(row: Row): string[][] {
  return [
    row('processed/s (processedAt in window)', (p) =>
      p.processed ? count(p.processed.perSecInWindow) : '-',
    ),
    row('e2e p50 / p99', (p) => spreadText(p.processed?.latency)),
    row('e2e max', (p) => ms(p.processed?.latency.max)),
    row('  receivedAt -> fan-out produce p50 / p99', (p) =>
      spreadText(p.processed?.toFanout),
    ),
    row('  fan-out produce -> processedAt p50 / p99', (p) =>
      spreadText(p.processed?.fanoutToProcessed),
    ),
    row('arrivals in 1st half of each second', (p) => {
      const share = p.processed?.firstHalfShare;
      return share === undefined ? '-' : percent(share);
    }),
    row('processed / distinct / accepted', (p) =>
      p.processed
        ? `${p.processed.total} / ${p.processed.distinct} / ${p.load.accepted.updates}`
        : '-',
    ),
  ];
}

// The services' own metrics, one row per figure, aligned by label.
function internalRows(phases: PhaseResult[]): string[][] {
  const perPhase = phases.map(
    (p) => new Map(serviceMetricRows(p.serviceMetrics)),
  );
  const labels = [...new Set(perPhase.flatMap((m) => [...m.keys()]))];
  return labels.map((label) => [
    label,
    ...perPhase.map((m) => m.get(label) ?? '-'),
  ]);
}

function spreadText(spread: Spread | undefined): string {
  return spread ? `${ms(spread.p50)} / ${ms(spread.p99)}` : '-';
}

function stageRows(phases: PhaseResult[]): string[][] {
  const stages = [...new Set(phases.flatMap((p) => Object.keys(p.stageRates)))];
  return stages.map((stage) => [
    `${stage} /s`,
    ...phases.map((p) => {
      const rate = p.stageRates[stage];
      return rate === undefined || (stage !== stages[0] && !p.processed)
        ? '-'
        : count(rate);
    }),
  ]);
}

function cpuRows(phases: PhaseResult[]): string[][] {
  const names = [...new Set(phases.flatMap((p) => p.cpu.map((c) => c.name)))];
  return names.map((name) => [
    `CPU ${name}`,
    ...phases.map((p) => core(p.cpu.find((c) => c.name === name)?.percent)),
  ]);
}

export function pipelineChecks(rounds: Round[], c: PhaseResult): Check[] {
  const { a, b } = medianRound(rounds);
  const share = shareOfIngress({ a, b });
  const throughput = b.processed?.perSecInWindow ?? 0;
  const p99 = c.processed?.latency.p99;
  const processedC = c.processed?.total ?? 0;
  return [
    {
      name: 'e2e throughput (B) >= 50% of ingress-only rate (A), median round',
      ok: share >= TARGETS.minShareOfIngress,
      detail:
        `${percent(share)} (${count(throughput)} vs ` +
        `${count(a.acceptedUpdatesPerSec)} updates/s)`,
    },
    {
      name: 'e2e p99 < 500 ms at the reduced rate (C)',
      ok: p99 !== undefined && p99 < TARGETS.maxP99Ms,
      detail: `${ms(p99)} over ${c.processed?.latency.samples ?? 0} records`,
    },
    {
      name: 'every accepted update processed exactly once (C)',
      ok:
        processedC >= c.load.accepted.updates &&
        c.processed?.distinct === processedC,
      detail:
        `${processedC} processed, ${c.processed?.distinct ?? 0} distinct, ` +
        `${c.load.accepted.updates} accepted`,
    },
  ];
}
