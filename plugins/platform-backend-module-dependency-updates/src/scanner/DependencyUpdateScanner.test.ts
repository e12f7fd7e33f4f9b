import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { GithubAdvisoryClient } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestGoProxy } from '../__testUtils__/goModuleProxy';
import { startPlatformWithScanner } from '@catalyst/plugin-platform-backend/testUtils';
import {
  startTestNpmRegistry,
  TestNpmRegistry,
} from '../__testUtils__/verdaccioRegistry';
import { DependencyUpdateGrouping } from '../dependencies/groupDependencyUpdates';
import { GoProxyClient } from '../dependencies/goModules/GoProxyClient';
import { NpmRegistryClient } from '../dependencies/npmRegistry/NpmRegistryClient';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { DependencyUpdateScanner } from './DependencyUpdateScanner';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const NOW = new Date('2026-03-10T12:00:00Z');

const component = (name: string, sourceLocation: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: { 'backstage.io/source-location': sourceLocation },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('DependencyUpdateScanner', () => {
  let registry: TestNpmRegistry;
  let simulator: GithubSimulator;
  let workDir: string;

  beforeAll(async () => {
    [registry, simulator] = await Promise.all([
      startTestNpmRegistry(),
      GithubSimulator.start(),
    ]);
    await registry.publish(
      { name: 'left-pad', version: '1.2.0' },
      { name: 'left-pad', version: '1.3.0' },
      { name: 'right-pad', version: '2.0.0' },
      { name: 'right-pad', version: '2.0.3' },
      { name: 'big-dep', version: '1.0.0' },
      { name: 'big-dep', version: '2.0.0' },
      { name: 'vuln-dep', version: '1.0.0' },
      { name: 'vuln-dep', version: '1.0.1' },
      { name: '@types/ignored', version: '1.0.0' },
      { name: '@types/ignored', version: '1.1.0' },
    );
    simulator.addAdvisory({
      ghsaId: 'GHSA-vuln-dep0-0001',
      summary: 'Command injection in vuln-dep',
      severity: 'high',
      ecosystem: 'npm',
      packageName: 'vuln-dep',
      vulnerableVersionRange: '< 1.0.1',
      firstPatchedVersion: '1.0.1',
    });
    await simulator.createRepository('acme/web', {
      commits: [
        {
          message: 'feat: web and api',
          files: {
            'package.json': JSON.stringify(
              {
                name: 'web',
                dependencies: {
                  'left-pad': '^1.2.0',
                  'big-dep': '^1.0.0',
                  'vuln-dep': '1.0.0',
                  'not-in-registry': '^1.0.0',
                  api: 'workspace:^',
                },
                devDependencies: {
                  'right-pad': '~2.0.0',
                  '@types/ignored': '^1.0.0',
                },
              },
              null,
              2,
            ),
            'packages/api/package.json': JSON.stringify({
              name: 'api',
              dependencies: { 'left-pad': '1.3.0', 'right-pad': '2.0.0' },
            }),
          },
        },
      ],
    });
  });
  afterAll(async () => {
    await Promise.all([registry.stop(), simulator.stop()]);
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'dependency-scan-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  function scanner(grouping: DependencyUpdateGrouping) {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const web = `${simulator.urls.web}/acme/web`;
    return new DependencyUpdateScanner(
      { frequency: { hours: 24 }, timeout: { minutes: 5 } },
      {
        catalog: catalogServiceMock({
          entities: [
            component('web', `url:${web}/tree/main/`),
            component('web-docs', `url:${web}/tree/main/`),
            component('api', `url:${web}/tree/main/packages/api/`),
            component('local', 'file:/srv/local/'),
            component('elsewhere', 'url:https://gitlab.example/acme/x'),
          ],
        }),
        auth: mockServices.auth(),
        integrations,
        checkouts: new DefaultCheckoutService({
          integrations,
          workingDirectory: workDir,
        }),
        registry: new NpmRegistryClient({ registryUrl: registry.url }),
        advisories: new GithubAdvisoryClient({ integrations }),
        logger: mockServices.logger.mock(),
        grouping,
        ignore: ['@types/*'],
      },
    );
  }

  const scanContext = {
    now: NOW,
    signal: new AbortController().signal,
  };

  it('bundles non-major updates per manifest and keeps majors and security fixes alone', async () => {
    const inputs = await scanner('non-major-together').scan(scanContext);
    expect(
      inputs.map(input => [
        input.subject,
        input.priority,
        (input.payload!.updates as { name: string; to: string }[])
          .map(u => `${u.name}@${u.to}`)
          .join(','),
      ]),
    ).toEqual([
      ['npm:vuln-dep', 30, 'vuln-dep@1.0.1'],
      ['npm:big-dep', 0, 'big-dep@2.0.0'],
      ['npm:non-major', 0, 'left-pad@1.3.0,right-pad@2.0.3'],
      ['packages/api:npm:non-major', 0, 'right-pad@2.0.3'],
    ]);
    expect(inputs[0]).toMatchObject({
      entityRef: 'component:default/web',
      repository: 'acme/web',
      title: 'Update vuln-dep to 1.0.1 in acme/web',
      description: 'Fixes GHSA-vuln-dep0-0001 (high)',
      payload: {
        repositoryUrl: `${simulator.urls.web}/acme/web`,
        updates: [
          {
            ecosystem: 'npm',
            directory: '',
            name: 'vuln-dep',
            section: 'dependencies',
            from: '1.0.0',
            to: '1.0.1',
            kind: 'patch',
            advisories: [
              {
                ghsaId: 'GHSA-vuln-dep0-0001',
                severity: 'high',
                firstPatchedVersion: '1.0.1',
                vulnerableVersionRange: '< 1.0.1',
              },
            ],
          },
        ],
      },
    });
    expect(inputs[3].entityRef).toBe('component:default/api');
  });

  it('bundles every manifest per repository', async () => {
    const inputs = await scanner('per-repository').scan(scanContext);
    expect(inputs.map(input => input.subject)).toEqual([
      'npm:vuln-dep',
      'non-major',
      'npm:big-dep',
    ]);
    expect(inputs[1].title).toBe(
      'Update 3 dependencies (non-major) in acme/web',
    );
  });

  it('reads go.mod through the Go module proxy', async () => {
    const proxy = await startTestGoProxy();
    try {
      const greet = (version: string) => ({
        modulePath: 'example.test/greet',
        version,
        files: {
          'go.mod': 'module example.test/greet\n',
          'greet.go': 'package greet\n',
        },
      });
      await proxy.publish(
        greet('v1.0.0'),
        greet('v1.1.0'),
        greet('v1.2.0-rc.1'),
      );
      simulator.addAdvisory({
        ghsaId: 'GHSA-greet-0000-0001',
        summary: 'Path traversal in greet',
        severity: 'medium',
        ecosystem: 'go',
        packageName: 'example.test/greet',
        vulnerableVersionRange: '< 1.1.0',
        firstPatchedVersion: '1.1.0',
      });
      await simulator.createRepository('acme/gosvc', {
        commits: [
          {
            message: 'feat: service',
            files: {
              'go.mod': [
                'module example.test/gosvc',
                '',
                'go 1.22',
                '',
                'require (',
                '\texample.test/greet v1.0.0',
                '\texample.test/private v1.0.0',
                '\texample.test/transitive v1.0.0 // indirect',
                ')',
                '',
              ].join('\n'),
            },
          },
        ],
      });
      const integrations = ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [simulator.integrationConfig()] },
        }),
      );
      const goScanner = new DependencyUpdateScanner(
        { frequency: { hours: 24 }, timeout: { minutes: 5 } },
        {
          catalog: catalogServiceMock({
            entities: [
              component(
                'gosvc',
                `url:${simulator.urls.web}/acme/gosvc/tree/main/`,
              ),
            ],
          }),
          auth: mockServices.auth(),
          integrations,
          checkouts: new DefaultCheckoutService({
            integrations,
            workingDirectory: workDir,
          }),
          goProxy: new GoProxyClient({ proxyUrl: proxy.url }),
          advisories: new GithubAdvisoryClient({ integrations }),
          logger: mockServices.logger.mock(),
          grouping: 'per-dependency',
          ignore: [],
        },
      );
      const inputs = await goScanner.scan(scanContext);
      expect(inputs).toEqual([
        expect.objectContaining({
          entityRef: 'component:default/gosvc',
          subject: 'go:example.test/greet',
          priority: 20,
          title: 'Update example.test/greet to 1.1.0 in acme/gosvc',
          payload: {
            repositoryUrl: `${simulator.urls.web}/acme/gosvc`,
            updates: [
              expect.objectContaining({
                ecosystem: 'go',
                section: 'require',
                from: '1.0.0',
                to: '1.1.0',
                kind: 'minor',
                advisories: [
                  expect.objectContaining({ ghsaId: 'GHSA-greet-0000-0001' }),
                ],
              }),
            ],
          },
        }),
      ]);
    } finally {
      await proxy.stop();
    }
  });

  describe.each(databases.eachSupportedId())('queued on %p', databaseId => {
    it('queues a task per dependency once, the security fix with a higher priority', async () => {
      const platform = await startPlatformWithScanner(
        databases,
        databaseId,
        scanner('per-dependency'),
      );
      await platform.scan();
      await platform.scan();
      const items = await platform.tasks();
      expect(
        items
          .map(item => [item.subject, item.priority])
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      ).toEqual([
        ['npm:big-dep', 0],
        ['npm:left-pad', 0],
        ['npm:right-pad', 0],
        ['npm:vuln-dep', 30],
        ['packages/api:npm:right-pad', 0],
      ]);
      expect(items.every(item => item.taskType === 'dependency_update')).toBe(
        true,
      );
    });
  });
});
