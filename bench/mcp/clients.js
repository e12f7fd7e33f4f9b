/* eslint-disable no-console */
// The bench's concurrent clients, in a worker thread of their own: the MCP SDK
// client's work (JSON-RPC, SSE parsing, result validation) and fetch's do not
// run on the backend's event loop, as they would not for a real agent.
const { parentPort, workerData } = require('node:worker_threads');
const { Client } = require('@modelcontextprotocol/sdk/client/index.js');
const {
  StreamableHTTPClientTransport,
} = require('@modelcontextprotocol/sdk/client/streamableHttp.js');
const { measure } = require('../query-proxy/harness');

async function main() {
  const { base, auth, clients, pairs } = workerData;
  const mcpClients = [];
  for (let i = 0; i < clients; i++) {
    const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${base}/api/mcp-actions/v1`), {
        requestInit: { headers: { Authorization: auth } },
      }),
    );
    mcpClients.push(client);
  }
  let turn = 0;
  const done = { ok: true, arrayBuffer: async () => undefined };
  const sends = pairs.map(pair => ({
    // The pages read these one after the other.
    rest: async () => {
      let ok = true;
      for (const path of pair.paths) {
        const res = await fetch(`${base}${path}`, {
          headers: { Authorization: auth },
        });
        await res.arrayBuffer();
        ok &&= res.ok;
      }
      return { ...done, ok };
    },
    mcp: async () => {
      const client = mcpClients[turn++ % mcpClients.length];
      const result = await client.callTool({
        name: pair.tool,
        arguments: pair.args,
      });
      return { ...done, ok: !result.isError };
    },
  }));
  parentPort.on('message', async ({ pair, kind, name, total }) => {
    if (kind === 'close') {
      await Promise.all(mcpClients.map(c => c.close()));
      parentPort.postMessage({ closed: true });
      return;
    }
    parentPort.postMessage(
      await measure(name, sends[pair][kind], clients, total),
    );
  });
  parentPort.postMessage({ ready: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
