import { describe, expect, it } from 'vitest';
import { downloadErrorOf, lookupErrorOf } from './classify-response.ts';

const meta = (error: Record<string, unknown>) => ({ error });

describe('lookupErrorOf', () => {
  it.each([
    [429, {}, 'WAP_MEDIA_GRAPH_THROTTLED', true],
    [400, { code: 4 }, 'WAP_MEDIA_GRAPH_THROTTLED', true],
    [400, { code: 80007 }, 'WAP_MEDIA_GRAPH_THROTTLED', true],
    [400, { code: 130429 }, 'WAP_MEDIA_GRAPH_THROTTLED', true],
    [400, { code: 131056 }, 'WAP_MEDIA_GRAPH_THROTTLED', true],
    [503, { code: 2, is_transient: true }, 'WAP_MEDIA_GRAPH_UNAVAILABLE', true],
    [400, { code: 9, is_transient: true }, 'WAP_MEDIA_GRAPH_UNAVAILABLE', true],
    [500, {}, 'WAP_MEDIA_GRAPH_UNAVAILABLE', true],
    [401, { code: 190 }, 'WAP_MEDIA_TOKEN_INVALID', false],
    [400, { code: 100, error_subcode: 33 }, 'WAP_MEDIA_GONE', false],
    [400, { code: 100 }, 'WAP_MEDIA_GRAPH_REJECTED', false],
  ])('classifies %i %j as %s', (status, error, code, retriable) => {
    const failure = lookupErrorOf(status, meta(error), null);
    expect(failure.code).toBe(code);
    expect(failure.retriable).toBe(retriable);
  });

  it('keeps the Retry-After and labels the Meta code', () => {
    const failure = lookupErrorOf(429, meta({ code: 4 }), '7');
    expect(failure.retryAfterMs).toBe(7_000);
    expect(failure.graphCode).toBe('4');
  });

  it('labels an answer without a Meta body by its status', () => {
    expect(lookupErrorOf(502, 'Bad Gateway', null).graphCode).toBe('http_502');
  });
});

describe('downloadErrorOf', () => {
  it.each([401, 403, 404, 410])('asks to resolve again on %i', (status) => {
    const failure = downloadErrorOf(status, null);
    expect(failure.code).toBe('WAP_MEDIA_URL_REFUSED');
    expect(failure.retriable).toBe(true);
  });

  it.each([429, 500, 503])('retries %i on the same url', (status) => {
    expect(downloadErrorOf(status, '2')).toMatchObject({
      code: 'WAP_MEDIA_DOWNLOAD_FAILED',
      retriable: true,
      retryAfterMs: 2_000,
    });
  });
});
