#!/usr/bin/env node
/* eslint-disable no-console */
// First sync of an organisation: see README.md in this folder.
const { resolve, join, relative } = require('node:path');
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
  mockServices,
  startTestBackend,
} = require('@backstage/backend-test-utils');
const {
  catalogServiceMock,
} = require('@backstage/plugin-catalog-node/testUtils');
const { GithubSimulator } = require('@catalyst/github-simulator');
const { DEFAULT_CORPUS } = require('../specs/tree');
const platformPlugin = require(join(
  repoRoot,
  'plugins/platform-backend/src',
)).default;

const REPOS = Number(process.env.REPOS ?? 2000);
const CORPUS = resolve(process.env.SPEC_CORPUS ?? DEFAULT_CORPUS);
const LIMIT = Number(process.env.RATE_LIMIT ?? 5000);
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

/** The corpus's spec folders, each as { name, files }, read in place. */
function corpusFolders() {
  const folders = [];
  for (const entry of fs.readdirSync(CORPUS, { withFileTypes: true })) {
    if (!entry.isDirectory() || !/^\d{3}-/.test(entry.name)) continue;
    const abs = join(CORPUS, entry.name);
    const files = {};
    const visit = dir => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) visit(p);
        else files[relative(abs, p)] = fs.readFileSync(p, 'utf8');
      }
    };
    visit(abs);
    folders.push({ name: entry.name, files });
  }
  if (folders.length === 0) throw new Error(`No spec folders in ${CORPUS}`);
  return folders;
}

/** Repository i: a catalog-info.yaml, a TypeScript service whose convention files drift by i. */
function repositoryFiles(i, name, folders) {
  const files = {
    'catalog-info.yaml': [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Component',
      'metadata:',
      `  name: ${name}`,
      '  annotations:',
      `    github.com/project-slug: ${ORG}/${name}`,
      'spec:',
      '  type: service',
      `  owner: team-${i % 20}`,
      '  lifecycle: production',
      '',
    ].join('\n'),
    'package.json': `${JSON.stringify(
      { name, private: true, scripts: { test: 'jest' } },
      null,
      2,
    )}\n`,
    'src/index.ts': `export const id = ${i};\n`,
    'src/index.test.ts': `test('id', () => expect(${i}).toBe(${i}));\n`,
  };
  // Varied drift: some follow a convention file, some differ, some lack it.
  if (i % 3 === 0) files['.editorconfig'] = 'root = true\n';
  if (i % 4 === 1)
    files['.editorconfig'] =
      'root = true\n[*]\nindent_style = space\nindent_size = 2\n';
  if (i % 5 === 0) files['.gitignore'] = 'node_modules\ndist\n';
  if (i % 2 === 0) files['AGENTS.md'] = `# ${name}\n\nRun \`yarn test\`.\n`;
  // A third hold spec folders from the corpus (two or three each).
  if (i % 3 === 0) {
    const count = 2 + (i % 2);
    for (let k = 0; k < count; k++) {
      const folder = folders[(i + k) % folders.length];
      const number = String(k + 1).padStart(3, '0');
      const short = folder.name.replace(/^\d{3}-/, '');
      for (const [path, content] of Object.entries(folder.files)) {
        files[`specs/${number}-${short}/${path}`] = content;
      }
    }
  }
  return files;
}

function component(github, name) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${github.urls.web}/${ORG}/${name}/tree/main/`,
        'github.com/project-slug': `${ORG}/${name}`,
      },
    },
    spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
  };
}

/** The simulator's request log from `from` on: counted, 304, git, rate limited, by operation. */
function tally(github, from) {
  const out = {
    counted: 0,
    notModified: 0,
    git: 0,
    rateLimited: 0,
    byOperation: {},
  };
  for (const r of github.requests.slice(from)) {
    if (r.operation === 'git') out.git++;
    else if (r.status === 304) out.notModified++;
    if (r.counted) out.counted++;
    if (r.status === 403 || r.status === 429) out.rateLimited++;
    const key = `${r.operation ?? r.method} ${r.status}`;
    out.byOperation[key] = (out.byOperation[key] ?? 0) + 1;
  }
  return out;
}

async function main() {
  const workdir = fs.mkdtempSync(join(os.tmpdir(), 'org-sync-'));
  process.on('exit', () =>
    fs.rmSync(workdir, { recursive: true, force: true }),
  );
  const github = await GithubSimulator.start({
    token: 'ghs_org_sync',
    rateLimit: { limit: LIMIT, windowMs: 60 * 60 * 1000 },
  });
  try {
    const folders = corpusFolders();
    step(
      `creating ${REPOS} repositories (${folders.length} corpus spec folders)`,
    );
    const names = [];
    let specFolders = 0;
    for (let i = 0; i < REPOS; i++) {
      const name = `svc-${String(i).padStart(4, '0')}`;
      const files = repositoryFiles(i, name, folders);
      specFolders += new Set(
        Object.keys(files)
          .filter(p => p.startsWith('specs/'))
          .map(p => p.split('/')[1]),
      ).size;
      await github.createRepository(`${ORG}/${name}`, {
        commits: [{ message: `feat(${name}): first`, files }],
      });
      names.push(name);
      if ((i + 1) % 250 === 0) step(`${i + 1} repositories`);
    }
    const before = github.requests.length;

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
          entities: names.map(name => component(github, name)),
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workdir },
            integrations: { github: [github.integrationConfig()] },
            // Each job call is one whole cycle here, not a tick of a paced one.
            platform: {
              tasks: { wakeUps: false },
              scanPacing: { enabled: false },
            },
          },
        }),
      ],
    });

    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, 250);

    const cycle = async label => {
      const from = github.requests.length;
      const start = performance.now();
      const perJob = {};
      for (const id of JOBS) {
        const fn = jobs.get(id);
        if (!fn) throw new Error(`No scheduled job ${id}`);
        const t = performance.now();
        await fn(new AbortController().signal);
        perJob[id] = (performance.now() - t) / 1000;
        step(`${label}: ${id} done in ${perJob[id].toFixed(1)} s`);
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
        ...tally(github, from),
      };
    };

    const full = await cycle('full');
    const idle = await cycle('idle');
    clearInterval(sampler);

    const report = {
      repositories: REPOS,
      specFoldersInRepositories: specFolders,
      setupRequests: before,
      rateLimit: LIMIT,
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
    await backend.stop();
    await knex.destroy();
  } finally {
    await github.stop();
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
