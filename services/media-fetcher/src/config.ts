import { z } from 'zod';
import {
  ConfigError,
  booleanFlag,
  kafkaEnv,
  loadConfig,
  managementEnv,
  milliseconds,
  positiveInt,
  redisEnv,
  telemetryEnv,
} from '@wapipe/config';

const MIB = 1024 * 1024;

/**
 * `wabaId=token,wabaId2=token2`. Values are never echoed in errors: they
 * are secrets.
 */
const tokensByWaba = z
  .string()
  .default('')
  .transform((raw, ctx) => {
    const tokens = new Map<string, string>();
    for (const entry of raw.split(',').map((part) => part.trim())) {
      if (entry === '') continue;
      const [waba, token] = splitOnce(entry, '=');
      if (!/^\d+$/.test(waba) || token === '') {
        ctx.addIssue({ code: 'custom', message: 'expects wabaId=token,…' });
        return z.NEVER;
      }
      tokens.set(waba, token);
    }
    return tokens;
  });

export const mediaFetcherEnv = {
  ...kafkaEnv,
  ...redisEnv,
  ...telemetryEnv,
  ...managementEnv,
  /** Defaults to `${TOPIC_PREFIX}wapipe-media-fetcher`. */
  CONSUMER_GROUP: z.string().min(1).optional(),
  GRAPH_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'expects a version like v25.0')
    .default('v25.0'),
  GRAPH_ACCESS_TOKEN: z.string().min(1).optional(),
  /** Per-WABA tokens; a WABA not listed uses GRAPH_ACCESS_TOKEN. */
  GRAPH_ACCESS_TOKENS_BY_WABA: tokensByWaba,
  GRAPH_LOOKUP_TIMEOUT_MS: milliseconds(10_000),
  MEDIA_USER_AGENT: z.string().min(1).default('wapipe-media-fetcher/0.1'),
  /** Downloads in flight per pod. */
  MEDIA_CONCURRENCY: positiveInt(4),
  /** Meta's inbound limit is 100 MB (§14.3); the margin absorbs rounding. */
  MEDIA_MAX_BYTES: positiveInt(100 * MIB + 5 * MIB),
  MEDIA_MAX_ATTEMPTS: positiveInt(5),
  MEDIA_RETRY_BASE_MS: positiveInt(500),
  MEDIA_RETRY_MAX_MS: positiveInt(30_000),
  MEDIA_DOWNLOAD_TIMEOUT_MS: positiveInt(120_000),
  /** Lease of a claim; renewed while the download runs. */
  MEDIA_CLAIM_LEASE_MS: positiveInt(60_000),
  /** How long a finished media id is remembered: past Meta's 7 days. */
  MEDIA_DONE_TTL_SECONDS: positiveInt(8 * 24 * 60 * 60),
  MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
  MEDIA_DIR: z.string().min(1).default('./.media'),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_FORCE_PATH_STYLE: booleanFlag(false),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
};

export type MediaFetcherConfig = z.infer<
  z.ZodObject<typeof mediaFetcherEnv>
> & { CONSUMER_GROUP: string };

/**
 * Validates the environment; throws ConfigError with one line per bad
 * variable, including the rules that span two variables.
 */
export function loadMediaFetcherConfig(
  env: NodeJS.ProcessEnv,
): MediaFetcherConfig {
  const crossField = crossFieldIssues(env);
  let config: z.infer<z.ZodObject<typeof mediaFetcherEnv>>;
  try {
    config = loadConfig(mediaFetcherEnv, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    throw new ConfigError([...error.issues, ...crossField]);
  }
  if (crossField.length > 0) throw new ConfigError(crossField);
  const group =
    config.CONSUMER_GROUP ?? `${config.TOPIC_PREFIX}wapipe-media-fetcher`;
  return { ...config, CONSUMER_GROUP: group };
}

function crossFieldIssues(env: NodeJS.ProcessEnv): string[] {
  const issues: string[] = [];
  if (!env.GRAPH_ACCESS_TOKEN && !env.GRAPH_ACCESS_TOKENS_BY_WABA) {
    issues.push(
      'GRAPH_ACCESS_TOKEN: is required unless GRAPH_ACCESS_TOKENS_BY_WABA is set',
    );
  }
  if (env.MEDIA_STORAGE === 's3' && !env.S3_BUCKET) {
    issues.push('S3_BUCKET: is required when MEDIA_STORAGE is s3');
  }
  return issues;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at < 0) return [text, ''];
  return [text.slice(0, at).trim(), text.slice(at + 1).trim()];
}
