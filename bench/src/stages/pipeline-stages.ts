import { freePort } from '../process/free-port.ts';
import type { StageContext } from './stage-context.ts';
import { startStage, type RunningStage } from './start-stage.ts';

export const WEBHOOK_PATH = '/webhooks/whatsapp';

export interface RunningIngress extends RunningStage {
  webhookUrl: string;
}

/**
 * The real ingress (services/ingress/src/main.ts). PRODUCE_LINGER_MS and
 * PRODUCE_MAX_BATCH_RECORDS pass through from the bench's environment.
 */
export async function startIngress(
  ctx: StageContext,
  options: { appSecret: string; nodeArgs?: string[] },
): Promise<RunningIngress> {
  const port = await freePort();
  const stage = await startStage(ctx, {
    name: 'ingress',
    entry: 'services/ingress/src/main.ts',
    env: {
      APP_SECRETS: options.appSecret,
      PORT: String(port),
      HOST: '127.0.0.1',
      WEBHOOK_PATH,
    },
    nodeArgs: options.nodeArgs,
  });
  return { ...stage, webhookUrl: `http://127.0.0.1:${port}${WEBHOOK_PATH}` };
}

/** Fan-out and processor: consumers that also need Redis. */
export function startConsumerStage(
  ctx: StageContext,
  name: 'fanout' | 'processor',
): Promise<RunningStage> {
  return startStage(ctx, {
    name,
    entry: `services/${name}/src/main.ts`,
    env: { REDIS_URL: ctx.redisUrl, REDIS_KEY_PREFIX: ctx.prefix },
  });
}
