import { count, percent } from '../report/format.ts';
import { medianBy } from '../report/median.ts';
import { renderTable } from '../report/table.ts';
import type { PhaseResult } from './run-phase.ts';

/** An ingress-only phase and the whole-pipeline phase run right after it. */
export interface Round {
  a: PhaseResult;
  b: PhaseResult;
}

/** End-to-end updates/s of B as a share of A's accepted updates/s. */
export function shareOfIngress({ a, b }: Round): number {
  const throughput = b.processed?.perSecInWindow ?? 0;
  return a.acceptedUpdatesPerSec > 0 ? throughput / a.acceptedUpdatesPerSec : 0;
}

/** The round whose B/A share is the median (the lower one of two). */
export function medianRound(rounds: Round[]): Round {
  return medianBy(rounds, shareOfIngress);
}

/** One line per round: A's and B's rates and their ratio. */
export function roundsTable(rounds: Round[]): string {
  const rows = rounds.map((round, i) => [
    `round ${i + 1}`,
    count(round.a.acceptedUpdatesPerSec),
    count(round.b.processed?.perSecInWindow ?? 0),
    percent(shareOfIngress(round)),
  ]);
  const header = ['', 'A updates/s', 'B e2e updates/s', 'B/A'];
  return renderTable(header, rows);
}
