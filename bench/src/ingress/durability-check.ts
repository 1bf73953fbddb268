import { count } from '../report/format.ts';
import type { Check } from '../report/verdict.ts';

/**
 * Nothing may be answered 200 without being in Kafka: the topic must hold
 * at least one record per change of every 2xx body. It may hold a few
 * more: requests still in flight when the load generator hung up (after
 * the warm-up and after the window) were written but answered to nobody,
 * at most one per connection each time.
 */
export function durabilityCheck(options: {
  round: number;
  expectedRecords: number;
  topicRecords: number;
  dlqRecords: number;
  connections: number;
  /** Times the load generator hung up: 2 with a warm-up, else 1. */
  loadRuns: number;
  maxChangesPerBody: number;
}): Check {
  const { expectedRecords, topicRecords } = options;
  const extra = topicRecords - expectedRecords;
  const allowance =
    options.loadRuns * options.connections * options.maxChangesPerBody;
  const ok = extra >= 0 && extra <= allowance && options.dlqRecords === 0;
  return {
    name: `every 200 is in Kafka (round ${options.round})`,
    ok,
    detail:
      `2xx answers x changes = ${count(expectedRecords)}; topic holds ` +
      `${count(topicRecords)} (${extra >= 0 ? '+' : ''}${extra}, allowed ` +
      `0..+${allowance} for unanswered in-flight requests); ` +
      `DLQ ${count(options.dlqRecords)}`,
  };
}
