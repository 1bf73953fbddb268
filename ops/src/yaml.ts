/**
 * A small YAML writer for the manifests the generator emits: maps, lists,
 * strings, numbers and booleans. Prettier formats the result afterwards;
 * this only has to be correct.
 */
export function toYaml(value: unknown): string {
  return `${lines(value, 0).join('\n')}\n`;
}

function lines(value: unknown, indent: number): string[] {
  if (Array.isArray(value)) return listLines(value, indent);
  if (isMap(value)) return mapLines(value, indent);
  return [pad(indent) + scalar(value)];
}

function mapLines(map: Record<string, unknown>, indent: number): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    if (value === undefined) continue;
    if (isNested(value)) {
      out.push(`${pad(indent)}${key}:`, ...lines(value, indent + 2));
    } else {
      out.push(`${pad(indent)}${key}: ${scalar(value)}`);
    }
  }
  return out;
}

// A list item's first line shares the dash; the rest indent under it.
function listLines(list: unknown[], indent: number): string[] {
  const out: string[] = [];
  for (const item of list) {
    const [first = '', ...rest] = lines(item, indent + 2);
    out.push(`${pad(indent)}- ${first.trimStart()}`, ...rest);
  }
  return out;
}

function scalar(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  if (Array.isArray(value)) return '[]';
  if (isMap(value)) return '{}';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return PLAIN.test(text) && !RESERVED.test(text) ? text : JSON.stringify(text);
}

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|~)$/i;

function isNested(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return isMap(value) && Object.keys(value).length > 0;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function pad(indent: number): string {
  return ' '.repeat(indent);
}
