import type { StageContext } from '../stages/stage-context.ts';
import {
  startConsumerStage,
  startIngress,
  type RunningIngress,
} from '../stages/pipeline-stages.ts';
import type { RunningStage } from '../stages/start-stage.ts';

export interface PipelineServices {
  ingress: RunningIngress;
  /** Fan-out then processor; empty for the ingress-only phase. */
  consumers: { name: string; stage: RunningStage }[];
}

/**
 * Starts the ingress and, when asked, fan-out and processor, one after
 * the other: each creates the topics the next one subscribes to.
 */
export async function startPipeline(
  ctx: StageContext,
  options: { appSecret: string; withConsumers: boolean },
): Promise<PipelineServices> {
  const ingress = await startIngress(ctx, { appSecret: options.appSecret });
  const services: PipelineServices = { ingress, consumers: [] };
  if (!options.withConsumers) return services;
  try {
    for (const name of ['fanout', 'processor'] as const) {
      services.consumers.push({
        name,
        stage: await startConsumerStage(ctx, name),
      });
    }
    return services;
  } catch (error) {
    await stopPipeline(services);
    throw error;
  }
}

/** Stops everything; safe to call again on what already stopped. */
export async function stopPipeline(services: PipelineServices): Promise<void> {
  await services.ingress.service.stop();
  for (const { stage } of services.consumers) await stage.service.stop();
}

export function pipelinePids(
  services: PipelineServices,
): Record<string, number> {
  const pids: Record<string, number> = {
    ingress: services.ingress.service.pid,
  };
  for (const { name, stage } of services.consumers)
    pids[name] = stage.service.pid;
  return pids;
}
