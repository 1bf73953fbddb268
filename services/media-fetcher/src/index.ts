export {
  loadMediaFetcherConfig,
  mediaFetcherEnv,
  type MediaFetcherConfig,
} from './config.ts';
export {
  buildMediaFetcher,
  SERVICE_NAME,
  type MediaFetcher,
} from './media-fetcher.ts';
export { METRIC } from './metrics.ts';
export * from './errors.ts';
