import { OTHER_PROCESSES, type CpuShare } from '../process/cpu-meter.ts';
import { core } from './format.ts';

/** Above this share of a core, someone else's work skews the figures. */
const NOTICEABLE_PERCENT = 20;

/** A warning line per run that shared the cores with other work. */
export function interferenceNotes(
  runs: { label: string; cpu: CpuShare[] }[],
): string {
  const notes = runs.flatMap(({ label, cpu }) => {
    const other = cpu.find((c) => c.name === OTHER_PROCESSES)?.percent;
    if (other === undefined || other < NOTICEABLE_PERCENT) return [];
    return [
      `note: during ${label}, processes outside the bench used ${core(other)} ` +
        'of a core; its figures are disturbed, run again on a quiet machine',
    ];
  });
  return notes.length > 0 ? `\n${notes.join('\n')}\n` : '';
}
