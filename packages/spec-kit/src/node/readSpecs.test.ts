import * as fs from 'node:fs';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expectFixtureJson, fixtureRoot } from '../__testUtils__/fixtures';
import type { SpecIndex } from '../types';
import { readSpecs } from './readSpecs';

const fixture = join(fixtureRoot('repos'), 'catalyst-yaml');

// The real openSync, counted: which files an index reads.
jest.mock('node:fs', () => {
  const actual = jest.requireActual('node:fs');
  return { ...actual, openSync: jest.fn(actual.openSync) };
});

describe('readSpecs', () => {
  let tmp: string;
  let repo: string;

  beforeEach(() => {
    tmp = mkdtempSync(join(tmpdir(), 'spec-kit-'));
    repo = join(tmp, 'repo');
    cpSync(join(fixture, 'input'), repo, { recursive: true });
    const albums = join(repo, 'docs/specs/001-photo-albums');
    writeFileSync(
      join(albums, 'big-export.md'),
      `# Export\n\n${'- [ ] T900 too big to read\n'.repeat(100_000)}`,
    );
    writeFileSync(join(tmp, 'outside.md'), '# Outside the repository\n');
    symlinkSync('../../../../outside.md', join(albums, 'outside.md'));
    symlinkSync('research.md', join(albums, 'linked-research.md'));
    mkdirSync(join(repo, 'docs/specs/node_modules/006-package'), {
      recursive: true,
    });
    writeFileSync(
      join(repo, 'docs/specs/node_modules/006-package/tasks.md'),
      '- [ ] T001 Not a spec\n',
    );
  });

  afterEach(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('indexes the fixture repository', () => {
    expectFixtureJson(fixture, readSpecs(repo));
  });

  it('reads the same folders when given the specs folder itself', () => {
    const fromRepo = readSpecs(repo);
    const fromSpecs = readSpecs(join(repo, 'docs/specs'));
    expect(fromSpecs).toEqual(withoutPrefix(fromRepo, 'docs/specs/'));
  });

  it('follows specs.path, and an explicit specs path wins', () => {
    const index = readSpecs(repo, { specsPath: 'specs' });
    expect(index.specs.map(spec => spec.path)).toEqual(['specs/999-ignored']);
  });

  it('reuses unchanged folders and reparses changed ones', () => {
    const first = readSpecs(repo);
    const second = readSpecs(repo, { previous: first });
    expect(second.specs).toHaveLength(first.specs.length);
    second.specs.forEach((spec, i) => expect(spec).toBe(first.specs[i]));
    expect(second.diagnostics).toEqual(first.diagnostics);

    writeFileSync(
      join(repo, 'docs/specs/20250101-120000-login/tasks.md'),
      '# Tasks: Login\n\n- [x] T001 [US1] Add the login form\n',
    );
    const third = readSpecs(repo, { previous: second });
    const changed = third.specs.find(spec => spec.slug.endsWith('login'))!;
    expect(changed).not.toBe(
      second.specs.find(spec => spec.slug.endsWith('login')),
    );
    expect(changed.counts).toEqual({ total: 1, done: 1, open: 0, other: 0 });
    expect(
      third.specs.filter(spec => spec !== changed).map(spec => spec.path),
    ).toEqual(
      second.specs
        .filter((spec, i) => spec === third.specs[i])
        .map(spec => spec.path),
    );
    expect(third.diagnostics).toEqual(second.diagnostics);
  });

  it('reuses folders whose files did not change without reading them', () => {
    // The fixture was written just now: an hour later its stats have settled.
    const later = Date.now() + 3_600_000;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    const opened = jest.mocked(fs.openSync);
    opened.mockClear();
    try {
      const first = readSpecs(repo);
      const read = opened.mock.calls.length;
      expect(read).toBeGreaterThan(0);

      const second = readSpecs(repo, { previous: first });
      second.specs.forEach((spec, i) => expect(spec).toBe(first.specs[i]));
      expect(second.diagnostics).toEqual(first.diagnostics);
      // Only the folder with skipped links is read again: a link's target can appear unseen.
      const reread = opened.mock.calls
        .slice(read)
        .map(([file]) => String(file));
      expect(reread.length).toBeGreaterThan(0);
      expect(reread.every(file => file.includes('001-photo-albums'))).toBe(
        true,
      );

      // Same size and modification time, other content: the change time tells.
      const tasks = join(repo, 'docs/specs/20250101-120000-login/tasks.md');
      const before = fs.statSync(tasks);
      const text = fs.readFileSync(tasks, 'utf8');
      writeFileSync(tasks, text.replace('[ ]', '[x]'));
      fs.utimesSync(tasks, before.atime, before.mtime);
      expect(fs.statSync(tasks).size).toBe(before.size);
      const third = readSpecs(repo, { previous: second });
      const login = (index: SpecIndex) =>
        index.specs.find(spec => spec.slug.endsWith('login'))!;
      expect(login(third)).not.toBe(login(second));
      expect(login(third).counts.done).toBe(login(second).counts.done + 1);

      // A deserialized previous index has no stamps: its folders are read and hashed.
      const copy = JSON.parse(JSON.stringify(third)) as SpecIndex;
      const beforeCopy = opened.mock.calls.length;
      const fourth = readSpecs(repo, { previous: copy });
      expect(opened.mock.calls.length - beforeCopy).toBe(read);
      fourth.specs.forEach((spec, i) => expect(spec).toBe(copy.specs[i]));
    } finally {
      jest.mocked(Date.now).mockRestore();
    }
  });

  it('lists a broken link as unreadable and keeps indexing the folder', () => {
    const login = join(repo, 'docs/specs/20250101-120000-login');
    symlinkSync('missing.md', join(login, 'dangling.md'));
    const index = readSpecs(repo);
    const folder = index.specs.find(spec => spec.slug.endsWith('login'))!;
    expect(folder.files.find(file => file.path === 'dangling.md')).toEqual({
      path: 'dangling.md',
      kind: 'other',
      size: 'missing.md'.length,
      skipped: 'unreadable',
    });
    expect(folder.counts.total).toBe(1);
    expect(index.diagnostics).toContainEqual({
      file: 'docs/specs/20250101-120000-login/dangling.md',
      severity: 'warning',
      message: 'Broken link (ENOENT); skipped',
    });
  });

  it('reports a missing specs folder as a diagnostic', () => {
    rmSync(join(repo, 'docs'), { recursive: true });
    expect(readSpecs(repo)).toEqual({
      specs: [],
      diagnostics: [
        {
          file: 'docs/specs',
          severity: 'warning',
          message: 'Specs folder not found (ENOENT)',
        },
      ],
    });
  });

  it('throws when the directory cannot be read', () => {
    expect(() => readSpecs(join(tmp, 'missing'))).toThrow(
      `Cannot read directory ${join(
        tmp,
        'missing',
      )}: no such file or directory`,
    );
    expect(() => readSpecs(join(tmp, 'outside.md'))).toThrow('not a directory');
  });
});

function withoutPrefix(index: SpecIndex, prefix: string): SpecIndex {
  const strip = (path: string) =>
    path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return {
    specs: index.specs.map(spec => ({ ...spec, path: strip(spec.path) })),
    diagnostics: index.diagnostics.map(diagnostic => ({
      ...diagnostic,
      file: strip(diagnostic.file),
    })),
  };
}
