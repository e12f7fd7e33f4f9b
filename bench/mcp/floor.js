#!/usr/bin/env node
/* eslint-disable no-console */
// What MCP's own request handling costs the server per call, with no
// Backstage and no action work: see "The floor" in README.md.
const { join } = require('node:path');
const { Worker, isMainThread, parentPort } = require('node:worker_threads');

const repoRoot = join(__dirname, '../..');
const CLIENTS = Number(process.env.CLIENTS ?? 20);
const REQUESTS = Number(process.env.REQUESTS ?? 4000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

const sdk = path => require(`@modelcontextprotocol/sdk/${path}`);
const { Server } = sdk('server/index.js');
const { StreamableHTTPServerTransport } = sdk('server/streamableHttp.js');
const { CallToolRequestSchema, ListToolsRequestSchema } = sdk('types.js');
const { AjvJsonSchemaValidator } = sdk('validation/ajv');

/** The answer every endpoint gives: what a small action's output looks like. */
const OUTPUT = {
  resultType: 'vector',
  result: [{ metric: { app: 'payments-api' }, value: [1765000000, '0.1'] }],
};

/** One MCP server with the one tool, as mcp-actions-backend builds them. */
function mcpServer(validator) {
  const server = new Server(
    { name: 'floor', version: '1.0.0' },
    { capabilities: { tools: {} }, jsonSchemaValidator: validator },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: [{ name: 'answer', inputSchema: { type: 'object' } }],
  }));
  server.setRequestHandler(CallToolRequestSchema, async () => ({
    content: [{ type: 'text', text: JSON.stringify(OUTPUT) }],
    structuredContent: OUTPUT,
  }));
  return server;
}

async function serve() {
  const express = require('express');
  const app = express();
  app.use(express.json());
  // A REST route: the baseline.
  app.get('/rest', (_req, res) => res.json(OUTPUT));
  // As mcp-actions-backend (with the backend's patch) answers a POST: a new
  // stateless server and transport per request, one shared validator, JSON.
  const validator = new AjvJsonSchemaValidator();
  app.post('/mcp', async (req, res) => {
    const server = mcpServer(validator);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    await server.connect(transport);
    await transport.handleRequest(req, res, req.body);
    res.on('close', () => {
      transport.close();
      server.close();
    });
  });
  // A server and transport per session, kept across requests: what a
  // stateful mcp-actions-backend would cost.
  const sessions = new Map();
  app.post('/mcp-session', async (req, res) => {
    const id = req.headers['mcp-session-id'];
    let transport = id && sessions.get(id);
    if (!transport) {
      transport = new StreamableHTTPServerTransport({
        sessionIdGenerator: () => crypto.randomUUID(),
        enableJsonResponse: true,
        onsessioninitialized: sid => sessions.set(sid, transport),
      });
      await mcpServer(validator).connect(transport);
    }
    await transport.handleRequest(req, res, req.body);
  });
  // The least any JSON-RPC endpoint does: read the request, answer it.
  app.post('/jsonrpc', (req, res) => {
    const { id, method } = req.body;
    if (method !== 'tools/call') {
      res.status(400).json({ jsonrpc: '2.0', id, error: { code: -32601 } });
      return;
    }
    res.json({
      jsonrpc: '2.0',
      id,
      result: {
        content: [{ type: 'text', text: JSON.stringify(OUTPUT) }],
        structuredContent: OUTPUT,
      },
    });
  });
  const server = await new Promise(done => {
    const s = app.listen(0, '127.0.0.1', () => done(s));
  });
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

const threadCpuMs = () => {
  const { user, system } = process.threadCpuUsage();
  return (user + system) / 1000;
};

async function main() {
  const { server, base } = await serve();
  const worker = new Worker(__filename, { workerData: { base } });
  const answers = [];
  worker.on('message', m => answers.shift()(m));
  const ask = message =>
    new Promise(done => {
      answers.push(done);
      if (message) worker.postMessage(message);
    });
  await ask();
  const kinds = ['rest', 'jsonrpc', 'mcp-session', 'mcp'];
  const best = {};
  for (let round = 1; round <= ROUNDS; round++) {
    for (const kind of kinds) {
      const cpu0 = threadCpuMs();
      const r = await ask({ kind, total: REQUESTS });
      const cpu = (threadCpuMs() - cpu0) / REQUESTS;
      best[kind] = Math.min(best[kind] ?? Infinity, cpu);
      console.log(
        `round ${round} ${kind.padEnd(11)} ${r.rps.toFixed(
          0,
        )} calls/s, p50 ${r.p50.toFixed(1)} ms, server thread CPU ${(
          cpu * 1000
        ).toFixed(0)} µs a call, failures ${r.failures}`,
      );
    }
  }
  console.log(
    '\nserver thread CPU a call, best of rounds (added to the REST route):',
  );
  for (const kind of kinds) {
    console.log(
      `${kind.padEnd(11)} ${(best[kind] * 1000).toFixed(0).padStart(5)} µs (+${(
        (best[kind] - best.rest) *
        1000
      ).toFixed(0)} µs)`,
    );
  }
  await ask({ kind: 'close' });
  await worker.terminate();
  server.close();
}

async function clients() {
  const { workerData } = require('node:worker_threads');
  const { Client } = sdk('client/index.js');
  const { StreamableHTTPClientTransport } = sdk('client/streamableHttp.js');
  const { measure } = require(join(repoRoot, 'bench/query-proxy/harness'));
  const connect = async path => {
    const all = [];
    for (let i = 0; i < CLIENTS; i++) {
      const client = new Client({ name: `floor-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${workerData.base}${path}`)),
      );
      all.push(client);
    }
    return all;
  };
  const mcp = {
    mcp: await connect('/mcp'),
    'mcp-session': await connect('/mcp-session'),
  };
  let turn = 0;
  let id = 0;
  const done = ok => ({ ok, arrayBuffer: async () => undefined });
  const sends = {
    rest: () => fetch(`${workerData.base}/rest`),
    jsonrpc: () =>
      fetch(`${workerData.base}/jsonrpc`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: (id += 1),
          method: 'tools/call',
          params: { name: 'answer', arguments: {} },
        }),
      }),
  };
  for (const kind of Object.keys(mcp)) {
    sends[kind] = async () => {
      const client = mcp[kind][turn++ % CLIENTS];
      const result = await client.callTool({ name: 'answer', arguments: {} });
      return done(!result.isError);
    };
  }
  parentPort.on('message', async ({ kind, total }) => {
    if (kind === 'close') {
      await Promise.all(
        Object.values(mcp)
          .flat()
          .map(c => c.close()),
      );
      parentPort.postMessage({});
      return;
    }
    // A warm-up of a tenth, then the measured calls.
    await measure(kind, sends[kind], CLIENTS, Math.ceil(total / 10));
    parentPort.postMessage(await measure(kind, sends[kind], CLIENTS, total));
  });
  parentPort.postMessage({ ready: true });
}

(isMainThread ? main : clients)().catch(error => {
  console.error(error);
  process.exit(1);
});
