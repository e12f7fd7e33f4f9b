import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { testToolRunner } from '../__testUtils__/testToolRunner';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import { startTestGoProxy, TestGoProxy } from '../__testUtils__/goModuleProxy';
import { DependencyUpdateExecutor } from './DependencyUpdateExecutor';
import { runCommand } from '@catalyst/plugin-platform-node';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';

jest.setTimeout(180_000);

const greet = (version: string) => ({
  modulePath: 'example.test/greet',
  version,
  files: {
    'go.mod': 'module example.test/greet\n\ngo 1.22\n',
    'greet.go': `package greet\n\n// Hello says which version it is.\nfunc Hello() string { return "${version}" }\n`,
  },
});

describe('DependencyUpdateExecutor on go.mod', () => {
  let proxy: TestGoProxy;
  let simulator: GithubSimulator;
  let workDir: string;
  let goEnv: { cache: string; saved: Record<string, string | undefined> };

  beforeAll(async () => {
    [proxy, simulator] = await Promise.all([
      startTestGoProxy(),
      GithubSimulator.start(),
    ]);
    // A module cache of the test's own, removable, so nothing leaks into the machine's.
    const cache = await fs.mkdtemp(join(tmpdir(), 'go-mod-cache-'));
    goEnv = {
      cache,
      saved: {
        GOMODCACHE: process.env.GOMODCACHE,
        GOFLAGS: process.env.GOFLAGS,
      },
    };
    process.env.GOMODCACHE = cache;
    process.env.GOFLAGS = '-modcacherw';
    await proxy.publish(greet('v1.0.0'));
    const fixture = await fs.mkdtemp(join(tmpdir(), 'go-fixture-'));
    await fs.writeFile(
      join(fixture, 'go.mod'),
      'module example.test/service\n\ngo 1.22\n\nrequire example.test/greet v1.0.0\n',
    );
    await fs.writeFile(
      join(fixture, 'main.go'),
      'package main\n\nimport "example.test/greet"\n\nfunc main() { println(greet.Hello()) }\n',
    );
    await runCommand('go', ['mod', 'tidy'], {
      cwd: fixture,
      env: { GOPROXY: proxy.url, GOSUMDB: 'off', GOTOOLCHAIN: 'local' },
    });
    await simulator.createRepository('acme/gosvc', {
      commits: [
        {
          message: 'feat: service',
          files: {
            'go.mod': await fs.readFile(join(fixture, 'go.mod'), 'utf8'),
            'go.sum': await fs.readFile(join(fixture, 'go.sum'), 'utf8'),
            'main.go': await fs.readFile(join(fixture, 'main.go'), 'utf8'),
          },
        },
      ],
    });
    await fs.rm(fixture, { recursive: true, force: true });
    await proxy.publish(greet('v1.1.0'));
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(goEnv.saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await fs.rm(goEnv.cache, { recursive: true, force: true });
    await Promise.all([proxy.stop(), simulator.stop()]);
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'dependency-update-go-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  it('moves the requirement and refreshes go.sum through the proxy', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const executor = new DependencyUpdateExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      tools: testToolRunner(),
      goProxy: proxy.url,
      goSumDb: 'off',
    });
    const repositoryUrl = `${simulator.urls.web}/acme/gosvc`;
    const result = await executor.execute(
      executorTask('dependency_update', repositoryUrl, {
        subject: 'go:example.test/greet',
        payload: {
          repositoryUrl,
          updates: [
            {
              ecosystem: 'go',
              directory: '',
              name: 'example.test/greet',
              section: 'require',
              from: '1.0.0',
              to: '1.1.0',
              kind: 'minor',
              advisories: [],
            },
          ],
        },
      }),
      executionContext('apply', 'auto-merge'),
    );
    expect(result.outcome).toBe('done');
    const [pull] = simulator.pulls('acme/gosvc');
    expect(pull).toMatchObject({
      title: 'chore(deps): update example.test/greet to 1.1.0',
      head: { ref: 'chore/dependency-update-go-example-test-greet' },
    });
    const repo = simulator.repository('acme/gosvc');
    const branch = `refs/heads/${pull.head.ref}`;
    expect(await repo.readFile(branch, 'go.mod')).toContain(
      'require example.test/greet v1.1.0',
    );
    const goSum = (await repo.readFile(branch, 'go.sum'))!;
    expect(goSum).toMatch(/^example\.test\/greet v1\.1\.0 h1:\S+=$/m);
    expect(goSum).toMatch(/^example\.test\/greet v1\.1\.0\/go\.mod h1:\S+=$/m);
  });
});
