import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TestRepo } from '../__testUtils__/TestRepo';
import { fileReaderAt } from '../config/FileReader';
import { GitRepository } from '../git/GitRepository';
import { versionFileEdits } from './versionFileEdits';

describe('versionFileEdits', () => {
  let r: TestRepo;
  afterEach(() => r.remove());

  const editsAt = async (
    pkg: Parameters<typeof versionFileEdits>[1],
    version: string,
  ) => {
    const repo = new GitRepository(r.dir);
    const listFiles = async (dir: string) =>
      (await repo.git(['ls-files', '--', dir])).split('\n').filter(Boolean);
    const edits = await versionFileEdits(
      fileReaderAt(repo, 'HEAD'),
      pkg,
      version,
      listFiles,
    );
    return Object.fromEntries(edits.map(e => [e.path, e.content]));
  };

  it('edits package.json in place and the lockfile root entries', async () => {
    r = TestRepo.create();
    r.commit('chore: init', {
      'package.json':
        '{\n    "name": "web",\n    "version": "1.0.0",\n    "dependencies": { "left-pad": "1.0.0" }\n}\n',
      'package-lock.json': JSON.stringify({
        name: 'web',
        version: '1.0.0',
        lockfileVersion: 3,
        packages: {
          '': { name: 'web', version: '1.0.0' },
          'node_modules/left-pad': { version: '1.0.0' },
        },
      }),
    });
    const edits = await editsAt(
      { name: 'web', path: '.', ecosystem: 'npm' },
      '1.1.0',
    );
    expect(edits['package.json']).toBe(
      '{\n    "name": "web",\n    "version": "1.1.0",\n    "dependencies": { "left-pad": "1.0.0" }\n}\n',
    );
    const lock = JSON.parse(edits['package-lock.json']);
    expect(lock.version).toBe('1.1.0');
    expect(lock.packages['']).toEqual({ name: 'web', version: '1.1.0' });
    expect(lock.packages['node_modules/left-pad'].version).toBe('1.0.0');
  });

  it('edits pyproject.toml, a Helm chart, version.rb and a gemspec, and leaves Go to its tag', async () => {
    r = TestRepo.create();
    r.commit('chore: init', {
      'pyproject.toml':
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "svc"\nversion = "0.3.0"\n\n[tool.x]\nversion = "9"\n',
      'Chart.yaml':
        'apiVersion: v2\nname: svc\nversion: 0.3.0\nappVersion: "2.0"\n',
      'lib/svc/version.rb': 'module Svc\n  VERSION = "0.3.0"\nend\n',
      'svc.gemspec':
        'Gem::Specification.new do |s|\n  s.version = "0.3.0"\nend\n',
      'go.mod': 'module example.com/svc\n',
    });
    const edits = await editsAt(
      { name: 'svc', path: '.', ecosystem: 'python' },
      '0.4.0',
    );
    expect(edits).toEqual({
      'pyproject.toml':
        '[build-system]\nrequires = ["hatchling"]\n\n[project]\nname = "svc"\nversion = "0.4.0"\n\n[tool.x]\nversion = "9"\n',
      'Chart.yaml':
        'apiVersion: v2\nname: svc\nversion: 0.4.0\nappVersion: "2.0"\n',
      'lib/svc/version.rb': 'module Svc\n  VERSION = "0.4.0"\nend\n',
      'svc.gemspec':
        'Gem::Specification.new do |s|\n  s.version = "0.4.0"\nend\n',
    });
  });

  it('edits a Cargo member and its Cargo.lock entry only', async () => {
    r = TestRepo.create();
    r.commit('chore: init', {
      'crates/core/Cargo.toml': '[package]\nname = "core"\nversion = "1.0.0"\n',
      'Cargo.lock':
        '[[package]]\nname = "core"\nversion = "1.0.0"\n\n[[package]]\nname = "serde"\nversion = "1.0.0"\n',
    });
    const edits = await editsAt(
      { name: 'core', path: 'crates/core', ecosystem: 'cargo' },
      '1.0.1',
    );
    expect(edits['Cargo.lock']).toBe(
      '[[package]]\nname = "core"\nversion = "1.0.1"\n\n[[package]]\nname = "serde"\nversion = "1.0.0"\n',
    );
    expect(edits['crates/core/Cargo.toml']).toContain('version = "1.0.1"');
  });

  it('never reads through a symlink: a linked version file or changelog counts as absent', async () => {
    r = TestRepo.create();
    const outside = mkdtempSync(join(tmpdir(), 'release-outside-'));
    try {
      writeFileSync(
        join(outside, 'package.json'),
        '{ "name": "web", "version": "1.0.0", "token": "ghp_outside" }\n',
      );
      r.commit('chore: init', { 'README.md': 'web\n' });
      symlinkSync(join(outside, 'package.json'), join(r.dir, 'package.json'));
      symlinkSync('/proc/self/environ', join(r.dir, 'CHANGELOG.md'));
      symlinkSync(outside, join(r.dir, 'linked'));
      r.git('add', '-A');
      r.git('commit', '-q', '-m', 'chore: links');

      const read = fileReaderAt(new GitRepository(r.dir), 'HEAD');
      expect(await read('package.json')).toBeUndefined();
      expect(await read('CHANGELOG.md')).toBeUndefined();
      expect(await read('linked/package.json')).toBeUndefined();
      expect(await read('README.md')).toBe('web\n');
      expect(
        await editsAt({ name: 'web', path: '.', ecosystem: 'npm' }, '1.1.0'),
      ).toEqual({});
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
