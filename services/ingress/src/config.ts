import { z } from 'zod';
import {
  csv,
  kafkaEnv,
  loadConfig,
  managementEnv,
  milliseconds,
  port,
  positiveInt,
  telemetryEnv,
} from '@wapipe/config';

/** Meta's documented maximum payload is 3 MB (REFERENCE §12.6). */
const DEFAULT_BODY_LIMIT = 4 * 1024 * 1024;

export const ingressEnv = {
  ...kafkaEnv,
  ...telemetryEnv,
  ...managementEnv,
  PORT: port(8080),
  HOST: z.string().default('0.0.0.0'),
  WEBHOOK_PATH: z.string().startsWith('/').default('/webhooks/whatsapp'),
  /** App secrets, comma-separated; two at once during a rotation. */
  APP_SECRETS: csv().default([]),
  /** The verify token typed into Meta's dashboard; unset refuses all. */
  VERIFY_TOKEN: z.string().optional(),
  BODY_LIMIT_BYTES: positiveInt(DEFAULT_BODY_LIMIT),
  /** Longest a client may take to send a whole request (slow bodies). */
  REQUEST_TIMEOUT_MS: milliseconds(30_000),
  /** Longest we wait for Kafka before answering 503 so Meta retries. */
  PRODUCE_DEADLINE_MS: milliseconds(5_000),
  PRODUCE_LINGER_MS: milliseconds(1),
  PRODUCE_MAX_BATCH_RECORDS: positiveInt(1_000),
  /** When set, the forwarded client-certificate subject must name it. */
  REQUIRE_CLIENT_CERT_CN: z.string().optional(),
  CLIENT_CERT_SUBJECT_HEADER: z
    .string()
    .transform((name) => name.toLowerCase())
    .default('ssl-client-subject-dn'),
  /** In-process TLS (for clusters that pass TLS through to the pod). */
  TLS_CERT_FILE: z.string().optional(),
  TLS_KEY_FILE: z.string().optional(),
  /** CA bundle that must have issued the client certificate (mTLS). */
  TLS_CLIENT_CA_FILE: z.string().optional(),
};

export type IngressConfig = ReturnType<typeof loadIngressConfig>;

export function loadIngressConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(ingressEnv, env);
}
