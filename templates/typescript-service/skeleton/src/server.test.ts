import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, test } from 'node:test';
import { Registry } from 'prom-client';
import { listenPort } from './main.js';
import { createServer, greeting } from './server.js';
import { startTelemetry } from './telemetry.js';

// Spans with ids but no export: no OTLP endpoint in this environment.
const telemetry = startTelemetry({});
after(() => telemetry.shutdown());

function serverWithLogs() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const registry = new Registry();
  const app = createServer({ registry, logger: { stream } });
  return { app, registry, lines };
}

test('greets by name', () => {
  assert.equal(greeting('Ada'), 'Hello, Ada!');
});

test('answers the health and example routes', async () => {
  const { app } = serverWithLogs();
  const health = await app.inject('/healthz');
  assert.deepEqual(health.json(), { status: 'ok' });
  const hello = await app.inject('/hello?name=Ada');
  assert.deepEqual(hello.json(), { message: 'Hello, Ada!' });
  const tooLong = await app.inject(`/hello?name=${'x'.repeat(65)}`);
  assert.equal(tooLong.statusCode, 400);
});

test('counts requests by code, method and route', async () => {
  const { app, registry } = serverWithLogs();
  await app.inject('/hello?name=Ada');
  await app.inject(`/hello?name=${'x'.repeat(65)}`);
  const metrics = await app.inject('/metrics');
  assert.match(
    metrics.body,
    /http_request_duration_seconds_count\{code="200",method="GET",route="\/hello"\} 1/,
  );
  const total = await registry.getSingleMetric('http_requests_total')?.get();
  assert.deepEqual(
    total?.values.map(value => [value.labels.code, value.value]),
    [
      ['200', 1],
      ['400', 1],
    ],
  );
});

test('logs each request as JSON with the ids of its span', async () => {
  const { app, lines } = serverWithLogs();
  await app.inject({
    url: '/hello',
    headers: {
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    },
  });
  const entry = JSON.parse(lines[lines.length - 1]);
  assert.equal(entry.msg, 'request');
  assert.equal(entry.route, '/hello');
  assert.equal(entry.status, 200);
  // The request's span continues the caller's trace, as a child of the caller's span.
  assert.equal(entry.trace_id, '4bf92f3577b34da6a3ce929d0e0e4736');
  assert.match(entry.span_id, /^[0-9a-f]{16}$/);
  assert.notEqual(entry.span_id, '00f067aa0ba902b7');
});

test('starts a trace of its own without a valid traceparent', async () => {
  const { app, lines } = serverWithLogs();
  await app.inject('/healthz');
  await app.inject({
    url: '/healthz',
    headers: { traceparent: `00-${'0'.repeat(32)}-00f067aa0ba902b7-01` },
  });
  const [fresh, malformed] = lines.map(line => JSON.parse(line));
  for (const entry of [fresh, malformed]) {
    assert.match(entry.trace_id, /^[0-9a-f]{32}$/);
    assert.notEqual(entry.trace_id, '0'.repeat(32));
  }
  assert.notEqual(fresh.trace_id, malformed.trace_id);
});

test('listens on $PORT, 8080 by default', () => {
  assert.equal(listenPort({}), 8080);
  assert.equal(listenPort({ PORT: '9000' }), 9000);
});
