#!/usr/bin/env node
/* eslint-disable no-console */
// First sync of an organisation: see README.md in this folder.
const { fork } = require('node:child_process');
const { resolve, join } = require('node:path');
const fs = require('node:fs');
const os = require('node:os');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));

const {
  coreServices,
  createServiceFactory,
} = require('@backstage/backend-plugin-api');
const {
  mockCredentials,
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');
const { DEFAULT_CORPUS } = require('../specs/tree');
const platformPlugin = require(join(
  repoRoot,
  'plugins/platform-backend/src',
)).default;

const REPOS = Number(process.env.REPOS ?? 2000);
const CORPUS = resolve(process.env.SPEC_CORPUS ?? DEFAULT_CORPUS);
const LIMIT = Number(process.env.RATE_LIMIT ?? 5000);
// platform.specs.concurrency: components the spec index reads at once (the plugin's default when unset).
const SPEC_CONCURRENCY = process.env.SPEC_CONCURRENCY
  ? Number(process.env.SPEC_CONCURRENCY)
  : undefined;
// Components whose agent context is generated (through the REST route) before the full cycle, so
// that the agent-context check has stored contexts to check; the first N of them.
const AGENT_CONTEXTS = Math.min(Number(process.env.AGENT_CONTEXTS ?? 0), REPOS);
const ORG = 'acme';
// The three jobs of one cycle, in the order the platform's schedule starts them.
const JOBS = [
  'platform-spec-index',
  'platform-agent-context-check',
  'platform-task-scanner:convention-drift',
  'platform-task-scanner:stale-agents-md',
];

const began = performance.now();
const seconds = () => (performance.now() - began) / 1000;
const step = what => console.error(`[${seconds().toFixed(1)} s] ${what}`);

function component(web, name) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${web}/${ORG}/${name}/tree/main/`,
        'github.com/project-slug': `${ORG}/${name}`,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/** Starts the simulator's process; resolves with its facts once every repository exists. */
function startSimulator() {
  const child = fork(join(__dirname, 'simulator.js'), [
    JSON.stringify({ REPOS, CORPUS, LIMIT, ORG }),
  ]);
  const waiting = [];
  const ready = new Promise((resolveReady, reject) => {
    child.on('exit', code =>
      reject(new Error(`The simulator process exited (${code})`)),
    );
    child.on('message', message => {
      if (message.type === 'progress') step(`${message.created} repositories`);
      else if (message.type === 'ready') resolveReady(message);
      else if (message.type === 'tally') waiting.shift()(message);
    });
  });
  return {
    ready,
    /** The request log from `from` on: counted, 304, git, rate limited, by operation. */
    tally: from =>
      new Promise(resolveTally => {
        waiting.push(resolveTally);
        child.send({ type: 'tally', from });
      }),
    stop: () => child.disconnect(),
  };
}

async function main() {
  const workdir = fs.mkdtempSync(join(os.tmpdir(), 'org-sync-'));
  process.on('exit', () =>
    fs.rmSync(workdir, { recursive: true, force: true }),
  );
  step(`creating ${REPOS} repositories on the simulator`);
  const simulator = startSimulator();
  try {
    const github = await simulator.ready;
    step(
      `${REPOS} repositories (${github.specFolders} spec folders from ${
        github.corpusFolders
      } in the corpus) in ${github.setupSeconds.toFixed(1)} s`,
    );
    const names = github.names;
    const specFolders = github.specFolders;
    const before = github.setupRequests;

    const jobs = new Map();
    // The schedule is the bench's: each job runs when a cycle runs it.
    const scheduler = createServiceFactory({
      service: coreServices.scheduler,
      deps: {},
      factory: () => ({
        scheduleTask: async task => {
          jobs.set(task.id, task.fn);
        },
        createScheduledTaskRunner: () => ({
          run: async task => {
            jobs.set(task.id, task.fn);
          },
        }),
        triggerTask: async () => {},
        getScheduledTasks: async () => [],
      }),
    });
    // The backend's database, read directly for the indexed folders and compliance rows.
    const knex = require('knex')({
      client: 'better-sqlite3',
      connection: { filename: join(workdir, 'backend.sqlite') },
      useNullAsDefault: true,
    });
    const backend = await startTestBackend({
      features: [
        platformPlugin,
        scheduler,
        mockServices.database.factory({ knex }),
        catalogServiceMock.factory({
          entities: names.map(name => component(github.web, name)),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workdir },
            integrations: { github: [github.integration] },
            // Each job call is one whole cycle here, not a tick of a paced one.
            platform: {
              tasks: { wakeUps: false },
              scanPacing: { enabled: false },
              ...(SPEC_CONCURRENCY && {
                specs: { concurrency: SPEC_CONCURRENCY },
              }),
            },
          },
        }),
      ],
    });

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 250);

    if (AGENT_CONTEXTS > 0) {
      // Set-up, not part of a cycle: the contexts a portal holds once people have opened them.
      const base = `http://127.0.0.1:${
        backend.server.address().port
      }/api/platform`;
      const auth = mockCredentials.user.header('user:default/bench');
      const t = performance.now();
      let next = 0;
      const generate = async () => {
        while (next < AGENT_CONTEXTS) {
          const name = names[next++];
          const res = await fetch(
            `${base}/agent-context/component/default/${name}/generate`,
            { method: 'POST', headers: { authorization: auth } },
          );
          if (!res.ok) {
            throw new Error(
              `Generating the agent context of ${name}: ${
                res.status
              } ${await res.text()}`,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: 4 }, generate));
      step(
        `${AGENT_CONTEXTS} agent contexts generated in ${(
          (performance.now() - t) /
          1000
        ).toFixed(1)} s`,
      );
    }

    const cycle = async label => {
      const { length: from } = await simulator.tally(0);
      const start = performance.now();
      const perJob = {};
      for (const id of JOBS) {
        const fn = jobs.get(id);
        if (!fn) throw new Error(`No scheduled job ${id}`);
        const t = performance.now();
        const { length: jobFrom } = await simulator.tally(0);
        await fn(new AbortController().signal);
        const { tally: jobTally } = await simulator.tally(jobFrom);
        perJob[id] = {
          seconds: (performance.now() - t) / 1000,
          git: jobTally.git,
          counted: jobTally.counted,
        };
        step(
          `${label}: ${id} done in ${perJob[id].seconds.toFixed(1)} s, ${
            jobTally.git
          } git requests, ${jobTally.counted} counted`,
        );
      }
      const [{ n: indexed }] = await knex('spec_folders').count({ n: '*' });
      const [{ n: compliance }] = await knex('convention_status').count({
        n: '*',
      });
      return {
        seconds: (performance.now() - start) / 1000,
        perJob,
        indexedSpecFolders: Number(indexed),
        complianceRows: Number(compliance),
        ...(await simulator.tally(from)).tally,
      };
    };

    const full = await cycle('full');
    const idle = await cycle('idle');
    clearInterval(sampler);

    const report = {
      repositories: REPOS,
      specFoldersInRepositories: specFolders,
      setupSeconds: github.setupSeconds,
      setupRequests: before,
      rateLimit: LIMIT,
      specConcurrency: SPEC_CONCURRENCY ?? 'default',
      agentContexts: AGENT_CONTEXTS,
      full,
      idle,
      peakRssMiB: Math.round(peakRss / 1024 / 1024),
    };
    console.log(JSON.stringify(report, null, 2));
    const perRepo = idle.counted / REPOS;
    console.log(
      `\nN=${REPOS}: full cycle ${full.seconds.toFixed(1)} s, ${
        full.counted
      } counted requests (${full.notModified} 304, ${
        full.git
      } git); idle cycle ${idle.seconds.toFixed(1)} s, ${
        idle.counted
      } counted (${idle.notModified} 304) = ${perRepo.toFixed(
        2,
      )} per repository (target <= 1) ${
        perRepo <= 1 ? 'OK' : 'OVER'
      }; full sync ${
        full.counted <= LIMIT ? 'fits' : 'exceeds'
      } ${LIMIT} requests; peak RSS ${report.peakRssMiB} MiB`,
    );
    if (AGENT_CONTEXTS > 0) {
      const check = 'platform-agent-context-check';
      console.log(
        `agent-context check of ${AGENT_CONTEXTS} stored contexts: full ${full.perJob[
          check
        ].seconds.toFixed(1)} s, ${
          full.perJob[check].git
        } git requests; idle ${idle.perJob[check].seconds.toFixed(1)} s, ${
          idle.perJob[check].git
        } git requests`,
      );
    }
    await backend.stop();
    await knex.destroy();
  } finally {
    simulator.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
