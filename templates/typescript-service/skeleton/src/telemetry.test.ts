import assert from 'node:assert/strict';
import { createServer as createHttpServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { Registry } from 'prom-client';
import { createServer } from './server.js';
import { startTelemetry, traceExportUrl } from './telemetry.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  name: string;
}

/** A minimal OTLP/HTTP trace receiver on 127.0.0.1: keeps the spans of each JSON export. */
async function startOtlpReceiver() {
  const spans: OtlpSpan[] = [];
  const server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', chunk => chunks.push(chunk));
    request.on('end', () => {
      if (request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      for (const resourceSpans of body.resourceSpans ?? []) {
        for (const scopeSpans of resourceSpans.scopeSpans ?? []) {
          spans.push(...scopeSpans.spans);
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{}');
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { spans, url: `http://127.0.0.1:${port}`, server };
}

test('exports the span of a request, with the trace id of its log line', async () => {
  const receiver = await startOtlpReceiver();
  const telemetry = startTelemetry({
    OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
  });
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).trim().split('\n'));
      done();
    },
  });
  const app = createServer({ registry: new Registry(), logger: { stream } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const response = await fetch(`${address}/hello?name=Ada`);
  assert.equal(response.status, 200);
  await app.close();
  // Shutting down flushes the batched spans to the receiver.
  await telemetry.shutdown();
  receiver.server.closeAllConnections();
  receiver.server.close();

  const entry = JSON.parse(lines.find(line => line.includes('"request"'))!);
  assert.match(entry.trace_id, /^[0-9a-f]{32}$/);
  const span = receiver.spans.find(s => s.spanId === entry.span_id);
  assert.equal(span?.traceId, entry.trace_id);
  assert.ok(receiver.spans.every(s => s.traceId === entry.trace_id));
});

test('names the OTLP traces URL from the standard variables', () => {
  assert.equal(traceExportUrl({}), undefined);
  assert.equal(
    traceExportUrl({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318/' }),
    'http://127.0.0.1:4318/v1/traces',
  );
  assert.equal(
    traceExportUrl({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:9999/traces',
    }),
    'http://127.0.0.1:9999/traces',
  );
});
