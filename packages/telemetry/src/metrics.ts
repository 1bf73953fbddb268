import { Registry, collectDefaultMetrics } from 'prom-client';

export type MetricsRegistry = Registry;

/**
 * A fresh registry per service instance (not prom-client's global one), so
 * two services in one process, as in tests and the local demo, never clash.
 */
export function createMetricsRegistry(service: string): MetricsRegistry {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  return registry;
}
