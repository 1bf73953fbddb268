import { ConfigError } from '@wapipe/config';
import { describe, expect, it } from 'vitest';
import { loadMediaFetcherConfig } from './config.ts';

const base = {
  KAFKA_BROKERS: '127.0.0.1:9092',
  REDIS_URL: 'redis://127.0.0.1:6379',
  GRAPH_ACCESS_TOKEN: 'TEST_TOKEN',
};

function issuesOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadMediaFetcherConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe('loadMediaFetcherConfig', () => {
  it('fills the documented defaults', () => {
    const config = loadMediaFetcherConfig(base);
    expect(config).toMatchObject({
      GRAPH_API_BASE_URL: 'https://graph.facebook.com',
      GRAPH_API_VERSION: 'v25.0',
      MEDIA_USER_AGENT: 'wapipe-media-fetcher/0.1',
      MEDIA_CONCURRENCY: 4,
      MEDIA_STORAGE: 'local',
      MEDIA_DIR: './.media',
      CONSUMER_GROUP: 'wapipe-media-fetcher',
    });
    expect(config.MEDIA_MAX_BYTES).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('reads per-WABA tokens', () => {
    const config = loadMediaFetcherConfig({
      ...base,
      GRAPH_ACCESS_TOKENS_BY_WABA: '100=tokA, 200=tokB',
    });
    expect(config.GRAPH_ACCESS_TOKENS_BY_WABA.get('200')).toBe('tokB');
  });

  it('names each bad variable without echoing secrets', () => {
    const issues = issuesOf({
      KAFKA_BROKERS: '127.0.0.1:9092',
      GRAPH_ACCESS_TOKENS_BY_WABA: 'secret-without-waba',
      MEDIA_STORAGE: 's3',
      GRAPH_API_VERSION: '25',
    });
    expect(issues.map((issue) => issue.split(':')[0])).toEqual(
      expect.arrayContaining([
        'REDIS_URL',
        'GRAPH_ACCESS_TOKENS_BY_WABA',
        'GRAPH_API_VERSION',
        'S3_BUCKET',
      ]),
    );
    expect(issues.join('\n')).not.toContain('secret-without-waba');
  });

  it('needs some access token', () => {
    const withoutToken = { ...base, GRAPH_ACCESS_TOKEN: '' };
    expect(issuesOf(withoutToken)).toEqual([
      expect.stringMatching(/^GRAPH_ACCESS_TOKEN: /),
    ]);
  });
});
