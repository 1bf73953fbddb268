export interface Check {
  name: string;
  ok: boolean;
  /** The measured figure against the target, for the reader. */
  detail: string;
}

/** Prints one line per check; true when every check passed. */
export function printVerdict(title: string, checks: Check[]): boolean {
  const lines = checks.map(
    (check) =>
      `  ${check.ok ? 'PASS' : 'FAIL'}  ${check.name}: ${check.detail}`,
  );
  const allOk = checks.every((check) => check.ok);
  process.stdout.write(
    `\n${title}: ${allOk ? 'all targets met' : 'target missed'}\n${lines.join('\n')}\n`,
  );
  return allOk;
}
