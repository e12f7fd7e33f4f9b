import { createMockDirectory } from '@backstage/backend-test-utils';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { hashLocalDocs, snapshotLocalDocs } from './localDocs';

describe('hashLocalDocs', () => {
  const project = (content: Record<string, string>) =>
    createMockDirectory({ content }).path;

  it('hashes mkdocs.yml and the files of docs_dir, nothing else', async () => {
    const base = {
      'mkdocs.yml': "site_name: A\ndocs_dir: 'pages' # the docs\n",
      'pages/index.md': '# A\n',
    };
    const first = await hashLocalDocs(project(base));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashLocalDocs(project({ ...base, 'src/main.ts': 'x' }))).toBe(
      first,
    );
    expect(
      await hashLocalDocs(project({ ...base, 'pages/index.md': '# B\n' })),
    ).not.toBe(first);
    expect(
      await hashLocalDocs(
        project({ ...base, 'mkdocs.yml': 'site_name: B\ndocs_dir: pages\n' }),
      ),
    ).not.toBe(first);
  });

  it('reads docs/ by default and mkdocs.yaml too', async () => {
    const dir = project({
      'mkdocs.yaml': 'site_name: A\n',
      'docs/index.md': '# A\n',
    });
    const first = await hashLocalDocs(dir);
    expect(first).toBeDefined();
    expect(
      await hashLocalDocs(
        project({ 'mkdocs.yaml': 'site_name: A\n', 'docs/index.md': '# B\n' }),
      ),
    ).not.toBe(first);
  });

  it('has no hash without mkdocs.yml', async () => {
    expect(await hashLocalDocs(project({ 'README.md': '# A' }))).toBe(
      undefined,
    );
  });

  it('refuses a docs_dir outside the project', async () => {
    await expect(
      hashLocalDocs(
        project({ 'mkdocs.yml': 'site_name: A\ndocs_dir: ../../etc\n' }),
      ),
    ).rejects.toThrow(/outside/i);
  });
});

describe('snapshotLocalDocs', () => {
  it('copies mkdocs.yml and docs_dir only, without symlinks', async () => {
    const outside = createMockDirectory({ content: { python3: 'binary' } });
    const repo = createMockDirectory({
      content: {
        'mkdocs.yml': 'site_name: A\n',
        'docs/index.md': '# A\n',
        'docs/guide/setup.md': '# Setup\n',
        'node_modules/x/index.js': 'x',
        '.toolchain/venv/bin': {},
      },
    });
    symlinkSync(
      join(outside.path, 'python3'),
      join(repo.path, '.toolchain/venv/bin/python'),
    );
    symlinkSync(join(outside.path, 'python3'), join(repo.path, 'docs/py.md'));
    const target = createMockDirectory();

    await snapshotLocalDocs(repo.path, target.path);
    expect(target.content()).toEqual({
      'mkdocs.yml': 'site_name: A\n',
      docs: { 'index.md': '# A\n', guide: { 'setup.md': '# Setup\n' } },
    });
    expect(existsSync(join(target.path, 'node_modules'))).toBe(false);
    expect(readFileSync(join(target.path, 'docs/index.md'), 'utf8')).toBe(
      '# A\n',
    );
  });
});
