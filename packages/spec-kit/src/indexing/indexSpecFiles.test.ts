import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fixtureRoot } from '../__testUtils__/fixtures';
import type { SpecSourceFile } from '../folder/parseSpecFolder';
import { readSpecs } from '../node/readSpecs';
import { indexSpecFiles } from './indexSpecFiles';

const input = join(fixtureRoot('repos'), 'catalyst-yaml', 'input');

function listFiles(root: string, dir = root): SpecSourceFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const path = join(dir, entry.name);
    return entry.isDirectory()
      ? listFiles(root, path)
      : [
          {
            path: relative(root, path).split(sep).join('/'),
            content: readFileSync(path),
          },
        ];
  });
}

describe('indexSpecFiles', () => {
  let tmp: string;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'spec-kit-'));
    cpSync(input, tmp, { recursive: true });
    writeFileSync(
      join(tmp, 'docs/specs/001-photo-albums/big-export.md'),
      'x'.repeat(2 * 1024 * 1024 + 1),
    );
  });

  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('gives the same index in memory as from disk', () => {
    const files = listFiles(tmp);
    expect(files.map(file => file.path)).toContain('catalyst.yaml');
    const index = indexSpecFiles(files);
    expect(index.specs.map(spec => spec.path)).toEqual([
      'docs/specs/001-photo-albums',
      'docs/specs/004-broken',
      'docs/specs/005-unreadable-tasks',
      'docs/specs/20250101-120000-login',
      'docs/specs/_archive/002-old-search',
      'docs/specs/main',
      'docs/specs/platform/003-nested',
    ]);
    expect(index).toEqual(readSpecs(tmp));
  });

  it('takes paths relative to the specs folder when specsPath is empty', () => {
    const files = listFiles(join(tmp, 'docs/specs'));
    const index = indexSpecFiles(files, { specsPath: '' });
    expect(index).toEqual(readSpecs(join(tmp, 'docs/specs')));
    expect(index.specs[0].path).toBe('001-photo-albums');
  });

  it('normalizes ./ prefixes and backslashes in paths', () => {
    const index = indexSpecFiles([
      {
        path: '.\\specs\\001-a\\tasks.md',
        content: Buffer.from('- [x] T001 Done\n- [ ] T002 Open\n'),
      },
    ]);
    expect(index.specs.map(spec => [spec.path, spec.completion])).toEqual([
      ['specs/001-a', 0.5],
    ]);
  });

  it('reuses folders whose content hash did not change', () => {
    const files = listFiles(tmp);
    const first = indexSpecFiles(files);
    const second = indexSpecFiles(files, { previous: first });
    second.specs.forEach((spec, i) => expect(spec).toBe(first.specs[i]));
    expect(second.diagnostics).toEqual(first.diagnostics);

    const changed = files.map(file =>
      file.path === 'docs/specs/004-broken/tasks.md'
        ? { ...file, content: Buffer.from('- [x] T001 Fixed\n') }
        : file,
    );
    const third = indexSpecFiles(changed, { previous: second });
    const broken = third.specs.find(spec => spec.slug === '004-broken')!;
    expect(broken).not.toBe(second.specs.find(s => s.slug === '004-broken'));
    expect(broken.counts.done).toBe(1);
    expect(
      third.diagnostics.filter(d =>
        d.file.startsWith('docs/specs/004-broken/'),
      ),
    ).toEqual([]);
    expect(
      third.specs
        .filter(spec => spec !== broken)
        .every(spec => second.specs.includes(spec)),
    ).toBe(true);
  });

  it('indexes a folder of Spec Kit documents under another name, with a diagnostic and no number', () => {
    const tasks = Buffer.from('- [x] T001 Done\n- [ ] T002 Open\n');
    const index = indexSpecFiles([
      { path: 'specs/main/tasks.md', content: tasks },
      { path: 'specs/main/contracts/api.yaml', content: Buffer.from('a: 1') },
      { path: 'specs/feature-x/design/spec.md', content: Buffer.from('# X') },
      { path: 'specs/notes/README.md', content: Buffer.from('# Notes') },
      { path: 'specs/.templates/tasks.md', content: tasks },
      { path: 'specs/_archive/tasks.md', content: tasks },
      { path: 'specs/_archive/old/plan.md', content: Buffer.from('# Plan') },
      { path: 'specs/tasks.md', content: tasks },
    ]);
    expect(
      index.specs.map(spec => ({
        path: spec.path,
        slug: spec.slug,
        number: spec.number,
        archived: spec.archived,
        files: spec.files.map(file => file.path),
        total: spec.counts.total,
      })),
    ).toEqual([
      {
        path: 'specs/_archive/old',
        slug: 'old',
        number: undefined,
        archived: true,
        files: ['plan.md'],
        total: 0,
      },
      {
        path: 'specs/feature-x/design',
        slug: 'design',
        number: undefined,
        archived: false,
        files: ['spec.md'],
        total: 0,
      },
      {
        path: 'specs/main',
        slug: 'main',
        number: undefined,
        archived: false,
        files: ['contracts/api.yaml', 'tasks.md'],
        total: 2,
      },
    ]);
    expect(
      index.diagnostics.filter(d => d.message.includes('convention')),
    ).toEqual([
      {
        file: 'specs/_archive/old',
        severity: 'warning',
        message:
          "Folder name 'old' does not follow the spec folder convention (NNN-slug or YYYYMMDD-HHMMSS-slug); indexed with slug 'old' and no number",
      },
      expect.objectContaining({ file: 'specs/feature-x/design' }),
      expect.objectContaining({ file: 'specs/main' }),
    ]);
  });

  it('uses the default specs path when catalyst.yaml is malformed', () => {
    const index = indexSpecFiles([
      { path: 'catalyst.yaml', content: Buffer.from('specs: [\n') },
      { path: 'specs/001-a/tasks.md', content: Buffer.from('- [ ] T001 A\n') },
    ]);
    expect(index.specs.map(spec => spec.path)).toEqual(['specs/001-a']);
    expect(index.diagnostics).toEqual([
      expect.objectContaining({
        file: 'catalyst.yaml',
        line: 1,
        severity: 'warning',
      }),
    ]);
  });

  it('refuses a specs path that leaves the root', () => {
    expect(() => indexSpecFiles([], { specsPath: '../elsewhere' })).toThrow(
      "specsPath must be a relative path inside the root, got '../elsewhere'",
    );
  });
});
