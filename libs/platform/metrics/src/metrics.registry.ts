import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The process's one registry: every subsync metric and Node's default process metrics
 * (CPU, memory, event loop lag, GC). One registry per process is what Prometheus scrapes.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/**
 * Names the service on every series, so numbers read from several services (a Prometheus
 * server, or later the gateway gathering them for the console) keep saying where they came from.
 */
export function labelMetricsWithService(service: string): void {
  metricsRegistry.setDefaultLabels({ service });
}

/** The Prometheus text exposition of everything registered, and its content type. */
export async function metricsExposition(): Promise<{ contentType: string; text: string }> {
  return { contentType: metricsRegistry.contentType, text: await metricsRegistry.metrics() };
}
