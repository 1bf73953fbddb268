import { freePort } from '../process/free-port.ts';
import { startService } from '../process/service-process.ts';
import { waitReady } from '../process/wait-ready.ts';
import type { RunningIngress } from '../stages/pipeline-stages.ts';
import { WEBHOOK_PATH } from '../stages/pipeline-stages.ts';

/** The bare fastify yardstick (baseline-server.ts) in its own process. */
export async function startBaseline(runDir: string): Promise<RunningIngress> {
  const port = await freePort();
  const service = startService(
    {
      name: 'baseline',
      entry: 'bench/src/ingress/baseline-server.ts',
      env: { PORT: String(port), WEBHOOK_PATH },
    },
    runDir,
  );
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitReady(service, `${base}/readyz`);
  } catch (error) {
    await service.stop();
    throw error;
  }
  return { service, managementUrl: base, webhookUrl: `${base}${WEBHOOK_PATH}` };
}
