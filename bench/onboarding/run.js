#!/usr/bin/env node
/* eslint-disable no-console */
// SC-005 (onboarding under 10 minutes), measured for each golden-path
// template on the GitHub simulator: the template's own steps (Backstage's
// real fetch:template and Catalyst's actions) render the service, the
// rendered tree is pushed to a branch of an existing repository and the pull
// request opened with the template step's title (what publish:github:pull-request
// does; that action itself looks up open pull requests through GitHub's GraphQL
// API, which the simulator does not serve), Catalyst's pull-request convention
// checks run on it, and it is merged with the pushed SHA. Each phase is timed; the drift of the merged default branch is
// checked. Run by hand: node bench/onboarding/run.js
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const { cpSync, mkdtempSync, readFileSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { performance } = require('node:perf_hooks');

const repoRoot = resolve(__dirname, '../..');
require(join(repoRoot, 'node_modules/@backstage/cli/config/nodeTransform.cjs'));
const { ConfigReader } = require('@backstage/config');
const { ScmIntegrations } = require('@backstage/integration');
const {
  createFetchTemplateAction,
} = require('@backstage/plugin-scaffolder-backend');
const { Octokit } = require('@octokit/rest');
const yaml = require('yaml');
const { GithubSimulator } = require(join(
  repoRoot,
  'packages/github-simulator/src',
));
const { defaultConventionPacks, detectConventionDrift } = require(join(
  repoRoot,
  'packages/conventions/src',
));
const scaffolderModule = join(
  repoRoot,
  'plugins/scaffolder-backend-module-platform/src',
);
const { createConventionsScaffoldAction } = require(join(
  scaffolderModule,
  'actions/conventionsScaffold',
));
const { createAgentsMdGenerateAction } = require(join(
  scaffolderModule,
  'actions/agentsMdGenerate',
));
const conventions = join(repoRoot, 'plugins/platform-backend/src/conventions');
const { GithubPullRequestChecksClient } = require(join(
  conventions,
  'PullRequestChecksClient',
));
const { PullRequestConventionChecker } = require(join(
  conventions,
  'PullRequestConventionChecker',
));

// Async: the simulator serving git runs in this process.
const run = promisify(execFile);

const TEMPLATES = ['typescript-service', 'go-service', 'python-service'];
const TARGET_SECONDS = 600;
const quiet = {
  info() {},
  warn() {},
  error() {},
  debug() {},
  child() {
    return quiet;
  },
};

/** A scaffolder action context as the task runner gives one, without jest. */
function actionContext(input, workspacePath, templateFile, temporaryDirs) {
  const outputs = {};
  return {
    ctx: {
      input,
      workspacePath,
      logger: quiet,
      secrets: {},
      templateInfo: {
        baseUrl: pathToFileURL(templateFile).href,
        entityRef: 'template:default/bench',
      },
      output(name, value) {
        outputs[name] = value;
      },
      async createTemporaryDirectory() {
        const dir = mkdtempSync(join(tmpdir(), 'catalyst-onboarding-tmp-'));
        temporaryDirs.push(dir);
        return dir;
      },
      async checkpoint({ fn }) {
        return fn();
      },
      getInitiatorCredentials: async () => ({}),
      task: { id: 'bench' },
      isDryRun: false,
    },
    outputs,
  };
}

/** Renders `expr`-free values into the template's step inputs (the few this bench needs). */
function renderInput(input, parameters) {
  return JSON.parse(
    JSON.stringify(input ?? {}).replace(
      /\$\{\{ parameters\.(\w+) \}\}/g,
      (_, key) => String(parameters[key] ?? ''),
    ),
  );
}

/** The repository's clone URL with the token, as git over HTTPS takes it from the platform. */
function remote(github, repo) {
  const url = new URL(`${github.urls.web}/acme/${repo}.git`);
  url.username = 'x-access-token';
  url.password = github.integrationConfig().token;
  return url.href;
}

async function onboard({ github, integrations, template, index }) {
  const templateDir = join(repoRoot, 'templates', template);
  const templateFile = join(templateDir, 'template.yaml');
  const spec = yaml.parse(readFileSync(templateFile, 'utf8')).spec;
  const name = `svc-${index}`;
  const repo = `platform-${index}`;
  // An existing repository, as a team has it before onboarding.
  await github.createRepository(`acme/${repo}`, {
    commits: [
      { message: 'chore: initial commit', files: { LICENSE: 'MIT\n' } },
    ],
  });
  const parameters = {
    name,
    description: `The ${template} bench service`,
    owner: 'group:default/team-a',
    system: 'system:default/billing',
    namespace: 'bench',
    repoUrl: `${github.host}?owner=acme&repo=${repo}`,
    publishMode: 'pull-request',
    targetPath: '',
  };
  const workspace = mkdtempSync(join(tmpdir(), 'catalyst-onboarding-'));
  const temporaryDirs = [workspace];
  const phases = {};
  try {
    const t0 = performance.now();
    const actions = [
      createFetchTemplateAction({
        reader: {
          readUrl: async () => {
            throw new Error('no URL reads');
          },
        },
        integrations,
      }),
      createConventionsScaffoldAction(),
      createAgentsMdGenerateAction(),
    ];
    for (const step of spec.steps) {
      const action = actions.find(a => a.id === step.action);
      if (!action) continue;
      const input =
        step.action === 'fetch:template'
          ? { ...step.input, values: parameters }
          : renderInput(step.input, parameters);
      const { ctx, outputs } = actionContext(
        input,
        workspace,
        templateFile,
        temporaryDirs,
      );
      await action.handler(ctx);
    }
    phases.render = performance.now() - t0;

    const tPr = performance.now();
    const publish = renderInput(
      spec.steps.find(step => step.action === 'publish:github:pull-request')
        .input,
      parameters,
    );
    const branchClone = mkdtempSync(join(tmpdir(), 'catalyst-onboarding-pr-'));
    temporaryDirs.push(branchClone);
    const git = (...args) => run('git', args, { cwd: branchClone });
    await run('git', ['clone', '--quiet', remote(github, repo), branchClone]);
    await git('checkout', '--quiet', '-b', publish.branchName);
    cpSync(workspace, join(branchClone, publish.targetPath || '.'), {
      recursive: true,
    });
    await git('add', '--all');
    await git(
      '-c',
      'user.name=Catalyst',
      '-c',
      'user.email=catalyst@example.com',
      'commit',
      '--quiet',
      '-m',
      publish.commitMessage,
    );
    await git('push', '--quiet', 'origin', publish.branchName);
    const octokit = new Octokit({
      baseUrl: github.urls.api,
      auth: github.integrationConfig().token,
    });
    const { data: pr } = await octokit.pulls.create({
      owner: 'acme',
      repo,
      head: publish.branchName,
      base: 'main',
      title: publish.title,
      body: publish.description,
    });
    phases.pullRequest = performance.now() - tPr;
    const t1 = performance.now();
    const checker = new PullRequestConventionChecker({
      packs: async () => defaultConventionPacks,
      client: new GithubPullRequestChecksClient(integrations),
      // The check records go to the platform database; the bench keeps none.
      store: { recordCheck: async () => {} },
      logger: quiet,
    });
    const check = await checker.check({
      htmlUrl: pr.html_url,
      owner: 'acme',
      repo,
      number: pr.number,
      headSha: pr.head.sha,
      title: pr.title,
      branch: pr.head.ref,
      action: 'opened',
    });
    phases.checks = performance.now() - t1;

    const t2 = performance.now();
    await octokit.pulls.merge({
      owner: 'acme',
      repo,
      pull_number: pr.number,
      sha: pr.head.sha,
      merge_method: 'squash',
    });
    phases.merge = performance.now() - t2;

    // The merged default branch, as the drift scanner would clone it.
    const clone = mkdtempSync(join(tmpdir(), 'catalyst-onboarding-main-'));
    temporaryDirs.push(clone);
    await run('git', ['clone', '--quiet', remote(github, repo), clone]);
    const drift = await detectConventionDrift({
      repoDir: clone,
      packs: defaultConventionPacks,
    });
    const total = performance.now() - t0;
    return {
      template,
      pack: check.pack,
      conclusion: check.conclusion,
      findings: check.findings.length,
      pullRequest: `#${pr.number} "${pr.title}"`,
      drifted: drift.drifted,
      phases,
      total,
    };
  } finally {
    temporaryDirs.forEach(dir => rmSync(dir, { recursive: true, force: true }));
  }
}

async function main() {
  const github = await GithubSimulator.start({ token: 'bench-token' });
  try {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [github.integrationConfig()] },
      }),
    );
    console.log(
      `GitHub simulator on ${github.host}; target: under ${TARGET_SECONDS} s per template`,
    );
    const results = [];
    for (const [index, template] of TEMPLATES.entries()) {
      const result = await onboard({ github, integrations, template, index });
      results.push(result);
      const s = ms => `${(ms / 1000).toFixed(2)} s`;
      console.log(
        `${template}: render ${s(result.phases.render)}, pull request ${s(
          result.phases.pullRequest,
        )} (${result.pullRequest}), convention checks ${s(
          result.phases.checks,
        )} (${result.conclusion}, ${result.findings} findings, pack ${
          result.pack
        }), merge ${s(result.phases.merge)}; total ${s(
          result.total,
        )}; drift after merge: ${result.drifted ? 'YES' : 'none'}`,
      );
    }
    const worst = Math.max(...results.map(r => r.total));
    const green = results.every(r => r.conclusion === 'success' && !r.drifted);
    console.log(
      `worst template: ${(worst / 1000).toFixed(2)} s of ${TARGET_SECONDS} s; ${
        green ? 'every check green, no drift' : 'NOT GREEN'
      } ${worst < TARGET_SECONDS * 1000 && green ? 'OK' : 'OVER TARGET'}`,
    );
    if (!green) process.exitCode = 1;
  } finally {
    await github.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
