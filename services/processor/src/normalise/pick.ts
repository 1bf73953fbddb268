// Typed reads from Meta's untyped objects: a missing or oddly typed field
// becomes null instead of an exception (Meta omits fields in documented
// cases, and a throw here would stall a partition).

export type Json = Record<string, unknown>;

export function obj(value: unknown, key?: string): Json | null {
  const target = key === undefined ? value : (value as Json | null)?.[key];
  if (typeof target !== 'object' || target === null || Array.isArray(target))
    return null;
  return target as Json;
}

export function str(value: Json | null, key: string): string | null {
  const field = value?.[key];
  if (typeof field === 'string') return field;
  return typeof field === 'number' ? String(field) : null;
}

export function num(value: Json | null, key: string): number | null {
  const field = value?.[key];
  return typeof field === 'number' && Number.isFinite(field) ? field : null;
}

export function bool(value: Json | null, key: string): boolean | null {
  const field = value?.[key];
  return typeof field === 'boolean' ? field : null;
}

export function list(value: Json | null, key: string): unknown[] {
  const field = value?.[key];
  return Array.isArray(field) ? field : [];
}
