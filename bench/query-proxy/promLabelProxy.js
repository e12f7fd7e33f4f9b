// prom-label-proxy (Apache-2.0), built by scripts/prom-label-proxy.sh from its Go module,
// started in front of a Prometheus with one static label value: the field's reference
// for "enforce a label on every PromQL query".
const { execFileSync, spawn } = require('node:child_process');
const { createServer } = require('node:net');
const { join } = require('node:path');

const freePort = () =>
  new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });

/** Starts prom-label-proxy on 127.0.0.1 and resolves to { url, stop() }. */
async function startPromLabelProxy({ repoRoot, upstream, label, value }) {
  const binary = execFileSync(join(repoRoot, 'scripts/prom-label-proxy.sh'), {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const port = await freePort();
  const child = spawn(
    binary,
    [
      `-insecure-listen-address=127.0.0.1:${port}`,
      `-upstream=${upstream}`,
      `-label=${label}`,
      `-label-value=${value}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const exited = new Promise(done => child.once('exit', done));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      // Any HTTP answer means it listens; the bench checks its query answers itself.
      await (await fetch(`${url}/healthz`)).arrayBuffer();
      break;
    } catch {
      // Not listening yet: try again until the deadline.
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new Error(`prom-label-proxy did not start on ${url}`);
    }
    await new Promise(done => setTimeout(done, 100));
  }
  return {
    url,
    async stop() {
      child.kill();
      await exited;
    },
  };
}

module.exports = { startPromLabelProxy };
