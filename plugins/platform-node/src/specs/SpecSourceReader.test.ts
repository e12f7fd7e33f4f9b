import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { SpecSourceReader } from './SpecSourceReader';

describe('SpecSourceReader', () => {
  const repo = createMockDirectory({
    content: {
      'catalog-info.yaml': 'kind: Component',
      'AGENTS.md': 'Working on specs/002-search\n',
      'specs/001-login/tasks.md': '# Tasks\n\n- [ ] T001 Form\n',
      'specs/002-search/tasks.md': '# Tasks\n\n- [x] T001 Index\n',
    },
  });
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'web',
      annotations: {
        'backstage.io/managed-by-location': `file:${repo.resolve(
          'catalog-info.yaml',
        )}`,
      },
    },
  };
  const reader = new SpecSourceReader(
    mockServices.urlReader.mock(),
    ScmIntegrations.fromConfig(new ConfigReader({})),
  );

  it('reads a file-located repository and reuses unchanged folders on the next read', async () => {
    const first = await reader.read(entity);
    expect(first?.activeSlugs).toEqual(['002-search']);
    expect(first?.index.specs.map(s => [s.slug, s.counts.done])).toEqual([
      ['001-login', 0],
      ['002-search', 1],
    ]);

    repo.addContent({
      'specs/001-login/tasks.md': '# Tasks\n\n- [x] T001 Form\n',
    });
    const second = await reader.read(entity);
    const [login, search] = second!.index.specs;
    expect(login.counts.done).toBe(1);
    expect(login).not.toBe(first!.index.specs[0]);
    // Unchanged content hash: the same parsed folder, not a new parse.
    expect(search).toBe(first!.index.specs[1]);
  });
});
