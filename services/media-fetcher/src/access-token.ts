import type { MediaFetcherConfig } from './config.ts';
import { NoAccessTokenError } from './errors.ts';

type TokenConfig = Pick<
  MediaFetcherConfig,
  'GRAPH_ACCESS_TOKEN' | 'GRAPH_ACCESS_TOKENS_BY_WABA'
>;

/** The WABA's own token when one is configured, else the default. */
export function accessTokenFor(config: TokenConfig, wabaId: string): string {
  const token =
    config.GRAPH_ACCESS_TOKENS_BY_WABA.get(wabaId) ?? config.GRAPH_ACCESS_TOKEN;
  if (token === undefined) {
    throw new NoAccessTokenError('no graph access token for this waba');
  }
  return token;
}
