import { percent } from '../report/format.ts';
import { renderTable } from '../report/table.ts';
import { readCpuProfile } from './cpu-profile.ts';
import { summarizeProfile } from './profile-summary.ts';

const TOP = 15;

/** Prints where a process spent its CPU, from a `--cpu-prof` file. */
export function printProfileSummary(path: string): void {
  const summary = summarizeProfile(readCpuProfile(path));
  const share = (ms: number) => percent(ms / summary.busyMs);
  const table = (title: string, rows: [string, number][]) =>
    renderTable(
      [title, 'ms', 'of busy'],
      rows
        .slice(0, TOP)
        .map(([label, ms]) => [label, ms.toFixed(0), share(ms)]),
    );
  process.stdout.write(
    `\nCPU profile ${path}\n` +
      `busy ${summary.busyMs.toFixed(0)} ms, idle ${summary.idleMs.toFixed(0)} ms\n\n` +
      `${table('self time by module', summary.selfByModule)}\n\n` +
      `${table('on the stack (inclusive) by module', summary.inclusiveByModule)}\n\n` +
      `${table('self time by function', summary.selfByFunction)}\n`,
  );
}
