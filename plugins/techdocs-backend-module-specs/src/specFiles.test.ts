import { createMockDirectory } from '@backstage/backend-test-utils';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hashSpecFolder, listSpecFiles } from './specFiles';

describe('hashSpecFolder', () => {
  it('depends on file paths and contents only', async () => {
    const a = createMockDirectory({
      content: { 'spec.md': '# A\n', 'contracts/api.yaml': 'x: 1\n' },
    });
    const b = createMockDirectory({
      content: { 'contracts/api.yaml': 'x: 1\n', 'spec.md': '# A\n' },
    });
    const first = await hashSpecFolder(a.path);
    expect(await hashSpecFolder(b.path)).toBe(first);

    b.addContent({ 'contracts/api.yaml': 'x: 2\n' });
    expect(await hashSpecFolder(b.path)).not.toBe(first);

    const renamed = createMockDirectory({
      content: { 'spec.md': '# A\n', 'contracts/api.yml': 'x: 1\n' },
    });
    expect(await hashSpecFolder(renamed.path)).not.toBe(first);
  });
});

describe('listSpecFiles', () => {
  it('skips symlinks that could leave the repository', async () => {
    const outside = createMockDirectory({ content: { 'secret.md': 'no' } });
    const spec = createMockDirectory({ content: { 'spec.md': '# A\n' } });
    symlinkSync(join(outside.path, 'secret.md'), join(spec.path, 'link.md'));
    symlinkSync(outside.path, join(spec.path, 'linked'));
    expect(await listSpecFiles(spec.path)).toEqual([
      { path: 'spec.md', size: 4 },
    ]);
  });

  it('refuses folders with too many files', async () => {
    const content: Record<string, string> = {};
    for (let i = 0; i < 501; i++) {
      content[`notes/${i}.md`] = 'x';
    }
    const spec = createMockDirectory({ content });
    await expect(listSpecFiles(spec.path)).rejects.toThrow(/too large/);
  });

  it('refuses folders that are too big', async () => {
    const spec = createMockDirectory({
      content: { 'spec.md': Buffer.alloc(21 * 1024 * 1024) },
    });
    await expect(listSpecFiles(spec.path)).rejects.toThrow(/too large/);
  });
});
