import { optionalBoolean, optionalString, optionalUrl, type Env } from './env-readers';

/** Whether a service exports traces, and as what; the OTLP exporter reads its other settings itself. */
export type TracingConfig = { enabled: false } | { enabled: true; serviceName: string };

const OTLP_PROTOCOLS = ['http:', 'https:'];

/**
 * Traces are exported over OTLP/HTTP when `OTEL_EXPORTER_OTLP_ENDPOINT` (or the traces-only
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) is set, and `OTEL_SDK_DISABLED` is not `true`;
 * `OTEL_SERVICE_NAME` names the service, by default the service's own name. The endpoints are
 * checked here because the exporter would fall back to localhost with only a warning.
 */
export function readTracingConfig(env: Env, service: string): TracingConfig {
  const endpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', OTLP_PROTOCOLS);
  const tracesEndpoint = optionalUrl(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', OTLP_PROTOCOLS);
  if (optionalBoolean(env, 'OTEL_SDK_DISABLED', false)) return { enabled: false };
  if (endpoint === undefined && tracesEndpoint === undefined) return { enabled: false };
  return { enabled: true, serviceName: optionalString(env, 'OTEL_SERVICE_NAME') ?? service };
}
