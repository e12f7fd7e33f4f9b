import { FastifyOtelInstrumentation } from '@fastify/otel';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  NoopSpanProcessor,
  SpanProcessor,
} from '@opentelemetry/sdk-trace';

/** The service's name in its spans, unless $OTEL_SERVICE_NAME says otherwise. */
export const serviceName = '${{ values.name }}';

/**
 * Fastify's OpenTelemetry instrumentation: `createServer` registers its plugin, which starts a
 * span per request (none for `/metrics` scrapes) once `startTelemetry` has run.
 */
export const fastifyOtel = new FastifyOtelInstrumentation({
  ignorePaths: route => route.url === '/metrics',
});

/**
 * The OTLP/HTTP traces URL the standard variables name: `$OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`,
 * else `$OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/traces`; undefined when neither is set.
 */
export function traceExportUrl(env: NodeJS.ProcessEnv): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) {
    return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  }
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) {
    return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`;
  }
  return undefined;
}

/**
 * Starts OpenTelemetry tracing: a span per request (node:http and Fastify instrumentation)
 * that continues the caller's W3C `traceparent`. Spans always get ids, which the request logs
 * carry; they are exported over OTLP/HTTP only when `traceExportUrl` names an endpoint
 * (`$OTEL_EXPORTER_OTLP_HEADERS` and the other standard variables apply). Metrics stay on
 * prom-client and logs on stdout, so the SDK exports neither. Start it before Fastify is loaded;
 * `shutdown()` flushes the last spans.
 */
export function startTelemetry(env: NodeJS.ProcessEnv = process.env): NodeSDK {
  const url = traceExportUrl(env);
  const spanProcessor: SpanProcessor = url
    ? new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url }) })
    : new NoopSpanProcessor();
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME || serviceName,
    spanProcessors: [spanProcessor],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [new HttpInstrumentation(), fastifyOtel],
  });
  sdk.start();
  return sdk;
}
