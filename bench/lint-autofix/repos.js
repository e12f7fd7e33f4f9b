#!/usr/bin/env node
/* eslint-disable no-console */
// SC-001 on real open-source repositories: each pinned commit is put on the
// GitHub simulator from a local git mirror, violations are seeded by
// seedViolations() below (formatting broken, unused imports, fixable lint
// rules, and some with no automatic fix), and the platform's loop runs:
// LintAutofixScanner queues the task, LintAutofixExecutor runs the
// repository's own fixers through the bwrap-isolated tool runner and opens
// the pull request. Violations are counted by the tools themselves on the
// pinned commit (baseline), on the seeded default branch (before) and on the
// pull request's branch (after).
//
// Run by hand:
//   LINT_BENCH_MIRRORS=/work/.mirror node bench/lint-autofix/repos.js
// LINT_BENCH_MIRRORS holds one bare git directory per repository at
// <owner>+<name>/repo (what the session's fetch tool leaves). A missing
// mirror or commit stops the run: nothing is skipped.
const { promises: fs } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { homedir, tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const { ConfigReader } = require('@backstage/config');
const {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} = require('@backstage/integration');
const { GithubSimulator } = require(join(
  repoRoot,
  'packages/github-simulator/src',
));
const {
  DefaultCheckoutService,
  DefaultIsolatedToolRunner,
  GithubPullRequestPublisher,
  runCommand,
} = require(join(repoRoot, 'plugins/platform-node/src'));
const { executorTask, executionContext } = require(join(
  repoRoot,
  'plugins/platform-backend/src/testUtils/executorTasks',
));
const mod = join(repoRoot, 'plugins/platform-backend-module-lint-autofix/src');
const { LintAutofixScanner } = require(join(mod, 'LintAutofixScanner'));
const { LintAutofixExecutor } = require(join(mod, 'LintAutofixExecutor'));
const { readCheckoutFixers } = require(join(mod, 'runLintFixers'));

/** The repositories, pinned. `seed` names the files that get violations. */
const REPOSITORIES = [
  {
    slug: 'developit/mitt',
    commit: '6b41670516ed8e8b738612f60491995470aa63b3',
    stack: 'TypeScript',
    seed: { ts: ['src/index.ts', 'test/index_test.ts'] },
  },
  {
    slug: 'pallets/itsdangerous',
    commit: '672971d66a2ef9f85151e53283113f33d642dabd',
    stack: 'Python',
    seed: {
      python: ['src/itsdangerous/encoding.py', 'src/itsdangerous/timed.py'],
    },
  },
  {
    slug: 'pallets/markupsafe',
    commit: '1251593f6b0e3b45f2cc8aba662622bc22d6a5e2',
    stack: 'Python',
    seed: { python: ['src/markupsafe/_native.py'] },
  },
  {
    slug: 'google/uuid',
    commit: '2d3c2a9cc518326daf99a383f07c4d3c44317e4d',
    stack: 'Go',
    seed: { go: { imports: 'util.go', format: 'uuid.go', pkg: 'uuid' } },
  },
  {
    slug: 'benbjohnson/clock',
    commit: 'fa525c8ac4e629b5385b7b6546d69e0e7de0560e',
    stack: 'Go',
    seed: { go: { imports: 'context.go', format: 'clock.go', pkg: 'clock' } },
  },
];

// ---------------------------------------------------------------------------
// Seeding: the same kinds of violation in every stack.

/** TypeScript: an unused import (no fix), double quotes and missing semicolons (fixable), broken formatting. */
function seedTypescript(text) {
  return [
    "import { inspect } from 'util';",
    text,
    'export function seededFormat( a:number,b:number ){',
    '      let total = a+b',
    '  const label = "total: " + total',
    '    return label}',
    'export const seededUnused = (value: string) => { const copy = value; return "x" }',
    '',
  ].join('\n');
}

/** Python: unused imports, typing.List (pyupgrade, fixable), broken formatting, an ambiguous name and an undefined name (no fix). */
function seedPython(text) {
  const lines = text.split('\n');
  const future = lines.findIndex(line =>
    line.startsWith('from __future__ import'),
  );
  lines.splice(
    future + 1,
    0,
    'import os',
    'import sys',
    'from typing import List',
  );
  return [
    ...lines,
    '',
    'def seeded_format(a,b) :',
    '    values : List[int] = [a,b]',
    '    return sum( values )',
    '',
    'def seeded_manual(l):',
    '    return undefined_helper(l)',
    '',
  ].join('\n');
}

/** Go: an unused import (goimports fixes it), broken formatting (gofmt), and a printf misuse in its own package (go vet; no fix). */
function seedGo(files, seed, read) {
  const imports = read(seed.imports);
  files[seed.imports] = imports.replace(/^import \(\n/m, 'import (\n\t"os"\n');
  if (files[seed.imports] === imports) {
    throw new Error(`${seed.imports} has no import block to seed`);
  }
  files[seed.format] = `${read(
    seed.format,
  )}\nfunc seededFormat( a int,b int ) int {\n    total := a+b\n  return total\n}\n`;
  files['internal/seeded/seeded.go'] =
    'package seeded\n\nimport "fmt"\n\n// Label has a printf verb that does not fit its argument.\nfunc Label() string {\n\treturn fmt.Sprintf("%d items", "three")\n}\n';
}

async function seedViolations(dir, seed) {
  const read = path => require('node:fs').readFileSync(join(dir, path), 'utf8');
  const files = {};
  for (const path of seed.ts ?? []) files[path] = seedTypescript(read(path));
  for (const path of seed.python ?? []) files[path] = seedPython(read(path));
  if (seed.go) seedGo(files, seed.go, read);
  return files;
}

// ---------------------------------------------------------------------------
// Counting: each stack's tools, read-only (no fixes).

const exec = (dir, command, args, env = {}) =>
  runCommand(command, args, {
    cwd: dir,
    okCodes: [0, 1, 2],
    env: { ...process.env, ...env },
  });

async function countViolations(dir, toolchain) {
  const counts = {};
  const tools = new Set((await readCheckoutFixers(dir)).map(f => f.tool));
  const bin = tool => join(dir, 'node_modules', '.bin', tool);
  if (tools.has('eslint')) {
    const { stdout } = await exec(
      dir,
      bin('eslint'),
      ['--format', 'json', '.'],
      { DISABLE_V8_COMPILE_CACHE: '1' },
    );
    counts.eslint = JSON.parse(stdout).reduce(
      (n, f) => n + f.messages.length,
      0,
    );
  }
  if (tools.has('prettier')) {
    const { stdout } = await exec(dir, bin('prettier'), [
      '--list-different',
      '.',
    ]);
    counts.prettier = stdout.split('\n').filter(Boolean).length;
  }
  if (tools.has('ruff')) {
    const ruff = join(toolchain.ruff, 'ruff');
    const { stdout } = await exec(dir, ruff, [
      'check',
      '--no-fix',
      '--no-cache',
      '--output-format',
      'json',
      '.',
    ]);
    counts.ruff = JSON.parse(stdout).length;
    const format = await exec(dir, ruff, [
      'format',
      '--check',
      '--no-cache',
      '.',
    ]);
    // `N files would be reformatted` (ruff 0.17 prints each file's diff above it).
    const reformat = /(\d+) files? would be reformatted/.exec(format.stdout);
    counts['ruff format'] = reformat ? Number(reformat[1]) : 0;
  }
  if (tools.has('gofmt')) {
    const { stdout } = await exec(dir, 'gofmt', ['-l', '.']);
    counts.gofmt = stdout.split('\n').filter(Boolean).length;
    const vet = await exec(dir, 'go', ['vet', './...'], {
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GOTOOLCHAIN: 'local',
    });
    counts['go vet'] = vet.stderr
      .split('\n')
      .filter(line => /\.go:\d+:\d+: /.test(line)).length;
  }
  return counts;
}

const sum = counts => Object.values(counts).reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------
// Tools: ruff and goimports from scripts/lint-tools.sh; a Node repository's
// lint tools from the npm registry (its declared versions), cached.

function lintToolchain() {
  const [ruff, goimports] = execFileSync(
    'bash',
    [join(repoRoot, 'scripts/lint-tools.sh')],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
    .split('\n')
    .filter(Boolean);
  return { ruff, goimports };
}

/**
 * The lint tools a Node repository declares (ESLint, its configs, plugins
 * and parser, Prettier, TypeScript), installed from the registry at the
 * versions it declares, once per repository and commit. The repositories
 * here commit no lockfile, so the platform's locked install has nothing to
 * install exactly; this is its stand-in, said so in the README.
 */
async function nodeLintTools(dir, key) {
  const packageJson = JSON.parse(
    await fs.readFile(join(dir, 'package.json'), 'utf8'),
  );
  const wanted = Object.entries(packageJson.devDependencies ?? {}).filter(
    ([name]) => /eslint|prettier|^typescript$/.test(name),
  );
  const root = join(homedir(), '.cache/catalyst/bench-lint-autofix', key);
  if (!(await exists(join(root, 'node_modules/.bin/eslint')))) {
    await fs.mkdir(root, { recursive: true });
    await fs.writeFile(join(root, 'package.json'), '{"private":true}\n');
    execFileSync(
      'npm',
      [
        'install',
        '--ignore-scripts',
        '--no-audit',
        '--no-fund',
        '--loglevel=error',
        ...wanted.map(([name, range]) => `${name}@${range}`),
      ],
      { cwd: root, stdio: 'inherit' },
    );
  }
  return root;
}

const exists = path =>
  fs.access(path).then(
    () => true,
    () => false,
  );

// ---------------------------------------------------------------------------

async function main() {
  const mirrors = process.env.LINT_BENCH_MIRRORS;
  if (!mirrors) {
    throw new Error(
      'Set LINT_BENCH_MIRRORS to the folder holding <owner>+<name>/repo git mirrors',
    );
  }
  for (const repository of REPOSITORIES) {
    repository.mirror = join(
      mirrors,
      repository.slug.replace('/', '+'),
      'repo',
    );
    // Throws for a missing mirror or commit: no repository is skipped.
    execFileSync('git', [
      `--git-dir=${repository.mirror}`,
      'cat-file',
      '-e',
      `${repository.commit}^{commit}`,
    ]);
  }
  const toolchain = lintToolchain();
  const simulator = await GithubSimulator.start();
  const workDir = await fs.mkdtemp(join(tmpdir(), 'bench-lint-repos-'));
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [simulator.integrationConfig()] },
    }),
  );
  const checkouts = new DefaultCheckoutService({
    integrations,
    workingDirectory: workDir,
  });
  const nodeTools = new Map();
  const link = async (slug, dir) => {
    const tools = nodeTools.get(slug);
    if (tools)
      await fs.symlink(join(tools, 'node_modules'), join(dir, 'node_modules'));
  };
  const count = async (slug, ref) => {
    const checkout = await checkouts.clone({
      repositoryUrl: `${simulator.urls.web}/${slug}`,
      ref,
    });
    try {
      await link(slug, checkout.dir);
      return await countViolations(checkout.dir, toolchain);
    } finally {
      await checkout.close();
    }
  };
  try {
    const entities = [];
    for (const repository of REPOSITORIES) {
      const { slug, commit } = repository;
      const git = await simulator.createRepository(slug, {
        commits: [{ message: 'placeholder', files: { '.keep': '' } }],
      });
      // The real history up to the pinned commit becomes the default branch.
      await git.git([
        'fetch',
        '--quiet',
        '--no-tags',
        repository.mirror,
        commit,
      ]);
      await git.git(['update-ref', 'refs/heads/main', commit]);
      await git.git(['tag', 'pinned', commit]);
      const checkout = await checkouts.clone({
        repositoryUrl: `${simulator.urls.web}/${slug}`,
        ref: 'main',
      });
      try {
        if (await exists(join(checkout.dir, 'package.json'))) {
          nodeTools.set(
            slug,
            await nodeLintTools(
              checkout.dir,
              `${slug.replace('/', '+')}-${commit.slice(0, 12)}`,
            ),
          );
        }
        const seeded = await seedViolations(checkout.dir, repository.seed);
        await git.commitFiles(
          'main',
          seeded,
          'chore(bench): seed lint and format violations',
        );
        repository.seededFiles = Object.keys(seeded);
      } finally {
        await checkout.close();
      }
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: slug.split('/')[1],
          namespace: 'default',
          annotations: { 'github.com/project-slug': slug },
        },
        spec: {},
      });
    }

    const scanner = new LintAutofixScanner(
      { frequency: { hours: 6 }, timeout: { minutes: 15 } },
      {
        catalog: { getEntities: async () => ({ items: entities }) },
        auth: { getOwnServiceCredentials: async () => ({}) },
        integrations,
        credentialsProvider:
          DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        logger: { warn: console.warn, info() {}, error: console.error },
        config: {
          enabled: true,
          scanFrequencyMinutes: 360,
          repositories: new Set(),
          owners: new Set(),
          maxTasksPerCycle: 10,
        },
      },
    );
    const executor = new LintAutofixExecutor({
      checkouts,
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: new DefaultIsolatedToolRunner({
        mode: 'bwrap',
        toolchain: [toolchain.ruff, toolchain.goimports],
        readOnlyPaths: [...nodeTools.values()],
      }),
      // The repository whose task runs: its Node lint tools, if any.
      install: dir => link(currentSlug, dir),
    });

    const rows = [];
    const inputs = await scanner.scan({
      now: new Date(),
      signal: new AbortController().signal,
    });
    let id = 0;
    for (const repository of REPOSITORIES) {
      const { slug } = repository;
      const baseline = await count(slug, 'pinned');
      const before = await count(slug, 'main');
      const input = inputs.find(i => i.repository === slug);
      let after = before;
      let outcome = 'not queued';
      const started = Date.now();
      if (input) {
        id += 1;
        currentSlug = slug;
        const result = await executor.execute(
          executorTask('lint_autofix', input.payload.repositoryUrl, {
            id,
            entityRef: input.entityRef,
            title: input.title,
            subject: input.subject,
            payload: input.payload,
          }),
          executionContext('apply', 'auto-merge'),
        );
        outcome = result.outcome;
        const pull = simulator.pulls(slug)[0];
        if (pull) after = await count(slug, pull.head.ref);
      }
      rows.push({
        ...repository,
        queued: Boolean(input),
        outcome,
        baseline,
        before,
        after,
        seconds: (Date.now() - started) / 1000,
        pulls: simulator.pulls(slug).length,
      });
    }

    console.log(
      '\n| repository | stack | commit | queued | PRs | violations on pinned commit | seeded branch | after the PR | resolved |',
    );
    console.log('| --- | --- | --- | --- | --: | --- | --- | --- | --: |');
    const fmt = counts =>
      `${sum(counts)} (${Object.entries(counts)
        .map(([tool, n]) => `${tool} ${n}`)
        .join(', ')})`;
    for (const r of rows) {
      const share = sum(r.before)
        ? `${((100 * (sum(r.before) - sum(r.after))) / sum(r.before)).toFixed(
            1,
          )} %`
        : '-';
      console.log(
        `| ${r.slug} | ${r.stack} | ${r.commit.slice(0, 12)} | ${
          r.queued ? 'yes' : 'no'
        } | ${r.pulls} | ${fmt(r.baseline)} | ${fmt(r.before)} | ${fmt(
          r.after,
        )} | ${share} |`,
      );
    }
    const total = rows.reduce((s, r) => s + sum(r.before), 0);
    const remaining = rows.reduce((s, r) => s + sum(r.after), 0);
    const share = total ? (100 * (total - remaining)) / total : 0;
    console.log(
      `\noverall: ${total} violations before, ${remaining} after: ${share.toFixed(
        1,
      )} % resolved without a person (SC-001 target > 50 %): ${
        share > 50 ? 'PASS' : 'FAIL'
      }`,
    );
    for (const r of rows) {
      console.log(
        `${r.slug}: outcome ${r.outcome}, scan-to-PR ${r.seconds.toFixed(
          1,
        )} s, seeded ${r.seededFiles.join(', ')}`,
      );
    }
    if (share <= 50) process.exitCode = 1;
  } finally {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

/** The repository whose task the executor runs now (tasks run one at a time). */
let currentSlug;
main().catch(error => {
  console.error(error);
  process.exit(1);
});
