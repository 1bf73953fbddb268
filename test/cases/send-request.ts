import { request as httpRequest } from 'node:http';

export interface SentResponse {
  status: number;
  body: string;
  contentType: string;
  /** From the first byte written to the last byte of the answer. */
  latencyMs: number;
  /** Set when no HTTP answer came back (connection refused, reset). */
  error?: string;
}

const TIMEOUT_MS = 30_000;

/**
 * One request with exactly these header names (spelling and case kept,
 * which fetch would lower-case) and exactly these body bytes. Node adds
 * only Host, Connection and, for a body, Content-Length.
 */
export function sendRequest(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Buffer | undefined,
): Promise<SentResponse> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  return new Promise((resolve) => {
    const req = httpRequest(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error) => resolve(failed(error, elapsed())));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
          contentType: res.headers['content-type'] ?? '',
          latencyMs: elapsed(),
        }),
      );
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timed out')));
    req.on('error', (error) => resolve(failed(error, elapsed())));
    req.end(body);
  });
}

function failed(error: Error, latencyMs: number): SentResponse {
  return {
    status: 0,
    body: '',
    contentType: '',
    latencyMs,
    error: error.message,
  };
}
