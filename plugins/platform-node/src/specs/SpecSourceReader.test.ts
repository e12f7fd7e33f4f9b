import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { NotAllowedError } from '@backstage/errors';
import { symlinkSync } from 'node:fs';
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

  describe('a local folder named by an annotation', () => {
    // Another team's checkout and a secret beside it, on the backend's disk.
    const disk = createMockDirectory({
      content: {
        'other-team/specs/001-x/tasks.md': '# Tasks\n\n- [ ] T001 Other\n',
        'secrets/token.txt': 'ghs_backend_token',
        'allowed/repo/specs/001-ok/spec.md': '# Spec\n',
        'allowed/repo/specs/001-ok/tasks.md': '# Tasks\n\n- [ ] T001 A\n',
      },
    });
    symlinkSync(
      disk.resolve('secrets/token.txt'),
      disk.resolve('allowed/repo/specs/001-ok/notes.md'),
    );
    symlinkSync(
      disk.resolve('allowed/repo/AGENTS.md'),
      disk.resolve('allowed/repo/specs/001-ok/agents.md'),
    );
    disk.addContent({ 'allowed/repo/AGENTS.md': '# Agents\n' });
    // Registered from GitHub: the annotation is the entity author's word.
    const authored = (location: string): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'web',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/web/blob/main/catalog-info.yaml',
          'catalyst.dev/specs-location': location,
        },
      },
    });
    const rooted = new SpecSourceReader(
      mockServices.urlReader.mock(),
      ScmIntegrations.fromConfig(new ConfigReader({})),
      { localRoots: [disk.resolve('allowed')] },
    );

    it('is read only under the configured local roots', async () => {
      const outside = authored(`file:${disk.resolve('other-team')}`);
      await expect(reader.read(outside)).rejects.toThrow(NotAllowedError);
      await expect(rooted.read(outside)).rejects.toThrow(
        /outside the folders listed in platform.specs.localRoots/,
      );
      await expect(
        rooted.readFile(outside, 'specs/001-x/tasks.md'),
      ).rejects.toThrow(NotAllowedError);
      // A link inside a root that leads out of it is outside too.
      symlinkSync(disk.resolve('other-team'), disk.resolve('allowed/link'));
      await expect(
        rooted.read(authored(`file:${disk.resolve('allowed/link')}`)),
      ).rejects.toThrow(NotAllowedError);

      const inside = await rooted.read(
        authored(`file:${disk.resolve('allowed/repo')}`),
      );
      expect(inside?.index.specs.map(s => s.slug)).toEqual(['001-ok']);
    });

    it('refuses a spec file whose link leaves the spec folder', async () => {
      const repoEntity = authored(`file:${disk.resolve('allowed/repo')}`);
      const within = { within: 'specs/001-ok' };
      await expect(
        rooted.readFile(repoEntity, 'specs/001-ok/notes.md', within),
      ).rejects.toThrow(NotAllowedError);
      await expect(
        rooted.readFile(repoEntity, 'specs/001-ok/agents.md', within),
      ).rejects.toThrow(NotAllowedError);
      expect(
        (
          await rooted.readFile(repoEntity, 'specs/001-ok/spec.md', within)
        ).toString(),
      ).toBe('# Spec\n');
    });
  });
});
