/** Progress lines go to stderr, so stdout holds only the report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
