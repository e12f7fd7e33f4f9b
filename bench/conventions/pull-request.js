#!/usr/bin/env node
/* eslint-disable no-console */
// Benchmark for the conventions fix of the platform backend: time from
// "enable" (the fix of a component that has no standard file) to "pull
// request opened" on the GitHub simulator, then the re-runs that update it.
// Run by hand: node bench/conventions/pull-request.js
const { resolve, join } = require('node:path');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const { ConfigReader } = require('@backstage/config');
const { ScmIntegrations } = require('@backstage/integration');
const knexFactory = require('knex');
const { DefaultCheckoutService, GithubPullRequestPublisher } = require(join(
  repoRoot,
  'plugins/platform-node/src',
));
const { GithubSimulator } = require(join(
  repoRoot,
  'packages/github-simulator/src',
));
const { defaultConventionPacks } = require(join(
  repoRoot,
  'packages/conventions/src',
));
const backend = join(repoRoot, 'plugins/platform-backend');
const { ConventionStore } = require(join(
  backend,
  'src/conventions/ConventionStore',
));
const { ConventionStatusStore } = require(join(
  backend,
  'src/conventions/ConventionStatusStore',
));
const { ConventionsService } = require(join(
  backend,
  'src/conventions/ConventionsService',
));

const RUNS = 5;
const SOURCE_FILES = 200;

async function main() {
  const github = await GithubSimulator.start({ token: 'bench-token' });
  const db = knexFactory({
    client: 'better-sqlite3',
    connection: ':memory:',
    useNullAsDefault: true,
  });
  try {
    await db.migrate.latest({ directory: join(backend, 'migrations') });
    const files = {
      'package.json': '{ "name": "demo", "private": true }\n',
    };
    for (let i = 0; i < SOURCE_FILES; i++) {
      files[`src/module${i}.ts`] = `export const value${i} = ${i};\n`;
      files[`src/module${i}.test.ts`] = `test('${i}', () => {});\n`;
    }
    await github.createRepository('acme/demo', {
      commits: [{ message: 'feat(demo): first', files }],
    });
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [github.integrationConfig()] },
      }),
    );
    const entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'demo',
        namespace: 'default',
        annotations: {
          'backstage.io/source-location': `url:${github.urls.web}/acme/demo/tree/main/`,
        },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    };
    const store = new ConventionStore(db);
    await store.seedRules(defaultConventionPacks, new Date());
    const quiet = { info() {}, warn() {}, error() {}, debug() {} };
    const service = new ConventionsService({
      packs: () => defaultConventionPacks,
      store,
      status: new ConventionStatusStore(db),
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: require('node:os').tmpdir(),
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      integrations,
      catalog: { getEntityByRef: async () => entity },
      auth: { getOwnServiceCredentials: async () => ({}) },
      logger: quiet,
    });
    console.log(
      `repository: ${
        Object.keys(files).length
      } files, no standard file; GitHub simulator on ${github.host}`,
    );
    let first;
    let worstUpdate = 0;
    for (let run = 1; run <= RUNS; run++) {
      const requests = github.requests.length;
      const t0 = performance.now();
      const result = await service.fix('component:default/demo');
      const ms = performance.now() - t0;
      if (run === 1) first = ms;
      else worstUpdate = Math.max(worstUpdate, ms);
      console.log(
        `run ${run}: ${ms.toFixed(0)} ms, ${result.status} pull request #${
          result.pullRequest.number
        } with ${result.files.length} files, ${
          github.requests.length - requests
        } GitHub requests (clone included)`,
      );
    }
    console.log(
      `pull requests on the repository: ${github.pulls('acme/demo').length}`,
    );
    console.log(
      `enable -> pull request opened: ${(first / 1000).toFixed(
        2,
      )} s; worst update: ${(worstUpdate / 1000).toFixed(
        2,
      )} s (target: under 10 s) ${
        Math.max(first, worstUpdate) < 10_000 ? 'OK' : 'OVER TARGET'
      }`,
    );
  } finally {
    await db.destroy();
    await github.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
