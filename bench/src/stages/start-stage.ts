import { freePort } from '../process/free-port.ts';
import {
  startService,
  type ServiceProcess,
} from '../process/service-process.ts';
import { waitReady } from '../process/wait-ready.ts';
import { commonEnv, profileName, type StageContext } from './stage-context.ts';

export interface StageSpec {
  name: string;
  entry: string;
  /** Service-specific variables, on top of the common ones. */
  env?: Record<string, string>;
  nodeArgs?: string[];
}

export interface RunningStage {
  service: ServiceProcess;
  /** Base URL of the management server (`/readyz`, `/metrics`). */
  managementUrl: string;
}

/**
 * Starts one pipeline service and waits for its `/readyz` on the
 * management port; a service that never gets ready is stopped again.
 */
export async function startStage(
  ctx: StageContext,
  spec: StageSpec,
): Promise<RunningStage> {
  const managementPort = await freePort();
  const managementUrl = `http://127.0.0.1:${managementPort}`;
  const service = startService(
    {
      name: `${ctx.label}${spec.name}`,
      entry: spec.entry,
      env: { ...commonEnv(ctx, managementPort), ...spec.env },
      nodeArgs: [...(spec.nodeArgs ?? []), ...profileArgs(ctx, spec.name)],
    },
    ctx.runDir,
  );
  try {
    await waitReady(service, `${managementUrl}/readyz`);
    return { service, managementUrl };
  } catch (error) {
    await service.stop();
    throw error;
  }
}

function profileArgs(ctx: StageContext, name: string): string[] {
  if (!ctx.profile) return [];
  return [
    '--cpu-prof',
    `--cpu-prof-dir=${ctx.runDir}`,
    `--cpu-prof-name=${profileName(ctx, name)}`,
  ];
}
