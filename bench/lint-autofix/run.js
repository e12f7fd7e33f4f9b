#!/usr/bin/env node
/* eslint-disable no-console */
// SC-001 benchmark for the lint-fix loop: generated repositories with real
// ESLint and Prettier violations (some with no automatic fix) on the GitHub
// simulator, found by LintAutofixScanner and fixed by LintAutofixExecutor as
// the platform runs them (isolated tool runner, bwrap). Prints violations
// before and after, the share resolved without a person, and pull requests.
// Run by hand: node bench/lint-autofix/run.js
const { promises: fs } = require('node:fs');
const { tmpdir } = require('node:os');
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
const { detectLintFixers } = require(join(mod, 'detectLintFixers'));
const { linkedLintTools, lintFixtureFiles } = require(join(
  mod,
  '__testUtils__/lintFixtureRepository',
));

const json = value => `${JSON.stringify(value, null, 2)}\n`;
const eslintrc = rules =>
  json({
    root: true,
    env: { node: true, es2022: true },
    parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
    extends: 'eslint:recommended',
    rules,
  });

/** The repositories: each a package.json with its tools, configs and sources. */
const REPOSITORIES = {
  // The executor's fixture: a small ESM web module.
  'bench/cart': lintFixtureFiles(),
  // A Node service: fixable rules plus unused variables and undefined globals.
  'bench/orders-api': {
    'package.json': json({
      name: 'orders-api',
      private: true,
      scripts: { lint: 'eslint .' },
      devDependencies: { eslint: '8.57.1', prettier: '2.8.8' },
    }),
    '.eslintrc.json': eslintrc({
      'no-var': 'error',
      'prefer-const': 'error',
      eqeqeq: ['error', 'smart'],
      curly: 'error',
      semi: 'error',
      quotes: ['error', 'single'],
      'object-shorthand': 'error',
      'prefer-template': 'error',
    }),
    '.prettierrc.json': json({ singleQuote: true, trailingComma: 'all' }),
    'src/routes.js': [
      'var express = null',
      'export function list(db, limit){',
      '  let rows = db.query("select * from orders")',
      '  if (limit == null) return rows',
      '  let message = "found " + rows.length + " orders"',
      '  let unused = 42',
      '  return { rows: rows, message: message }',
      '}',
      'export function get(db, id) { var row = db.find(id); if (row == undefined) return missing(id); return row }',
      '',
    ].join('\n'),
    'src/server.js': [
      'import { list, get } from "./routes.js"',
      'var port = process.env.PORT || 3000',
      'export const start = (app) => { app.get("/orders", (req, res) => res.json(list(req.db))); app.get("/orders/:id", (req, res) => res.json(get(req.db, req.params.id))); return app.listen(port) }',
      '',
    ].join('\n'),
  },
  // Formatting only: Prettier without ESLint.
  'bench/ui-kit': {
    'package.json': json({
      name: 'ui-kit',
      private: true,
      scripts: { format: 'prettier --write .' },
      devDependencies: { prettier: '2.8.8' },
    }),
    '.prettierrc.json': json({ semi: false }),
    'src/button.js':
      'export function button(label,onClick){return {type:"button",label:label,onClick:onClick};}\n',
    'src/theme.js':
      'export const theme={colors:{primary:"#0af",secondary:"#fa0"},spacing:[0,4,8,16,32]};\n',
    'README.md': '# ui-kit\n\n* a list\n* with   stars\n',
    'data.json': '{"a":1,"b":[1,2,3]}\n',
  },
  // ESLint only, with problems that have no automatic fix.
  'bench/report-worker': {
    'package.json': json({
      name: 'report-worker',
      private: true,
      scripts: { lint: 'eslint src' },
      devDependencies: { eslint: '8.57.1' },
    }),
    '.eslintrc.json': eslintrc({
      'no-var': 'error',
      'prefer-const': 'error',
      curly: 'error',
      'dot-notation': 'error',
      'no-else-return': 'error',
      'prefer-arrow-callback': 'error',
    }),
    'src/worker.js': [
      'var queue = []',
      'export function next() {',
      "  let job = queue['shift']()",
      '  if (!job) return null',
      '  if (job.kind === "pdf") { return render(job) } else { return job }',
      '}',
      'export function each(fn) { queue.forEach(function (job) { fn(job) }) }',
      'export function broken(a, a2) { undefinedHelper(a) }',
      '',
    ].join('\n'),
  },
  // Almost clean: Prettier would only rewrite a config file.
  'bench/clean-lib': {
    'package.json': json({
      name: 'clean-lib',
      private: true,
      devDependencies: { eslint: '8.57.1', prettier: '2.8.8' },
    }),
    '.eslintrc.json': eslintrc({}),
    'src/index.js': "export const ok = 'ok';\n",
  },
  // No lint or format tools: never queued.
  'bench/scripts': {
    'package.json': json({ name: 'scripts', private: true }),
    'run.js': 'var a = 1\n',
  },
};

/**
 * Violations of the tools the repository declares, counted by the tools:
 * ESLint problems (fixable or not) and files Prettier would rewrite.
 */
async function countViolations(dir) {
  const packageJson = JSON.parse(
    await fs.readFile(join(dir, 'package.json'), 'utf8'),
  );
  const bin = tool => join(dir, 'node_modules', '.bin', tool);
  let total = 0;
  for (const { tool } of detectLintFixers({ packageJson, rootFiles: [] })) {
    if (tool === 'eslint') {
      const { stdout } = await runCommand(
        bin('eslint'),
        ['--format', 'json', '.'],
        {
          cwd: dir,
          okCodes: [0, 1],
        },
      );
      total += JSON.parse(stdout).reduce((n, f) => n + f.messages.length, 0);
    } else {
      const { stdout } = await runCommand(
        bin('prettier'),
        ['--list-different', '.'],
        {
          cwd: dir,
          okCodes: [0, 1],
        },
      );
      total += stdout.split('\n').filter(Boolean).length;
    }
  }
  return total;
}

async function main() {
  const simulator = await GithubSimulator.start();
  const tools = await linkedLintTools();
  const workDir = await fs.mkdtemp(join(tmpdir(), 'bench-lint-autofix-'));
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [simulator.integrationConfig()] },
    }),
  );
  const checkouts = new DefaultCheckoutService({
    integrations,
    workingDirectory: workDir,
  });
  const link = dir => fs.symlink(tools.nodeModules, join(dir, 'node_modules'));
  const count = async (slug, ref) => {
    const checkout = await checkouts.clone({
      repositoryUrl: `${simulator.urls.web}/${slug}`,
      ref,
    });
    try {
      await link(checkout.dir);
      return await countViolations(checkout.dir);
    } finally {
      await checkout.close();
    }
  };
  try {
    const entities = [];
    for (const [slug, files] of Object.entries(REPOSITORIES)) {
      await simulator.createRepository(slug, {
        commits: [{ message: 'feat: start', files }],
      });
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
        readOnlyPaths: tools.readOnlyPaths,
      }),
      install: link,
    });

    const before = {};
    for (const slug of Object.keys(REPOSITORIES)) {
      before[slug] = await count(slug, 'main');
    }
    const ctx = () => ({
      now: new Date(),
      signal: new AbortController().signal,
    });
    const inputs = await scanner.scan(ctx());
    const rows = [];
    let id = 0;
    for (const slug of Object.keys(REPOSITORIES)) {
      const input = inputs.find(i => i.repository === slug);
      let after = before[slug];
      let outcome = 'not queued';
      if (input) {
        id += 1;
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
        slug,
        outcome,
        before: before[slug],
        after,
        pulls: simulator.pulls(slug).length,
      });
    }
    const rescan = await scanner.scan(ctx());

    console.log(
      'repository           queued  outcome          before  after  resolved  PRs',
    );
    for (const r of rows) {
      const share = r.before
        ? `${Math.round((100 * (r.before - r.after)) / r.before)} %`
        : '-';
      console.log(
        `${r.slug.padEnd(20)} ${(r.outcome === 'not queued'
          ? 'no'
          : 'yes'
        ).padEnd(7)} ${r.outcome.padEnd(16)} ${String(r.before).padStart(
          6,
        )} ${String(r.after).padStart(6)} ${share.padStart(9)} ${String(
          r.pulls,
        ).padStart(4)}`,
      );
    }
    const total = rows.reduce((s, r) => s + r.before, 0);
    const remaining = rows.reduce((s, r) => s + r.after, 0);
    const share = total ? (100 * (total - remaining)) / total : 0;
    console.log(
      `overall: ${total} violations before, ${remaining} after: ${share.toFixed(
        1,
      )} % resolved without a person (SC-001 target > 50 %): ${
        share > 50 ? 'PASS' : 'FAIL'
      }`,
    );
    console.log(
      `tasks queued: ${inputs.length}; pull requests opened: ${rows.reduce(
        (s, r) => s + r.pulls,
        0,
      )}; second scan of the unchanged repositories queued: ${rescan.length}`,
    );
    if (share <= 50) process.exitCode = 1;
  } finally {
    await simulator.stop();
    await tools.remove();
    await fs.rm(workDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
