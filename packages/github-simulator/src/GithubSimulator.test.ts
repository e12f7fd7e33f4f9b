import { Octokit } from '@octokit/rest';
import { GithubSimulator } from './GithubSimulator';

describe('GithubSimulator', () => {
  let simulator: GithubSimulator;
  let octokit: Octokit;
  let first: string;
  let second: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
    const git = await simulator.createRepository('acme/web', {
      commits: [
        {
          message: 'init',
          files: {
            'catalyst.yaml': 'conventions:\n  pack: typescript\n',
            'src/index.ts': `export const long = '${'x'.repeat(100)}';\n`,
          },
        },
      ],
    });
    first = (await git.resolveRef('refs/heads/main'))!;
    second = await git.commitFiles(
      'main',
      { 'catalyst.yaml': 'conventions: {}\n' },
      'change',
    );
  });
  afterAll(() => simulator.stop());

  const text = (data: unknown) => {
    const file = data as { type: string; encoding: string; content: string };
    expect(file).toMatchObject({ type: 'file', encoding: 'base64' });
    return Buffer.from(file.content, 'base64').toString('utf8');
  };

  it('serves files and folders of a ref through the contents API', async () => {
    const current = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'web',
      path: 'catalyst.yaml',
    });
    expect(text(current.data)).toBe('conventions: {}\n');
    const old = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'web',
      path: 'catalyst.yaml',
      ref: first,
    });
    expect(text(old.data)).toBe('conventions:\n  pack: typescript\n');
    expect(old.data).toMatchObject({
      name: 'catalyst.yaml',
      path: 'catalyst.yaml',
      size: 32,
    });

    const nested = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'web',
      path: 'src/index.ts',
      ref: second,
    });
    // GitHub wraps the base64 content in lines of 60 characters.
    expect((nested.data as { content: string }).content).toContain('\n');
    expect(text(nested.data)).toContain('x'.repeat(100));

    const folder = await octokit.rest.repos.getContent({
      owner: 'acme',
      repo: 'web',
      path: '',
    });
    expect(
      (folder.data as { path: string; type: string }[]).map(e => [
        e.path,
        e.type,
      ]),
    ).toEqual([
      ['catalyst.yaml', 'file'],
      ['src', 'dir'],
    ]);

    await expect(
      octokit.rest.repos.getContent({
        owner: 'acme',
        repo: 'web',
        path: 'missing.yaml',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      octokit.rest.repos.getContent({
        owner: 'acme',
        repo: 'web',
        path: 'catalyst.yaml',
        ref: 'no-such-branch',
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('adds the annotations of a check run update to the ones it has', async () => {
    const annotation = (message: string) => ({
      path: 'src/index.ts',
      start_line: 1,
      end_line: 1,
      annotation_level: 'warning' as const,
      message,
    });
    const created = await octokit.rest.checks.create({
      owner: 'acme',
      repo: 'web',
      name: 'lint',
      head_sha: second,
      status: 'completed',
      conclusion: 'failure',
      output: { title: 'one', summary: 's', annotations: [annotation('a')] },
    });
    await octokit.rest.checks.update({
      owner: 'acme',
      repo: 'web',
      check_run_id: (created.data as { id: number }).id,
      conclusion: 'success',
      output: { title: 'two', summary: 's', annotations: [annotation('b')] },
    });
    const [run] = simulator.checkRuns('acme/web');
    expect(run).toMatchObject({
      conclusion: 'success',
      output: { title: 'two' },
    });
    expect(run.annotations.map(a => a.message)).toEqual(['a', 'b']);
  });

  it('lists a check run and its annotations, and re-requests it', async () => {
    const created = await octokit.rest.checks.create({
      owner: 'acme',
      repo: 'web',
      name: 'format',
      head_sha: first,
      status: 'completed',
      conclusion: 'failure',
      output: {
        title: 'prettier',
        summary: '1 file',
        text: 'log line',
        annotations: [
          {
            path: 'src/index.ts',
            start_line: 2,
            end_line: 3,
            annotation_level: 'failure',
            message: 'not formatted',
          },
        ],
      },
    });
    const id = (created.data as { id: number }).id;
    const got = await octokit.rest.checks.get({
      owner: 'acme',
      repo: 'web',
      check_run_id: id,
    });
    expect(got.data).toMatchObject({
      conclusion: 'failure',
      output: { text: 'log line', annotations_count: 1 },
    });
    const annotations = await octokit.rest.checks.listAnnotations({
      owner: 'acme',
      repo: 'web',
      check_run_id: id,
    });
    expect(annotations.data).toEqual([
      expect.objectContaining({
        path: 'src/index.ts',
        start_line: 2,
        annotation_level: 'failure',
        message: 'not formatted',
      }),
    ]);
    await octokit.rest.checks.rerequestRun({
      owner: 'acme',
      repo: 'web',
      check_run_id: id,
    });
    expect(simulator.checkRunRerequests('acme/web')).toEqual([id]);
    expect(
      simulator.checkRuns('acme/web').find(r => r.id === id),
    ).toMatchObject({ status: 'queued', conclusion: null });
    await expect(
      octokit.rest.checks.get({
        owner: 'acme',
        repo: 'web',
        check_run_id: 999999,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('adds comments to a pull request and lists them', async () => {
    const git = simulator.repository('acme/web');
    await git.commitFiles('feature', { 'a.txt': 'a\n' }, 'feat: a', {
      from: 'main',
    });
    const pr = await simulator.openPullRequest('acme/web', {
      head: 'feature',
      title: 'A',
    });
    await octokit.rest.issues.createComment({
      owner: 'acme',
      repo: 'web',
      issue_number: pr.number,
      body: 'first',
    });
    const listed = await octokit.rest.issues.listComments({
      owner: 'acme',
      repo: 'web',
      issue_number: pr.number,
    });
    expect(listed.data.map(c => c.body)).toEqual(['first']);
    expect(simulator.comments('acme/web', pr.number)).toEqual([
      expect.objectContaining({ body: 'first', issueNumber: pr.number }),
    ]);
    await expect(
      octokit.rest.issues.createComment({
        owner: 'acme',
        repo: 'web',
        issue_number: 4242,
        body: 'nowhere',
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('creates a release and its tag at a commit, finds it by tag and refuses a second one', async () => {
    const created = await octokit.rest.repos.createRelease({
      owner: 'acme',
      repo: 'web',
      tag_name: 'v1.0.0',
      target_commitish: first,
      name: 'v1.0.0',
      body: '## 1.0.0',
    });
    expect(created.status).toBe(201);
    expect(created.data).toMatchObject({
      tag_name: 'v1.0.0',
      body: '## 1.0.0',
      draft: false,
    });
    expect(
      await simulator.repository('acme/web').resolveRef('refs/tags/v1.0.0'),
    ).toBe(first);
    const byTag = await octokit.rest.repos.getReleaseByTag({
      owner: 'acme',
      repo: 'web',
      tag: 'v1.0.0',
    });
    expect(byTag.data.id).toBe((created.data as { id: number }).id);
    const listed = await octokit.rest.repos.listReleases({
      owner: 'acme',
      repo: 'web',
    });
    expect(listed.data.map(r => r.tag_name)).toEqual(['v1.0.0']);
    await expect(
      octokit.rest.repos.createRelease({
        owner: 'acme',
        repo: 'web',
        tag_name: 'v1.0.0',
      }),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      octokit.rest.repos.getReleaseByTag({
        owner: 'acme',
        repo: 'web',
        tag: 'v9.9.9',
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(simulator.releases('acme/web')).toHaveLength(1);
  });

  it('creates deployments of a ref and lists them newest first, filtered by environment', async () => {
    const created = await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'web',
      ref: first,
      environment: 'staging',
      required_contexts: [],
    });
    expect(created.status).toBe(201);
    await octokit.rest.repos.createDeployment({
      owner: 'acme',
      repo: 'web',
      ref: 'main',
      description: 'v2',
      required_contexts: [],
    });
    const all = await octokit.rest.repos.listDeployments({
      owner: 'acme',
      repo: 'web',
    });
    expect(
      all.data.map(d => [d.ref, d.sha, d.environment, d.description]),
    ).toEqual([
      ['main', second, 'production', 'v2'],
      [first, first, 'staging', null],
    ]);
    const staging = await octokit.rest.repos.listDeployments({
      owner: 'acme',
      repo: 'web',
      environment: 'staging',
    });
    expect(staging.data.map(d => d.id)).toEqual([
      (created.data as { id: number }).id,
    ]);
    await expect(
      octokit.rest.repos.createDeployment({
        owner: 'acme',
        repo: 'web',
        ref: 'no-such-branch',
      }),
    ).rejects.toMatchObject({ status: 422 });
    expect(simulator.deployments('acme/web')).toHaveLength(2);
  });

  it('serves a job log through a redirect that needs no token, and 404 for a job without one', async () => {
    simulator.setJobLog('acme/web', 4242, 'step 1\nError: boom\n');
    const log = await octokit.rest.actions.downloadJobLogsForWorkflowRun({
      owner: 'acme',
      repo: 'web',
      job_id: 4242,
    });
    expect(log.data).toBe('step 1\nError: boom\n');
    const redirect = await fetch(
      `${simulator.urls.api}/repos/acme/web/actions/jobs/4242/logs`,
      {
        headers: { authorization: `token ${simulator.token}` },
        redirect: 'manual',
      },
    );
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).not.toContain(simulator.token);
    expect(await (await fetch(location)).text()).toBe('step 1\nError: boom\n');
    const forged = await fetch(
      location.replace(/signature=\w+/, 'signature=x'),
    );
    expect(forged.status).toBe(404);
    await expect(
      octokit.rest.actions.downloadJobLogsForWorkflowRun({
        owner: 'acme',
        repo: 'web',
        job_id: 1,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
