import {
  WHATSAPP_OBJECT,
  type MetaChange,
  type MetaEntry,
} from './webhook-envelope.ts';

// The ingress reads every webhook through these, so they skip what a zod
// parse does on top of the checks: copying each object it accepts. They
// accept exactly what metaEnvelope, metaEntry and metaChange accept
// (read-envelope.test.ts holds them to it); the zod schemas stay the
// definition.

/** The `entry` array of a WhatsApp webhook envelope, or undefined. */
export function readEnvelopeEntries(json: unknown): unknown[] | undefined {
  if (!isRecord(json) || json.object !== WHATSAPP_OBJECT) return undefined;
  return Array.isArray(json.entry) ? (json.entry as unknown[]) : undefined;
}

/** What we read of one `entry[]` element, or undefined if malformed. */
export function readEntry(raw: unknown): MetaEntry | undefined {
  if (!isRecord(raw) || !Array.isArray(raw.changes)) return undefined;
  const { id, time } = raw;
  if (typeof id !== 'string' && !isFiniteNumber(id)) return undefined;
  return {
    id: String(id),
    time: isFiniteNumber(time) ? time : undefined,
    changes: raw.changes as unknown[],
  };
}

/** What we read of one `changes[]` element, or undefined if malformed. */
export function readChange(raw: unknown): MetaChange | undefined {
  if (!isRecord(raw) || typeof raw.field !== 'string') return undefined;
  if (!('value' in raw)) return undefined; // zod requires the key
  return { field: raw.field, value: raw.value };
}

// zod's z.number() refuses Infinity, which JSON.parse makes of 1e400.
function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
