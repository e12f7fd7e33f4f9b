import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import {
  countLintViolations,
  linkedLintTools,
  lintFixtureFiles,
} from './__testUtils__/lintFixtureRepository';
import { leakingEslintConfig } from './__testUtils__/leakingLintConfig';
import {
  HostileProbeReport,
  leakedSecrets,
} from '@catalyst/checkout-guard/testUtils';
import { LintAutofixExecutor } from './LintAutofixExecutor';
import { lintToolchain } from './__testUtils__/lintToolchain';
import {
  DefaultCheckoutService,
  DefaultIsolatedToolRunner,
} from '@catalyst/plugin-platform-node';

jest.setTimeout(120_000);

describe('LintAutofixExecutor', () => {
  let simulator: GithubSimulator;
  let tools: Awaited<ReturnType<typeof linkedLintTools>>;
  let workDir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    tools = await linkedLintTools();
  });
  afterAll(async () => {
    await simulator.stop();
    await tools.remove();
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'lint-autofix-'));
  });
  afterEach(async () => {
    await fs.rm(workDir, { recursive: true, force: true });
  });

  const linkTools = (dir: string) =>
    fs.symlink(tools.nodeModules, join(dir, 'node_modules'));

  function setUp() {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const executor = new LintAutofixExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: new DefaultIsolatedToolRunner({
        mode: 'bwrap',
        readOnlyPaths: tools.readOnlyPaths,
      }),
      install: linkTools,
    });
    return { executor };
  }

  const task = (repository: string, overrides: Partial<PlatformTask> = {}) =>
    executorTask(
      'lint_autofix',
      `${simulator.urls.web}/${repository}`,
      overrides,
    );
  const context = executionContext;

  async function cloneAndCount(repository: string, ref: string) {
    const checkout = await new DefaultCheckoutService({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [simulator.integrationConfig()] },
        }),
      ),
      workingDirectory: workDir,
    }).clone({ repositoryUrl: `${simulator.urls.web}/${repository}`, ref });
    await linkTools(checkout.dir);
    return countLintViolations(checkout.dir);
  }

  it('resolves most lint and format violations in one pull request (SC-001)', async () => {
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'feat: cart', files: lintFixtureFiles() }],
    });
    const { executor } = setUp();

    const dryRun = await executor.execute(
      task('acme/web', { approvalPolicy: 'dry-run' }),
      context('prepare', 'dry-run'),
    );
    expect(dryRun.outcome).toBe('done');
    expect(dryRun.diff).toContain('src/cart.js');
    const waiting = await executor.execute(
      task('acme/web', { approvalPolicy: 'require-approval' }),
      context('prepare', 'require-approval'),
    );
    expect(waiting.outcome).toBe('awaiting_approval');
    expect(simulator.pulls('acme/web')).toHaveLength(0);

    const applied = await executor.execute(
      task('acme/web'),
      context('apply', 'auto-merge'),
    );
    expect(applied.outcome).toBe('done');
    const pulls = simulator.pulls('acme/web');
    expect(pulls).toHaveLength(1);
    expect(pulls[0].head.ref).toBe('chore/lint-autofix-repository');
    expect(pulls[0].title).toBe('chore(lint): apply eslint and prettier fixes');
    expect(applied.linkedPr?.number).toBe(pulls[0].number);
    const head = await simulator
      .repository('acme/web')
      .resolveRef('refs/heads/chore/lint-autofix-repository');
    expect(head).toBeTruthy();

    const before = await cloneAndCount('acme/web', 'main');
    const after = await cloneAndCount(
      'acme/web',
      'chore/lint-autofix-repository',
    );
    const total = (counts: typeof before) => counts.eslint + counts.prettier;
    const share = 1 - total(after) / total(before);
    // eslint-disable-next-line no-console
    console.log(
      `SC-001 lint_autofix: ${total(before)} violations before (eslint ${
        before.eslint
      }, prettier ${before.prettier}), ${total(after)} after (eslint ${
        after.eslint
      }, prettier ${after.prettier}): ${(share * 100).toFixed(1)}% resolved`,
    );
    expect(total(before)).toBeGreaterThan(10);
    expect(share).toBeGreaterThan(0.5);

    // A second run updates the same pull request instead of opening another.
    const again = await executor.execute(
      task('acme/web'),
      context('apply', 'auto-merge'),
    );
    expect(again.linkedPr?.number).toBe(pulls[0].number);
    expect(simulator.pulls('acme/web')).toHaveLength(1);
  });

  it('fixes a Python repository with ruff and a Go repository with gofmt and goimports, under their own configs', async () => {
    const toolchain = await lintToolchain();
    await simulator.createRepository('acme/py', {
      commits: [
        {
          message: 'feat: py',
          files: {
            'pyproject.toml':
              '[project]\nname = "py"\n\n[tool.ruff]\nline-length = 60\n\n[tool.ruff.lint]\nselect = ["F", "I", "UP"]\n',
            'src/app.py':
              'import sys\nimport os\nfrom typing import List\n\ndef names(items : List[str])->List[str]:\n    return [ i.upper() for i in items if i!="" ]\n\ndef broken():\n    return undefined_name\n',
          },
        },
      ],
    });
    await simulator.createRepository('acme/go', {
      commits: [
        {
          message: 'feat: go',
          files: {
            'go.mod': 'module example.com/acme\n\ngo 1.21\n',
            'main.go':
              'package main\n\nimport (\n\t"fmt"\n\t"os"\n\t"strings"\n)\n\nfunc main( ) {\n  fmt.Println( strings.ToUpper("hi") )\n}\n',
          },
        },
      ],
    });
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const executor = new LintAutofixExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: new DefaultIsolatedToolRunner({ mode: 'bwrap', toolchain }),
      install: async () => {
        throw new Error('no Node tools to install');
      },
    });
    const read = async (repository: string, path: string) =>
      simulator
        .repository(repository)
        .git(['show', `chore/lint-autofix-repository:${path}`]);

    const python = await executor.execute(
      task('acme/py'),
      context('apply', 'auto-merge'),
    );
    expect(python.outcome).toBe('done');
    expect(simulator.pulls('acme/py')[0].title).toBe(
      'chore(lint): apply ruff fixes',
    );
    const app = await read('acme/py', 'src/app.py');
    // F401 (unused imports) and UP006 (List -> list) fixed, then formatted;
    // the undefined name (F821) has no automatic fix and stays.
    expect(app).not.toContain('import sys');
    expect(app).not.toContain('import os');
    expect(app).toContain('def names(items: list[str]) -> list[str]:');
    expect(app).toContain('return [i.upper() for i in items if i != ""]');
    expect(app).toContain('return undefined_name');

    const go = await executor.execute(
      task('acme/go'),
      context('apply', 'auto-merge'),
    );
    expect(go.outcome).toBe('done');
    expect(simulator.pulls('acme/go')[0].title).toBe(
      'chore(lint): apply gofmt and goimports fixes',
    );
    const main = await read('acme/go', 'main.go');
    expect(main).not.toContain('"os"');
    expect(main).toContain(
      'func main() {\n\tfmt.Println(strings.ToUpper("hi"))\n}',
    );
  });

  it('has nothing to do in a repository that is already clean', async () => {
    const files = lintFixtureFiles();
    await simulator.createRepository('acme/clean', {
      commits: [
        {
          message: 'feat: clean',
          files: {
            'package.json': files['package.json'],
            '.prettierrc.json': files['.prettierrc.json'],
            '.eslintrc.json': files['.eslintrc.json'],
            'src/clean.js': files['src/clean.js'],
          },
        },
      ],
    });
    const { executor } = setUp();
    const result = await executor.execute(
      task('acme/clean'),
      context('apply', 'auto-merge'),
    );
    expect(result.outcome).toBe('nothing_to_do');
    expect(simulator.pulls('acme/clean')).toHaveLength(0);
  });

  describe('with a hostile lint config', () => {
    let server: Server;
    let outside: string;
    const saved = { ...process.env };

    beforeAll(async () => {
      server = createServer((_req, res) => res.end('reached'));
      await new Promise<void>(resolve =>
        server.listen(0, '127.0.0.1', resolve),
      );
    });
    afterAll(() => new Promise(resolve => server.close(resolve)));
    beforeEach(async () => {
      outside = await fs.mkdtemp(join(tmpdir(), 'lint-outside-'));
      await fs.writeFile(join(outside, 'secrets.yaml'), 'token: ghp_file\n');
      process.env.GITHUB_TOKEN = 'ghp_lint_backend_secret';
      process.env.POSTGRES_PASSWORD = 'db_backend_secret';
    });
    afterEach(async () => {
      process.env.GITHUB_TOKEN = saved.GITHUB_TOKEN;
      process.env.POSTGRES_PASSWORD = saved.POSTGRES_PASSWORD;
      if (saved.GITHUB_TOKEN === undefined) delete process.env.GITHUB_TOKEN;
      if (saved.POSTGRES_PASSWORD === undefined) {
        delete process.env.POSTGRES_PASSWORD;
      }
      await fs.rm(outside, { recursive: true, force: true });
    });

    it("runs it without the backend's variables, files or network", async () => {
      const files = lintFixtureFiles();
      delete files['.eslintrc.json'];
      await simulator.createRepository('acme/leaky', {
        commits: [
          {
            message: 'feat: leaky',
            files: {
              ...files,
              '.eslintrc.js': leakingEslintConfig({
                outsideFile: join(outside, 'secrets.yaml'),
                port: (server.address() as AddressInfo).port,
              }),
            },
          },
        ],
      });
      const { executor } = setUp();
      const result = await executor.execute(
        task('acme/leaky'),
        context('apply', 'auto-merge'),
      );
      expect(result.outcome).toBe('done');

      // What the config wrote is in the pull request, as an attacker would want it.
      const leak = JSON.parse(
        (await simulator
          .repository('acme/leaky')
          .readFile('refs/heads/chore/lint-autofix-repository', 'leak.json'))!,
      ) as HostileProbeReport;
      expect(
        leakedSecrets(leak, ['ghp_lint_backend_secret', 'db_backend_secret']),
      ).toEqual([]);
      expect(leak.env.HOME).toBeDefined();
      expect(leak.env.HOME).not.toBe(homedir());
      expect(leak.outside).toBe('refused: ENOENT');
      expect(leak.network).not.toBe('connected');
      expect(leak.network).toMatch(/^E[A-Z]+/);
    });
  });
});
