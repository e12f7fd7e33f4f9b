#!/usr/bin/env node
/* eslint-disable no-console */
// Spec sync benchmark: POST /api/platform/specs/refresh of the 2,000-folder tree,
// against the bare index (readSpecs) of the same tree in the same run. See README.md.
const { resolve, join } = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

const {
  mockCredentials,
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');
const { readSpecs } = require('@catalyst/spec-kit');
const { buildSpecTree, DEFAULT_CORPUS } = require('./tree');

const platformPlugin = require(join(repoRoot, 'plugins/platform-backend/src'));

const FOLDERS = Number(process.env.SPEC_FOLDERS ?? 2000);
const CORPUS = resolve(
  process.argv[2] ?? process.env.SPEC_CORPUS ?? DEFAULT_CORPUS,
);
const ENTITY = 'component:default/payments-api';
const AUTH = mockCredentials.user.header('user:default/bench');

const seconds = ms => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  const tmp = fs.mkdtempSync(join(os.tmpdir(), 'spec-refresh-bench-'));
  process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
  const repo = join(tmp, 'repo');
  buildSpecTree(repo, { corpus: CORPUS, folderCount: FOLDERS });
  fs.writeFileSync(join(repo, 'catalog-info.yaml'), 'kind: Component\n');

  // The bare index: what the refresh has to do before it writes anything.
  let t0 = performance.now();
  const bare = readSpecs(repo);
  const indexMs = performance.now() - t0;
  const tasks = bare.specs.reduce((n, s) => n + s.tasks.length, 0);
  console.log(
    `${
      bare.specs.length
    } folders, ${tasks} tasks; bare index (readSpecs) ${seconds(indexMs)}`,
  );

  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${join(
          repo,
          'catalog-info.yaml',
        )}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
  const backend = await startTestBackend({
    features: [
      platformPlugin.default,
      catalogServiceMock.factory({ entities: [entity] }),
      mockServices.rootConfig.factory({
        // The scheduled index would race the timed refresh: once a day.
        data: { platform: { specs: { refreshIntervalMinutes: 1440 } } },
      }),
    ],
  });
  const base = `http://127.0.0.1:${backend.server.address().port}`;
  const refresh = async () => {
    const started = performance.now();
    const res = await fetch(`${base}/api/platform/specs/refresh`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
      body: JSON.stringify({ entityRef: ENTITY }),
    });
    if (!res.ok) throw new Error(await res.text());
    return { ms: performance.now() - started, body: await res.json() };
  };
  try {
    const first = await refresh();
    const again = await refresh();
    const ratio = (ms, of) => `${(ms / of).toFixed(2)}x`;
    console.log(
      `first refresh ${seconds(first.ms)} = ${ratio(
        first.ms,
        indexMs,
      )} of the bare index (${JSON.stringify(first.body)})`,
    );
    console.log(
      `unchanged refresh ${seconds(again.ms)} = ${ratio(
        again.ms,
        indexMs,
      )} of the bare index (${JSON.stringify(again.body)})`,
    );
    const memory = process.memoryUsage();
    console.log(
      `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(
        0,
      )} MB, heap now ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
    );
  } finally {
    await backend.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
