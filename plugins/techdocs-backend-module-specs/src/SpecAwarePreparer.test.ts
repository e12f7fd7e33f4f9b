import {
  SchedulerServiceTaskInvocationDefinition,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  GeneratorBase,
  GeneratorRunOptions,
  TechdocsGenerator,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import techdocsModuleSpecs from './index';
import { hashLocalDocs } from './localDocs';
import { hashSpecFolder } from './specFiles';

const SPEC = 'default/spec/catalyst-001-login';

// The catalog's view of the Spec entity; `state` varies what the catalog
// changes while it processes: uid (a re-created entity), etag, generation,
// relations and annotations it adds.
function specEntity(repo: string, state: number): Entity {
  return {
    apiVersion: 'catalyst.dev/v1alpha1',
    kind: 'Spec',
    metadata: {
      name: 'catalyst-001-login',
      namespace: 'default',
      title: 'Login',
      uid: `uid-${state}`,
      etag: `etag-${state}`,
      generation: state,
      annotations: {
        'backstage.io/managed-by-location': `file:${repo}/catalog-info.yaml`,
        'backstage.io/managed-by-origin-location': `file:${repo}/catalog-info.yaml`,
        'backstage.io/techdocs-ref': 'dir:./specs/001-login',
        'catalyst.dev/spec-path': 'specs/001-login',
        ...(state % 2 ? { 'catalyst.dev/processed-at': String(state) } : {}),
      },
    },
    spec: {
      owner: 'group:default/team',
      component: 'component:default/catalyst',
      lifecycle: 'in progress',
      slug: '001-login',
      path: 'specs/001-login',
      archived: false,
      documents: ['spec', 'tasks'],
      tasks: { total: 1, done: 0 },
      completion: state % 3,
    },
    relations: state
      ? [{ type: 'partOf', targetRef: 'component:default/catalyst' }]
      : [],
  };
}

// Reads the sync endpoint's event stream to its end: `finish` with whether
// the docs were (re)built, or `error`.
async function sync(server: Parameters<typeof request>[0]) {
  const res = await request(server)
    .get(`/api/techdocs/sync/${SPEC}`)
    .buffer(true)
    .parse((response, done) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => done(null, body));
    });
  const events = String(res.body)
    .split('\n\n')
    .map(block => block.match(/^event: (\w+)\ndata: (.*)$/m))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map(([, type, data]) => ({ type, data: JSON.parse(data) }));
  const last = events[events.length - 1];
  if (last?.type !== 'finish') {
    throw new Error(`sync did not finish: ${res.body}`);
  }
  return last.data as { updated: boolean };
}

// The real TechDocs backend with this module, a local publisher and a
// generator that runs mkdocs and records the etag of every build.
async function startTechDocs(
  features: Parameters<typeof startTestBackend>[0]['features'],
  config: Record<string, unknown> = {},
) {
  const builds: string[] = [];
  const published = createMockDirectory();
  const countingGenerator = createBackendModule({
    pluginId: 'techdocs',
    moduleId: 'counting-generator',
    register(env) {
      env.registerInit({
        deps: {
          generators: techdocsGeneratorExtensionPoint,
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async init({ generators, config: rootConfig, logger }) {
          const mkdocs = TechdocsGenerator.fromConfig(rootConfig, { logger });
          const counting: GeneratorBase = {
            run(options: GeneratorRunOptions) {
              builds.push(options.etag ?? '');
              return mkdocs.run(options);
            },
          };
          generators.setTechdocsGenerator(counting);
        },
      });
    },
  });
  const backend = await startTestBackend({
    features: [
      techdocsPlugin,
      techdocsModuleSpecs,
      countingGenerator,
      ...(features ?? []),
      mockServices.rootConfig.factory({
        data: {
          techdocs: {
            builder: 'local',
            generator: { runIn: 'local' },
            publisher: {
              type: 'local',
              local: { publishDirectory: published.path },
            },
            ...config,
          },
        },
      }),
    ],
  });
  return { server: backend.server, builds, published: published.path };
}

describe('SpecAwarePreparer in TechDocs', () => {
  const repo = createMockDirectory({
    content: {
      'catalog-info.yaml': 'kind: Component\n',
      'specs/001-login/spec.md':
        '# Feature Specification: Login\n\n### User Story 1 - Sign in (Priority: P1)\n',
      'specs/001-login/tasks.md': '# Tasks: Login\n\n- [ ] T001 Do it\n',
    },
  });
  it('builds a spec site once per content change, whatever the entity state', async () => {
    let entity = specEntity(repo.path, 0);
    const { server, builds, published } = await startTechDocs([
      catalogServiceMock.mock({
        getEntityByRef: async () => entity,
      }).factory,
      // The entity loader's cache would hide the changed entity state.
      mockServices.cache.mock().factory,
    ]);
    const metadata = () =>
      JSON.parse(
        readFileSync(join(published, SPEC, 'techdocs_metadata.json'), 'utf8'),
      );

    await expect(sync(server)).resolves.toEqual({ updated: true });
    expect(builds).toHaveLength(1);
    const first = metadata();
    expect(first.etag).toBe(builds[0]);
    expect(readFileSync(join(published, SPEC, 'index.html'), 'utf8')).toContain(
      'User Story 1 - Sign in',
    );

    // The catalog keeps processing the entity; its content is the same.
    for (const state of [1, 2, 3]) {
      entity = specEntity(repo.path, state);
      await expect(sync(server)).resolves.toEqual({ updated: false });
    }
    expect(builds).toHaveLength(1);
    expect(metadata()).toEqual(first);

    writeFileSync(
      join(repo.path, 'specs/001-login/tasks.md'),
      '# Tasks: Login\n\n- [x] T001 Do it\n',
    );
    entity = specEntity(repo.path, 4);
    await expect(sync(server)).resolves.toEqual({ updated: true });
    expect(builds).toHaveLength(2);
    expect(metadata().etag).toBe(builds[1]);
    expect(builds[1]).not.toBe(builds[0]);

    entity = specEntity(repo.path, 5);
    await expect(sync(server)).resolves.toEqual({ updated: false });
    expect(builds).toHaveLength(2);
  });

  it('builds local sites ahead of their first visit', async () => {
    const local = createMockDirectory({
      content: {
        'catalog-info.yaml': 'kind: Component\n',
        'mkdocs.yml': 'site_name: Catalyst\nplugins:\n  - techdocs-core\n',
        'docs/index.md': '# Catalyst\n\nThe platform.\n',
        'specs/001-login/spec.md': '# Feature Specification: Login\n',
      },
    });
    // Like this repository's .toolchain/venv: TechDocs refuses to build a
    // folder with a symlink out of it, so local docs are built from a copy.
    const outside = createMockDirectory({ content: { python3: 'binary' } });
    mkdirSync(join(local.path, '.toolchain/bin'), { recursive: true });
    symlinkSync(
      join(outside.path, 'python3'),
      join(local.path, '.toolchain/bin/python'),
    );
    const location = `file:${local.path}/catalog-info.yaml`;
    const component = (name: string, ref: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        namespace: 'default',
        uid: `uid-${name}`,
        annotations: {
          'backstage.io/managed-by-location': location,
          'backstage.io/techdocs-ref': ref,
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team' },
    });
    const tasks: SchedulerServiceTaskInvocationDefinition[] = [];
    const { builds, published } = await startTechDocs(
      [
        catalogServiceMock.factory({
          entities: [
            // TechDocs remembers checks by uid for a minute, across backends.
            specEntity(local.path, 10),
            component('catalyst', 'dir:.'),
            // Built by CI or on its first visit, not here.
            component('remote', 'url:https://example.com/org/repo/tree/main/'),
          ],
        }),
        mockServices.scheduler.mock({
          async scheduleTask(task) {
            tasks.push(task);
          },
        }).factory,
      ],
      {
        specs: {
          prebuild: {
            schedule: {
              frequency: { minutes: 10 },
              timeout: { minutes: 5 },
              initialDelay: { seconds: 0 },
            },
          },
        },
      },
    );

    const site = (ref: string) =>
      join(published, ref, 'search/search_index.json');
    expect(tasks.map(t => t.id)).toEqual(['catalyst-techdocs-prebuild']);
    await tasks[0].fn(new AbortController().signal);

    expect(existsSync(site(SPEC))).toBe(true);
    expect(existsSync(site('default/component/catalyst'))).toBe(true);
    expect(builds.sort()).toEqual(
      [
        await hashLocalDocs(local.path),
        await hashSpecFolder(join(local.path, 'specs/001-login')),
      ].sort(),
    );
    expect(existsSync(join(published, 'default/component/remote'))).toBe(false);
    const index = JSON.parse(
      readFileSync(site('default/component/catalyst'), 'utf8'),
    );
    expect(JSON.stringify(index.docs)).toContain('The platform.');
  });
});
