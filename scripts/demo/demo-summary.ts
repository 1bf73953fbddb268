import type { CollectedRecord } from '../../test/cases/output-collector.ts';
import {
  mapProcessedRecord,
  type LogicalRecord,
  type ProcessedTopic,
} from '../../test/cases/record-mapping.ts';
import type { SimulatorReport } from './meta-simulator.ts';
import { p50p99 } from './percentile.ts';
import { sentIdentities } from './sent-identities.ts';
import { BURST_WAMID_PREFIX } from './status-burst.ts';

export interface SummaryInput {
  report: SimulatorReport;
  collected: readonly CollectedRecord[];
  mediaDir: string;
  sendMs: number;
}

const PROCESSED = ['inboundMessages', 'messageStatuses', 'accountEvents'];

/** The lines the demo prints once the pipeline has gone quiet. */
export function summaryLines(input: SummaryInput): string[] {
  const processed = input.collected.filter((r) => PROCESSED.includes(r.topic));
  const records = processed.flatMap(
    (r) => mapProcessedRecord(r.topic as ProcessedTopic, r.value).record ?? [],
  );
  return [
    requestLine(input),
    `ingress answer time   ${p50p99(input.report.latencies)}`,
    `end to end            ${p50p99(processed.flatMap(endToEndMs))}`,
    `processed records     ${kindCounts(records)}`,
    ...dedupeLines(input.report, records),
    burstLine(records),
    deadLetterLine(input.collected),
    mediaLine(input),
  ];
}

function requestLine({ report, sendMs }: SummaryInput): string {
  const answers = [...report.statuses]
    .map(([status, n]) => `${n} × ${status}`)
    .join(', ');
  const seconds = (sendMs / 1000).toFixed(1);
  return `webhooks POSTed       ${report.latencies.length} (${answers}) in ${seconds} s`;
}

// processedAt − receivedAt, both in the record: ingress clock to output.
function endToEndMs(record: CollectedRecord): number[] {
  const value = record.value as { receivedAt?: string; processedAt?: string };
  const ms =
    Date.parse(value.processedAt ?? '') - Date.parse(value.receivedAt ?? '');
  return Number.isFinite(ms) ? [ms] : [];
}

function kindCounts(records: LogicalRecord[]): string {
  const plural = {
    message: 'messages',
    status: 'statuses',
    error: 'errors',
    event: 'events',
  };
  return Object.entries(plural)
    .map(
      ([kind, name]) =>
        `${records.filter((r) => r.kind === kind).length} ${name}`,
    )
    .join(', ');
}

function dedupeLines(
  report: SimulatorReport,
  records: LogicalRecord[],
): string[] {
  const sent = sentIdentities(report.accepted);
  const emitted = {
    messages: records.filter((r) => r.kind === 'message'),
    statuses: records.filter((r) => r.kind === 'status'),
    events: records.filter((r) => r.kind === 'event'),
  };
  return (['messages', 'statuses', 'events'] as const).map((kind) => {
    const total = sent[kind].length;
    const distinct = new Set(sent[kind]).size;
    const out = emitted[kind].length;
    return `duplicates ${kind.padEnd(10)} ${total} sent, ${distinct} distinct, ${out} emitted: ${total - out} suppressed`;
  });
}

function burstLine(records: LogicalRecord[]): string {
  const current = new Map<string, unknown>();
  for (const r of records) {
    if (r.kind === 'status' && String(r.wamid).startsWith(BURST_WAMID_PREFIX)) {
      current.set(String(r.wamid), r.current_status);
    }
  }
  const states = [...current.values()].map(String);
  const read = states.filter((s) => s === 'read').length;
  return `reordered burst       ${read} of ${states.length} messages end as "read" (late "sent" ignored)`;
}

function deadLetterLine(collected: readonly CollectedRecord[]): string {
  const letters = collected.filter((r) => r.topic === 'dlq');
  const reasons = new Map<string, number>();
  for (const { value } of letters) {
    const { stage, reason } = value as { stage?: string; reason?: string };
    const key = `${stage}/${reason}`;
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const detail = [...reasons].map(([key, n]) => `${n} × ${key}`).join(', ');
  return `dead letters          ${letters.length}${detail ? ` (${detail})` : ''}`;
}

function mediaLine({ collected, mediaDir }: SummaryInput): string {
  const stored = collected.filter((r) => r.topic === 'mediaStored');
  const keys = new Set(
    stored.map((r) => (r.value as { storageKey?: string }).storageKey),
  );
  return `media stored          ${stored.length} objects (${keys.size} files) in ${mediaDir}`;
}
