import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import request from 'supertest';
import { demoServiceFiles } from '../__testUtils__/conventionsRepository';
import { platformPlugin } from '../plugin';
import { signGithubPayload } from '../webhooks/verifySignature';
import { componentEntity } from '../__testUtils__/components';

const TOKEN = 'ghs_catalyst';
const SECRET = 'webhook-secret';

jest.setTimeout(60_000);

// GitHub's documented `pull_request` delivery, pointed at the simulator.
function pullRequestEvent(
  github: GithubSimulator,
  fullName: string,
  pr: { number: number; title: string; head: { ref: string; sha: string } },
  action: string,
): any {
  const entry = (examples as any[]).find(e => e.name === 'pull_request');
  const payload = structuredClone(
    entry.examples.find((e: any) => e.action === 'opened'),
  );
  const [owner, name] = fullName.split('/');
  payload.action = action;
  payload.repository.full_name = fullName;
  payload.repository.name = name;
  payload.repository.owner.login = owner;
  payload.repository.default_branch = 'main';
  payload.pull_request.number = pr.number;
  payload.pull_request.title = pr.title;
  payload.pull_request.html_url = `${github.urls.web}/${fullName}/pull/${pr.number}`;
  payload.pull_request.head.ref = pr.head.ref;
  payload.pull_request.head.sha = pr.head.sha;
  return payload;
}

describe('convention checks of pull requests', () => {
  let github: GithubSimulator;
  const repo = 'acme/demo-checks';

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: TOKEN });
    await github.createRepository(repo, {
      commits: [{ message: 'feat(demo): first', files: demoServiceFiles() }],
    });
  });

  afterAll(async () => {
    await github.stop();
  });

  async function start(entities: Entity[] = []) {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [github.integrationConfig()] },
            platform: { github: { webhookSecret: SECRET } },
          },
        }),
      ],
    });
    return server;
  }

  const deliver = (server: any, payload: unknown, id: string) => {
    const body = JSON.stringify(payload);
    return request(server)
      .post('/api/platform/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', 'pull_request')
      .set('x-github-delivery', id)
      .set('x-hub-signature-256', signGithubPayload(SECRET, body))
      .send(body);
  };

  it('fails a pull request with a bad commit message, with a fresh check run per check', async () => {
    // The recorded checks are listed to callers who can see the repository's component.
    const server = await start([
      componentEntity('demo-checks', { 'github.com/project-slug': repo }),
    ]);
    const git = github.repository(repo);
    await git.git(['branch', 'feat/answer', 'main']);
    await git.commitFiles(
      'feat/answer',
      { 'src/answer.ts': 'export const answer = 43;\n' },
      'changed the answer',
    );
    const pr = await github.openPullRequest(repo, {
      head: 'feat/answer',
      title: 'feat(demo): a better answer',
    });

    const opened = await deliver(
      server,
      pullRequestEvent(github, repo, pr, 'opened'),
      'd-opened',
    );
    expect(opened.status).toBe(200);
    expect(opened.body.conventions).toMatchObject({
      pack: 'typescript',
      conclusion: 'failure',
      checkRun: 'created',
    });
    let runs = github.checkRuns(repo);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      name: 'Catalyst conventions',
      headSha: pr.head.sha,
      status: 'completed',
      conclusion: 'failure',
      output: { title: '1 convention failure' },
    });
    expect(runs[0].annotations).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          annotation_level: 'failure',
          title: 'Commit message',
          path: 'src/answer.ts',
          start_line: 1,
          message: expect.stringContaining('"changed the answer"'),
        }),
        // A source file changed without a test: a warning, the rule is not required.
        expect.objectContaining({
          annotation_level: 'warning',
          title: 'Source changed without tests',
          path: 'src/answer.ts',
        }),
      ]),
    );

    // The title edited on the same head commit: a fresh run, not the old one with its stale annotations.
    const edited = await deliver(
      server,
      pullRequestEvent(
        github,
        repo,
        { ...pr, title: 'a better answer' },
        'edited',
      ),
      'd-edited',
    );
    expect(edited.body.conventions).toMatchObject({
      conclusion: 'failure',
      checkRun: 'created',
    });
    expect(edited.body.conventions.checkRunId).not.toBe(
      opened.body.conventions.checkRunId,
    );
    expect(
      edited.body.conventions.findings.map((f: any) => f.check).sort(),
    ).toEqual(['commit-message', 'pr-title', 'tests']);
    runs = github.checkRuns(repo);
    expect(runs.map(r => r.headSha)).toEqual([pr.head.sha, pr.head.sha]);
    expect(runs[0].annotations).toHaveLength(2);
    expect(runs[1].id).toBe(edited.body.conventions.checkRunId);
    expect(runs[1].annotations.map(a => a.title).sort()).toEqual([
      'Commit message',
      'Pull request title',
      'Source changed without tests',
    ]);

    // A new push with a test and a conventional message: a new head, a new passing run.
    const head = await git.commitFiles(
      'feat/answer',
      { 'src/answer.test.ts': "test('answer', () => {});\n" },
      'test(demo): cover the answer',
    );
    const pushed = await deliver(
      server,
      pullRequestEvent(
        github,
        repo,
        { ...pr, head: { ref: 'feat/answer', sha: head } },
        'synchronize',
      ),
      'd-sync',
    );
    // The first commit's message is still in the pull request.
    expect(pushed.body.conventions).toMatchObject({
      conclusion: 'failure',
      checkRun: 'created',
    });
    expect(pushed.body.conventions.findings.map((f: any) => f.check)).toEqual([
      'commit-message',
    ]);
    runs = github.checkRuns(repo);
    expect(runs.map(r => r.headSha)).toEqual([pr.head.sha, pr.head.sha, head]);

    // A replayed delivery id is dropped before any check.
    const replay = await deliver(
      server,
      pullRequestEvent(github, repo, pr, 'opened'),
      'd-opened',
    );
    expect(replay.body.status).toBe('ignored');
    expect(github.checkRuns(repo)).toHaveLength(3);

    const recorded = await request(server).get(
      `/api/platform/conventions/pull-requests/${repo}/${pr.number}/checks`,
    );
    expect(recorded.status).toBe(200);
    expect(
      recorded.body.items.map((c: any) => [c.action, c.conclusion, c.headSha]),
    ).toEqual([
      ['opened', 'failure', pr.head.sha],
      ['edited', 'failure', pr.head.sha],
      ['synchronize', 'failure', head],
    ]);
    expect(recorded.body.items[0].findings).toHaveLength(2);
  });

  it('passes a conventional pull request and warns about its branch name', async () => {
    const server = await start();
    const git = github.repository(repo);
    await git.git(['branch', 'my-branch', 'main']);
    await git.commitFiles(
      'my-branch',
      {
        'src/greeting.ts': "export const greeting = 'hi';\n",
        'src/greeting.test.ts': "test('greeting', () => {});\n",
      },
      'feat(demo): greet',
    );
    const pr = await github.openPullRequest(repo, {
      head: 'my-branch',
      title: 'feat(demo): greet',
    });
    const res = await deliver(
      server,
      pullRequestEvent(github, repo, pr, 'opened'),
      'd-branch',
    );
    expect(res.body.conventions).toMatchObject({
      conclusion: 'success',
      findings: [
        {
          check: 'branch-name',
          level: 'warning',
          message: expect.stringContaining('"my-branch"'),
        },
      ],
    });
    const run = github.checkRuns(repo).find(r => r.headSha === pr.head.sha)!;
    expect(run).toMatchObject({
      conclusion: 'success',
      output: { title: 'Conventions followed (1 warnings)' },
    });
  });

  async function openWith(
    branch: string,
    files: Record<string, string>,
    message: string,
    title = message,
  ) {
    const git = github.repository(repo);
    await git.git(['branch', branch, 'main']);
    await git.commitFiles(branch, files, message);
    return github.openPullRequest(repo, { head: branch, title });
  }

  it("applies the rule rows of the repository's component", async () => {
    const server = await start([
      componentEntity('demo-checks', {
        'github.com/project-slug': repo,
        'backstage.io/source-location': `url:${github.urls.web}/${repo}/tree/main/`,
      }),
    ]);
    const rule = await request(server)
      .put(
        '/api/platform/conventions/component/default/demo-checks/rules/branch-naming',
      )
      .send({ enabled: false });
    expect(rule.status).toBe(200);

    const pr = await openWith(
      'no-type-prefix',
      {
        'src/row.ts': "export const row = 'off';\n",
        'src/row.test.ts': "test('row', () => {});\n",
      },
      'feat(demo): a branch the component allows',
    );
    const res = await deliver(
      server,
      pullRequestEvent(github, repo, pr, 'opened'),
      'd-component-row',
    );
    // Without the row this branch name is a warning (see above).
    expect(res.body.conventions).toMatchObject({
      pack: 'typescript',
      conclusion: 'success',
      findings: [],
    });
  });

  it("follows the catalyst.yaml of the pull request's head: disabled rules and ignored paths", async () => {
    const server = await start();
    const unnamed = await openWith(
      'whatever-i-like',
      {
        'catalyst.yaml': 'conventions:\n  rules:\n    branch-naming: false\n',
        'src/hello.ts': "export const hello = 'hi';\n",
        'src/hello.test.ts': "test('hello', () => {});\n",
      },
      'feat(demo): say hello',
    );
    const res = await deliver(
      server,
      pullRequestEvent(github, repo, unnamed, 'opened'),
      'd-yaml-branch',
    );
    expect(res.body.conventions).toMatchObject({
      pack: 'typescript',
      conclusion: 'success',
      findings: [],
    });

    // A re-configured branch rule, and a required rule switched off: a warning on catalyst.yaml.
    const configured = await openWith(
      'team/hello',
      {
        'catalyst.yaml':
          "conventions:\n  rules:\n    conventional-commits: false\n    branch-naming:\n      config: { pattern: '^team/.+' }\n",
        'src/team.ts': "export const team = 'a';\n",
        'src/team.test.ts': "test('team', () => {});\n",
      },
      'say hello from the team',
    );
    const team = await deliver(
      server,
      pullRequestEvent(github, repo, configured, 'opened'),
      'd-yaml-config',
    );
    expect(team.body.conventions).toMatchObject({
      conclusion: 'success',
      findings: [
        {
          check: 'catalyst-yaml',
          level: 'warning',
          path: 'catalyst.yaml',
          line: 3,
          message: expect.stringContaining(
            'rule "conventional-commits" is required',
          ),
        },
      ],
    });

    const ignored = await openWith(
      'feat/legacy',
      {
        'catalyst.yaml': 'conventions:\n  ignore:\n    - src/legacy/**\n',
        'src/legacy/old code.ts': 'export const old = 1;\n',
      },
      'feat(demo): keep the legacy code',
    );
    const legacy = await deliver(
      server,
      pullRequestEvent(github, repo, ignored, 'opened'),
      'd-yaml-ignore',
    );
    expect(legacy.body.conventions).toMatchObject({
      conclusion: 'success',
      findings: [],
    });

    // The same change without the ignore: a file name and a missing test.
    const plain = await openWith(
      'feat/legacy-plain',
      { 'src/legacy/old code.ts': 'export const old = 1;\n' },
      'feat(demo): keep the legacy code',
    );
    const checked = await deliver(
      server,
      pullRequestEvent(github, repo, plain, 'opened'),
      'd-yaml-plain',
    );
    expect(
      checked.body.conventions.findings.map((f: any) => f.check).sort(),
    ).toEqual(['file-name', 'tests']);
  });

  it('fails a pull request whose catalyst.yaml is malformed, on its line', async () => {
    const server = await start();
    const pr = await openWith(
      'feat/broken-config',
      {
        'catalyst.yaml': 'conventions:\n  pack: typescript\n  rules: [oops]\n',
      },
      'feat(demo): configure conventions',
    );
    const res = await deliver(
      server,
      pullRequestEvent(github, repo, pr, 'opened'),
      'd-yaml-broken',
    );
    expect(res.body.conventions).toMatchObject({
      conclusion: 'failure',
      findings: [
        {
          check: 'catalyst-yaml',
          level: 'failure',
          path: 'catalyst.yaml',
          line: 3,
          message: expect.stringMatching(/^conventions\.rules: /),
        },
      ],
    });
    expect(res.body.conventions.pack).toBeUndefined();
    const run = github.checkRuns(repo).find(r => r.headSha === pr.head.sha)!;
    expect(run).toMatchObject({
      conclusion: 'failure',
      output: { title: 'catalyst.yaml is not valid' },
    });
    expect(run.annotations).toEqual([
      expect.objectContaining({
        path: 'catalyst.yaml',
        start_line: 3,
        end_line: 3,
        annotation_level: 'failure',
        title: 'catalyst.yaml',
      }),
    ]);
  });
});
