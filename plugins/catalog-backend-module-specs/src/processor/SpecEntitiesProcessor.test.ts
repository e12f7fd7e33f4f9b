import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotModifiedError } from '@backstage/errors';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  CatalogProcessorCache,
  CatalogProcessorResult,
} from '@backstage/plugin-catalog-node';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { SpecEntitiesProcessor } from './SpecEntitiesProcessor';

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

function memoryCache(): CatalogProcessorCache & { data: Map<string, any> } {
  const data = new Map<string, any>();
  return {
    data,
    async get(key: string) {
      return data.get(key);
    },
    async set(key: string, value: any) {
      data.set(key, value);
    },
  } as any;
}

const tasks = `# Tasks: Login

## Phase 1: Setup

- [x] T001 [P] Create module
- [ ] T002 [US1] Build form
`;

describe('SpecEntitiesProcessor', () => {
  const repo = createMockDirectory({
    content: {
      'catalog-info.yaml': 'kind: Component',
      'specs/001-login/spec.md':
        '# Feature Specification: Login\n\n**Status**: Draft\n',
      'specs/001-login/tasks.md': tasks,
      'specs/_archive/000-old/spec.md': '# Feature Specification: Old\n',
      'specs/.templates/spec-template.md': '# template',
    },
  });

  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'web',
      namespace: 'default',
      title: 'Web',
      annotations: {
        'backstage.io/managed-by-location': `file:${repo.resolve(
          'catalog-info.yaml',
        )}`,
        'github.com/project-slug': 'acme/web',
      },
    },
    spec: {
      type: 'website',
      owner: 'group:default/team-a',
      system: 'shop',
      lifecycle: 'production',
    },
  };

  function processor(urlReader = mockServices.urlReader.mock()) {
    return new SpecEntitiesProcessor({
      reader: new SpecSourceReader(urlReader, integrations),
      integrations,
      logger: mockServices.logger.mock(),
    });
  }

  it('emits a Spec entity per folder of a file-located component', async () => {
    const results: CatalogProcessorResult[] = [];
    await processor().postProcessEntity(
      component,
      { type: 'file', target: repo.resolve('catalog-info.yaml') },
      r => results.push(r),
      memoryCache(),
    );
    const entities = results
      .filter(r => r.type === 'entity')
      .map(r => (r as any).entity);
    expect(entities.map(e => e.metadata.name).sort()).toEqual([
      'web-000-old',
      'web-001-login',
    ]);
    const login = entities.find(e => e.metadata.name === 'web-001-login');
    expect(login).toEqual({
      apiVersion: 'catalyst.dev/v1alpha1',
      kind: 'Spec',
      metadata: {
        name: 'web-001-login',
        namespace: 'default',
        title: 'Login',
        description: 'Spec 001-login of Web',
        annotations: {
          'catalyst.dev/spec-path': 'specs/001-login',
          'backstage.io/techdocs-ref': 'dir:./specs/001-login',
          'github.com/project-slug': 'acme/web',
        },
        tags: ['spec'],
      },
      spec: {
        owner: 'group:default/team-a',
        system: 'system:default/shop',
        component: 'component:default/web',
        lifecycle: 'draft',
        slug: '001-login',
        number: 1,
        path: 'specs/001-login',
        archived: false,
        documents: ['spec', 'tasks'],
        tasks: { total: 2, done: 1, open: 1, other: 0 },
        completion: 0.5,
      },
    });
    expect(
      entities.find(e => e.metadata.name === 'web-000-old').metadata.tags,
    ).toEqual(['spec', 'archived']);
    expect(await processor().validateEntityKind(login)).toBe(true);
  });

  it('validates the Spec kind and leaves other kinds alone', async () => {
    const p = processor();
    expect(await p.validateEntityKind(component)).toBe(false);
    await expect(
      p.validateEntityKind({
        apiVersion: 'catalyst.dev/v1alpha1',
        kind: 'Spec',
        metadata: { name: 'x' },
        spec: { owner: 'a', component: 'component:default/web' },
      }),
    ).rejects.toThrow(/lifecycle|slug|required/);
  });

  it('emits partOf, hasPart and ownership relations for a Spec', async () => {
    const results: CatalogProcessorResult[] = [];
    const spec: Entity = {
      apiVersion: 'catalyst.dev/v1alpha1',
      kind: 'Spec',
      metadata: { name: 'web-001-login', namespace: 'default' },
      spec: { owner: 'team-a', component: 'component:default/web' },
    };
    await processor().postProcessEntity(
      spec,
      { type: 'file', target: '/x' },
      r => results.push(r),
      memoryCache(),
    );
    expect(
      results
        .map(r => (r as any).relation)
        .map(
          r =>
            `${r.source.kind}:${r.source.name} ${r.type} ${r.target.kind}:${r.target.name}`,
        ),
    ).toEqual([
      'Spec:web-001-login partOf component:web',
      'component:web hasPart Spec:web-001-login',
      'Spec:web-001-login ownedBy group:team-a',
      'group:team-a ownerOf Spec:web-001-login',
    ]);
  });

  it('costs one request for an unchanged URL repository and re-emits cached specs', async () => {
    const urlReader = mockServices.urlReader.mock();
    const files = [
      {
        path: 'specs/001-login/tasks.md',
        content: async () => Buffer.from(tasks),
      },
      {
        path: 'specs/001-login/spec.md',
        content: async () => Buffer.from('# Feature Specification: Login\n'),
      },
    ];
    urlReader.readUrl.mockRejectedValue(
      Object.assign(new Error('nope'), { name: 'NotFoundError' }),
    );
    urlReader.readTree
      .mockResolvedValueOnce({
        etag: 'etag-1',
        files: async () => files,
      } as any)
      .mockRejectedValueOnce(new NotModifiedError('unchanged'));
    const remote: Entity = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/web/blob/main/catalog-info.yaml',
          'backstage.io/source-location':
            'url:https://github.com/acme/web/tree/main/',
        },
      },
    };
    const location = {
      type: 'url',
      target: 'https://github.com/acme/web/blob/main/catalog-info.yaml',
    };
    const cache = memoryCache();

    const first: CatalogProcessorResult[] = [];
    await processor(urlReader).postProcessEntity(
      remote,
      location,
      r => first.push(r),
      cache,
    );
    const second: CatalogProcessorResult[] = [];
    await processor(urlReader).postProcessEntity(
      remote,
      location,
      r => second.push(r),
      cache,
    );

    // One tree read of the repository root (filtered to catalyst.yaml, AGENTS.md and the
    // specs folder) instead of a read per file; the second one is conditional.
    expect(urlReader.readTree).toHaveBeenCalledTimes(2);
    expect(urlReader.readTree).toHaveBeenNthCalledWith(
      1,
      'https://github.com/acme/web/tree/main/',
      { etag: undefined, filter: expect.any(Function) },
    );
    expect(urlReader.readTree).toHaveBeenNthCalledWith(
      2,
      'https://github.com/acme/web/tree/main/',
      { etag: 'etag-1', filter: expect.any(Function) },
    );
    const names = (rs: CatalogProcessorResult[]) =>
      rs.filter(r => r.type === 'entity').map(r => (r as any).entity.metadata);
    expect(names(first)).toEqual(names(second));
    expect(names(first)[0]).toMatchObject({
      name: 'web-001-login',
      annotations: {
        'backstage.io/source-location':
          'url:https://github.com/acme/web/tree/main/specs/001-login/',
        'backstage.io/techdocs-ref':
          'url:https://github.com/acme/web/tree/main/specs/001-login/',
      },
    });
    expect(second.some(r => r.type === 'error')).toBe(false);
  });
});
