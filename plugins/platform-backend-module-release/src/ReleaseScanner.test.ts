import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { componentRepository, ReleaseScanner } from './ReleaseScanner';

jest.setTimeout(60_000);

const component = (
  name: string,
  annotations?: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('ReleaseScanner', () => {
  let simulator: GithubSimulator;
  let workDir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    workDir = await fs.mkdtemp(join(tmpdir(), 'release-scanner-'));
  });
  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('queues a release per package with releasable commits, and none for released or self-releasing repositories', async () => {
    const mono = await simulator.createRepository('acme/mono', {
      commits: [
        {
          message: 'chore: start',
          files: {
            'package.json': '{"private":true,"workspaces":["packages/*"]}',
            'packages/a/package.json': '{"name":"@acme/a","version":"1.0.0"}',
            'packages/b/package.json': '{"name":"@acme/b","version":"1.0.0"}',
          },
        },
      ],
    });
    const start = (await mono.resolveRef('refs/heads/main'))!;
    await mono.updateRef('refs/tags/@acme/a@1.0.0', start);
    await mono.updateRef('refs/tags/@acme/b@1.0.0', start);
    await mono.commitFiles('main', { 'packages/a/x.js': 'x' }, 'feat(a): x');

    const quiet = await simulator.createRepository('acme/quiet', {
      commits: [{ message: 'chore: start', files: { 'a.txt': 'a' } }],
    });
    await quiet.updateRef(
      'refs/tags/v1.0.0',
      (await quiet.resolveRef('refs/heads/main'))!,
    );
    await quiet.commitFiles('main', { 'a.txt': 'b' }, 'docs: typo');

    const own = await simulator.createRepository('acme/own', {
      commits: [
        {
          message: 'chore: start',
          files: {
            '.github/workflows/release.yml':
              'jobs:\n  r:\n    steps:\n      - run: npx semantic-release\n',
          },
        },
      ],
    });
    await own.updateRef(
      'refs/tags/v1.0.0',
      (await own.resolveRef('refs/heads/main'))!,
    );
    await own.commitFiles('main', { 'b.txt': 'b' }, 'fix: b');

    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    // Registered from GitHub: the catalog sets the source location.
    const onGithub = (name: string, slug: string) =>
      component(name, {
        'backstage.io/source-location': `url:${simulator.urls.web}/${slug}/tree/main/`,
        'github.com/project-slug': slug,
      });
    const scanner = (optIn: string[]) =>
      new ReleaseScanner(
        { frequency: { hours: 1 }, timeout: { minutes: 5 } },
        {
          catalog: catalogServiceMock({
            entities: [
              onGithub('mono', 'acme/mono'),
              onGithub('mono-docs', 'acme/mono'),
              onGithub('quiet', 'acme/quiet'),
              onGithub('own', 'acme/own'),
              component('local'),
            ],
          }),
          auth: mockServices.auth(),
          integrations,
          checkouts: new DefaultCheckoutService({
            integrations,
            workingDirectory: workDir,
          }),
          optIn: new Set(optIn),
          logger: mockServices.logger.mock(),
        },
      );
    const ctx = { now: new Date(), signal: new AbortController().signal };

    expect(await scanner([]).scan(ctx)).toEqual([
      {
        entityRef: 'component:default/mono',
        title: 'Release @acme/a 1.1.0',
        description: 'minor from 1.0.0: 0 breaking, 1 features, 0 fixes',
        repository: 'acme/mono',
        subject: '@acme/a',
        payload: {
          repositoryUrl: `${simulator.urls.web}/acme/mono`,
          package: '@acme/a',
        },
      },
    ]);
    const optedIn = await scanner(['acme/own']).scan(ctx);
    expect(optedIn.map(i => i.title)).toEqual([
      'Release @acme/a 1.1.0',
      'Release own 1.0.1',
    ]);
  });

  it('reaches GitHub only for components whose source location a configured integration serves', () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const repository = (entity: Entity) =>
      componentRepository(entity, integrations);

    expect(
      repository(
        component('shop', {
          'backstage.io/source-location': `url:${simulator.urls.web}/Acme/Shop/tree/main/`,
        }),
      ),
    ).toEqual({
      entityRef: 'component:default/shop',
      url: `${simulator.urls.web}/Acme/Shop`,
      slug: 'acme/shop',
    });
    // Like the demo catalog's `catalyst`: a project slug, but read from a local folder.
    expect(
      repository(
        component('catalyst', {
          'github.com/project-slug': 'acme/shop',
          'backstage.io/managed-by-location':
            'file:/work/catalyst/catalog-info.yaml',
          'backstage.io/source-location': `url:${simulator.urls.web}/acme/shop/tree/main/`,
        }),
      ),
    ).toBeUndefined();
    // A host without an integration, and locations that name no repository.
    expect(
      repository(
        component('elsewhere', {
          'backstage.io/source-location':
            'url:https://ghe.example.com/acme/shop/tree/main/',
        }),
      ),
    ).toBeUndefined();
    expect(
      repository(
        component('slug-only', { 'github.com/project-slug': 'acme/shop' }),
      ),
    ).toBeUndefined();
    expect(
      repository(
        component('odd', { 'backstage.io/source-location': 'svn:somewhere' }),
      ),
    ).toBeUndefined();
    expect(
      repository(
        component('no-repo', {
          'backstage.io/source-location': `url:${simulator.urls.web}/`,
        }),
      ),
    ).toBeUndefined();
  });
});
