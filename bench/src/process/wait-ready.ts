import { sleep } from '../sleep.ts';
import type { ServiceProcess } from './service-process.ts';

/**
 * Polls `url` until it answers 2xx. Fails at once when the process exits
 * (a config error, say) and after `timeoutMs` otherwise.
 */
export async function waitReady(
  service: ServiceProcess,
  url: string,
  timeoutMs = 90_000,
): Promise<void> {
  let exitCode: number | undefined;
  void service.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exitCode !== undefined) {
      throw new Error(
        `${service.name} exited (${exitCode}) before it was ready; see ${service.logFile}`,
      );
    }
    if (await answersOk(url)) return;
    await sleep(200);
  }
  throw new Error(
    `${service.name} not ready at ${url} after ${timeoutMs} ms; see ${service.logFile}`,
  );
}

async function answersOk(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
