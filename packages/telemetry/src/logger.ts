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
export function createLogger(options: {
  service: string;
  level?: string;
}): Logger {
  return pino({
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
