import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { defaultConventionPacks } from '@catalyst/conventions';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/plugin-platform-node/testUtils';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  executionContext,
  executorTask,
} from '../../../__testUtils__/executorTasks';
import { ConventionFixExecutor } from './ConventionFixExecutor';
import { TemporaryCheckouts } from './TemporaryCheckouts';

jest.setTimeout(60_000);

const repositoryFiles = {
  'package.json': `${JSON.stringify(
    {
      name: 'web',
      private: true,
      scripts: { test: 'jest' },
      devDependencies: { typescript: '^5.0.0' },
    },
    null,
    2,
  )}\n`,
  'tsconfig.json': '{}\n',
  'src/index.ts': 'export const ok = true;\n',
};

describe('ConventionFixExecutor', () => {
  let simulator: GithubSimulator;
  let workDir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    workDir = await fs.mkdtemp(join(tmpdir(), 'convention-fix-'));
  });
  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  function setUp() {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    return new ConventionFixExecutor({
      checkouts: new TemporaryCheckouts({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      packs: defaultConventionPacks,
    });
  }

  it('opens one pull request with the missing standard files, and updates it on a re-run', async () => {
    const git = await simulator.createRepository('acme/web', {
      commits: [{ message: 'feat: web', files: repositoryFiles }],
    });
    const executor = setUp();
    const url = `${simulator.urls.web}/acme/web`;

    const dryRun = await executor.execute(
      executorTask('convention_fix', url, { approvalPolicy: 'dry-run' }),
      executionContext('prepare', 'dry-run'),
    );
    expect(dryRun.outcome).toBe('done');
    expect(dryRun.diff).toContain('.editorconfig');
    expect(simulator.pulls('acme/web')).toHaveLength(0);

    const first = await executor.execute(
      executorTask('convention_fix', url),
      executionContext('apply', 'auto-merge'),
    );
    const pulls = simulator.pulls('acme/web');
    expect(pulls).toHaveLength(1);
    expect(pulls[0].head.ref).toBe('chore/convention-fix-repository');
    expect(pulls[0].title).toMatch(/^chore\(conventions\): /);
    expect(first.linkedPr?.number).toBe(pulls[0].number);
    const head = await git.resolveRef(
      'refs/heads/chore/convention-fix-repository',
    );
    expect(head).toBeTruthy();
    const hook = (await git.readTree(head!, true))?.find(
      entry => entry.path === '.husky/commit-msg',
    );
    expect(hook?.mode).toBe('100755');

    const second = await executor.execute(
      executorTask('convention_fix', url),
      executionContext('apply', 'auto-merge'),
    );
    expect(second.linkedPr?.number).toBe(pulls[0].number);
    expect(simulator.pulls('acme/web')).toHaveLength(1);
  });
});
