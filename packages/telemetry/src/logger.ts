import pino from 'pino';
import type { Logger as PinoLogger } from 'pino';

export type Logger = PinoLogger;

/**
 * Paths pino removes from every log line. Phone numbers, profile names,
 * message text and secrets must never reach a log store, so any field that
 * could carry one is listed at the depths our code logs them.
 */
export const REDACTED_PATHS = [
  'phone',
  'from',
  'wa_id',
  'waId',
  'recipient_id',
  'recipientId',
  'display_phone_number',
  'displayPhoneNumber',
  'name',
  'text',
  'body',
  'caption',
  'profile',
  'contact',
  'contacts',
  'secret',
  'appSecret',
  'appSecrets',
  'token',
  'accessToken',
  'verifyToken',
  'password',
  'authorization',
  '*.phone',
  '*.from',
  '*.wa_id',
  '*.recipient_id',
  '*.display_phone_number',
  '*.name',
  '*.text',
  '*.body',
  '*.caption',
  '*.profile',
  '*.contacts',
  '*.secret',
  '*.token',
  '*.password',
  '*.authorization',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'headers.authorization',
  'headers["x-hub-signature-256"]',
];

/** A pino JSON logger bound to the service name, with redaction on. */
export function createLogger(
  options: { service: string; level?: string },
  destination?: NodeJS.WritableStream,
): Logger {
  const settings: pino.LoggerOptions = {
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { err: serializeError },
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(settings, destination) : pino(settings);
}

// Client errors carry what they sent: ioredis a command's arguments (Redis
// keys name group participants, i.e. phone numbers), HTTP clients request
// options with tokens. Those fields are dropped wherever they nest.
const ERROR_FIELDS_DROPPED = new Set(['command', 'args', 'options', 'config']);

function serializeError(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  return dropFields(out, 0);
}

function dropFields(value: unknown, depth: number): unknown {
  if (depth > 4 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => dropFields(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (!ERROR_FIELDS_DROPPED.has(key)) out[key] = dropFields(field, depth + 1);
  }
  return out;
}
