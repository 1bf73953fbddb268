import { parseArgs } from 'node:util';

type FlagValue = number | boolean;

/**
 * Reads `--name value` (numbers) and `--name` (booleans) for the names in
 * `defaults`; anything else stops the run with a usage error.
 */
export function readFlags<T extends Record<string, FlagValue>>(
  defaults: T,
  argv: string[] = process.argv.slice(2),
): T {
  const { values } = parseArgs({
    args: argv,
    options: optionsFor(defaults),
    strict: true,
  });
  const flags: Record<string, FlagValue> = { ...defaults };
  for (const [name, raw] of Object.entries(values)) {
    flags[name] = typeof raw === 'string' ? positive(name, raw) : raw === true;
  }
  return flags as T;
}

function optionsFor(defaults: Record<string, FlagValue>) {
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [name, value] of Object.entries(defaults)) {
    options[name] = { type: typeof value === 'boolean' ? 'boolean' : 'string' };
  }
  return options;
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} needs a positive number, got "${raw}"`);
  }
  return value;
}
