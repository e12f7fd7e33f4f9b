import { trace } from '@opentelemetry/api';
import Fastify, {
  FastifyInstance,
  FastifyServerOptions,
  LogController,
} from 'fastify';
import {
  collectDefaultMetrics,
  Counter,
  Histogram,
  Registry,
} from 'prom-client';
import { fastifyOtel } from './telemetry.js';

/** The example route's message. */
export function greeting(name: string): string {
  return `Hello, ${name}!`;
}

/**
 * The service: `/healthz`, `/hello` and `/metrics`. Logs are JSON lines (pino,
 * Fastify's logger): the format the platform's log collector ships; each request's line carries
 * the ids of its span once tracing is started (`startTelemetry`).
 */
export function createServer(
  options: {
    registry?: Registry;
    logger?: FastifyServerOptions['logger'];
  } = {},
): FastifyInstance {
  const registry = options.registry ?? new Registry();
  collectDefaultMetrics({ register: registry });
  // The request metrics the platform's golden-signal queries read:
  // http_request_duration_seconds{code,method,route} (latency, traffic, errors).
  const labelNames = ['code', 'method', 'route'] as const;
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds.',
    labelNames,
    registers: [registry],
  });
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served.',
    labelNames,
    registers: [registry],
  });

  const app = Fastify({
    logger: options.logger ?? true,
    // One request line of our own (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.register(fastifyOtel.plugin());

  // The ids of the request's span (Fastify's OpenTelemetry instrumentation starts it in an
  // earlier onRequest hook), kept for the request's log line.
  const spans = new WeakMap<object, { traceId: string; spanId: string }>();
  app.addHook('onRequest', async request => {
    const span = trace.getActiveSpan()?.spanContext();
    if (span && trace.isSpanContextValid(span)) spans.set(request, span);
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url;
    if (!route || route === '/metrics') return;
    const seconds = reply.elapsedTime / 1000;
    const labels = {
      code: String(reply.statusCode),
      method: request.method,
      route,
    };
    duration.observe(labels, seconds);
    requests.inc(labels);
    const span = spans.get(request);
    const fields = {
      method: request.method,
      route,
      status: reply.statusCode,
      duration_ms: Math.round(seconds * 1e6) / 1000,
      ...(span ? { trace_id: span.traceId, span_id: span.spanId } : {}),
    };
    if (reply.statusCode >= 500) request.log.error(fields, 'request');
    else request.log.info(fields, 'request');
  });

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get<{ Querystring: { name?: string } }>(
    '/hello',
    async (request, reply) => {
      const name = request.query.name || 'world';
      if (name.length > 64) {
        return reply
          .code(400)
          .send({ error: 'name is longer than 64 characters' });
      }
      return { message: greeting(name) };
    },
  );

  app.get('/metrics', async (_request, reply) => {
    reply.header('content-type', registry.contentType);
    return registry.metrics();
  });

  return app;
}
