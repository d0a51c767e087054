import type { IncomingMessage } from 'node:http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  defaultResource,
  detectResources,
  envDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/** Requests that are not work: probes and scrapes would otherwise start a trace each. */
const UNTRACED_PATHS = ['/health', '/metrics'];

/**
 * The OpenTelemetry SDK of one service: spans batched to OTLP/HTTP (the exporter reads the
 * standard OTEL_EXPORTER_OTLP_* variables), W3C trace context, and the instrumentations of the
 * libraries the services use. Loaded only when tracing is on: its modules are not even required
 * otherwise.
 */
export function startOtelSdk(serviceName: string): { shutdown(): Promise<void> } {
  const provider = new NodeTracerProvider({
    // OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win over the defaults.
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }))
      .merge(detectResources({ detectors: [envDetector] })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // Registers the provider, an AsyncLocalStorage context manager and the W3C propagators.
  provider.register();
  const unregister = registerInstrumentations({
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request: IncomingMessage) =>
          UNTRACED_PATHS.some((path) => request.url?.startsWith(path) ?? false),
        // Background calls (lag reads, token refreshes between syncs) would be traces of one span.
        requireParentforOutgoingSpans: true,
      }),
      new ExpressInstrumentation(),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // The relay's and the readiness probe's polls run outside any span: they stay untraced.
      new PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true }),
      // Log lines written while a span is active carry trace_id and span_id.
      new PinoInstrumentation({ disableLogSending: true }),
    ],
  });
  return {
    shutdown: async () => {
      unregister();
      await provider.shutdown();
    },
  };
}
