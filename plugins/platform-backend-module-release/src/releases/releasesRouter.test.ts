import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import type { ComponentReleases } from '@catalyst/plugin-platform-common';
import {
  DefaultCheckoutService,
  GithubPullRequestPublisher,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { Octokit } from '@octokit/rest';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { platformModuleRelease } from '../module';
import { ReleaseExecutor } from '../ReleaseExecutor';

jest.setTimeout(90_000);

const component = (
  name: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('GET /api/platform/releases/:kind/:namespace/:name', () => {
  let simulator: GithubSimulator;
  let workDir: string;
  let localRepo: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    workDir = await fs.mkdtemp(join(tmpdir(), 'releases-route-'));

    const shop = await simulator.createRepository('acme/shop', {
      commits: [
        {
          message: 'chore: start',
          files: {
            'package.json': '{\n  "name": "shop",\n  "version": "0.2.0"\n}\n',
          },
        },
      ],
    });
    await shop.updateRef(
      'refs/tags/v0.2.0',
      (await shop.resolveRef('refs/heads/main'))!,
    );
    await shop.commitFiles('main', { 'src/a.js': 'a' }, 'feat: carts (#2)');
    await shop.updateRef(
      'refs/tags/v0.3.0',
      (await shop.resolveRef('refs/heads/main'))!,
    );
    await shop.commitFiles(
      'main',
      { 'src/api.js': 'v2' },
      'feat(api)!: drop the v1 routes (#4)',
    );
    await shop.commitFiles(
      'main',
      { 'src/q.js': 'q' },
      'fix: empty query (#5)',
    );
    await shop.commitFiles('main', { 'README.md': 'shop' }, 'docs: typo');

    const octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
    await octokit.rest.repos.createRelease({
      owner: 'acme',
      repo: 'shop',
      tag_name: 'v0.3.0',
      name: 'shop 0.3.0',
      body: 'carts',
    });
    // The release agent's own pull request for the next version.
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const opened = await new ReleaseExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      optIn: new Set(),
    }).execute(
      {
        id: 1,
        entityRef: 'component:default/shop',
        taskType: 'release',
        title: 'Release',
        status: 'in_progress',
        priority: 0,
        repository: 'acme/shop',
        subject: 'repository',
        dedupeKey: '',
        retryCount: 1,
        maxRetries: 3,
        approvalPolicy: 'auto-merge',
        payload: { repositoryUrl: `${simulator.urls.web}/acme/shop` },
        createdAt: '2026-03-01T10:00:00Z',
        updatedAt: '2026-03-01T10:00:00Z',
      },
      {
        phase: 'apply',
        approvalPolicy: 'auto-merge',
        attempt: 1,
        signal: new AbortController().signal,
      },
    );
    if (opened.outcome !== 'done') {
      throw new Error(
        `The release pull request was not opened: ${opened.summary}`,
      );
    }

    // A component read from a local folder, as in the demo catalog.
    localRepo = join(workDir, 'local');
    await fs.mkdir(localRepo);
    const git = (...args: string[]) =>
      execFileSync('git', args, {
        cwd: localRepo,
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.com',
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.com',
        },
      });
    git('init', '--quiet', '--initial-branch=main');
    await fs.writeFile(
      join(localRepo, 'package.json'),
      '{"name":"local","version":"1.4.0"}\n',
    );
    git('add', '--all');
    git('commit', '--quiet', '-m', 'chore: start');
    git('tag', 'v1.4.0');
    await fs.writeFile(join(localRepo, 'a.txt'), 'a\n');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'feat: local things');
    await fs.mkdir(join(localRepo, 'docs'));
    await fs.writeFile(join(localRepo, 'docs', 'index.md'), '# Docs\n');
  });

  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
    const { server } = await startTestBackend({
      extensionPoints: [
        [platformTaskExecutorsExtensionPoint, { addExecutor: () => {} }],
        [platformTaskScannersExtensionPoint, { addScanner: () => {} }],
      ],
      features: [
        platformModuleRelease,
        mockServices.scheduler.mock().factory,
        mockServices.permissions.factory({ result: permission }),
        catalogServiceMock.factory({
          entities: [
            component('shop', {
              'backstage.io/source-location': `url:${simulator.urls.web}/acme/shop/tree/main/`,
            }),
            component('local', {
              'github.com/project-slug': 'acme/shop',
              'backstage.io/managed-by-location': `file:${join(
                localRepo,
                'catalog-info.yaml',
              )}`,
            }),
            // Like the demo's payments-api: a folder of another repository.
            component('folder', {
              'backstage.io/managed-by-location': `file:${join(
                localRepo,
                'docs',
                'catalog-info.yaml',
              )}`,
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            backend: { workingDirectory: workDir },
            integrations: { github: [simulator.integrationConfig()] },
          },
        }),
      ],
    });
    return server;
  }

  it("shows a GitHub component's next version and why, its changelog groups, release pull request and releases", async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/platform/releases/component/default/shop',
    );
    expect(res.status).toBe(200);
    const body = res.body as ComponentReleases;
    const web = `${simulator.urls.web}/acme/shop`;
    expect(body).toMatchObject({
      entityRef: 'component:default/shop',
      repositoryUrl: web,
      package: { name: 'shop', path: '.', ecosystem: 'npm' },
      tool: 'none',
      previousVersion: '0.3.0',
      previousTag: 'v0.3.0',
      nextVersion: '0.4.0',
      nextTag: 'v0.4.0',
      bump: 'minor',
      warnings: [],
    });
    expect(body.reason).toEqual({
      summary: 'minor from 0.3.0: 1 breaking, 1 features, 1 fixes',
      decidedBy: 'breaking',
      commits: [
        expect.objectContaining({
          type: 'feat',
          scope: 'api',
          subject: 'drop the v1 routes',
          breaking: true,
          pr: 4,
          pullRequestUrl: `${web}/pull/4`,
        }),
      ],
      preMajorRule:
        'Before 1.0.0 a breaking change bumps the minor version, not the major one',
    });
    expect(
      body.groups.map(g => [g.title, g.commits.map(c => c.subject)]),
    ).toEqual([
      ['⚠ BREAKING CHANGES', ['drop the v1 routes']],
      ['Features', ['drop the v1 routes']],
      ['Bug Fixes', ['empty query']],
    ]);
    expect(body.groups[2].commits[0].commitUrl).toMatch(
      new RegExp(`^${web}/commit/[0-9a-f]{40}$`),
    );
    expect(body.markdown).toContain('### Bug Fixes');
    expect(body.pullRequests).toEqual([
      expect.objectContaining({
        title: 'chore(release): shop 0.4.0',
        state: 'open',
        branch: 'chore/release-shop',
        version: '0.4.0',
        url: expect.stringContaining('/acme/shop/pull/'),
      }),
    ]);
    expect(body.releases).toEqual([
      expect.objectContaining({
        tag: 'v0.3.0',
        version: '0.3.0',
        name: 'shop 0.3.0',
        url: `${web}/releases/tag/v0.3.0`,
      }),
      expect.objectContaining({
        tag: 'v0.2.0',
        version: '0.2.0',
        url: `${web}/tree/v0.2.0`,
      }),
    ]);
    expect(body.releases.every(r => !Number.isNaN(Date.parse(r.date!)))).toBe(
      true,
    );
  });

  it('plans a local component from its folder and never asks GitHub about it', async () => {
    const server = await start();
    const res = await request(server).get(
      '/api/platform/releases/component/default/local',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      nextVersion: '1.5.0',
      previousTag: 'v1.4.0',
      bump: 'minor',
      pullRequests: [],
      releases: [{ tag: 'v1.4.0', version: '1.4.0' }],
      warnings: [],
    });
    expect(res.body.repositoryUrl).toBeUndefined();
    expect(res.body.reason.decidedBy).toBe('feat');
  });

  it('answers 403 without read access to the entity, 404 for an unknown one and 400 for a bad ref', async () => {
    const denied = await start('DENY');
    const forbidden = await request(denied).get(
      '/api/platform/releases/component/default/shop',
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toContain('catalog.entity.read');

    const server = await start();
    expect(
      (
        await request(server).get(
          '/api/platform/releases/component/default/nope',
        )
      ).status,
    ).toBe(404);
    const folder = await request(server).get(
      '/api/platform/releases/component/default/folder',
    );
    expect(folder.status).toBe(404);
    expect(folder.body.error.message).toContain(
      'component:default/folder is the folder docs of a repository, and no workspace package of it',
    );
    const bad = await request(server).get(
      '/api/platform/releases/component/default/a%20b',
    );
    expect(bad.status).toBe(400);
  });
});
