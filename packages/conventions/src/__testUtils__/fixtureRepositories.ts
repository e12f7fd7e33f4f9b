import { ConventionPack } from '../packs/types';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join as joinPath } from 'node:path';

const created: string[] = [];

/** Writes files into a fresh temp dir; `removeFixtureRepositories` cleans up. */
export function createFixtureRepository(files: Record<string, string>): string {
  const dir = mkdtempSync(joinPath(tmpdir(), 'catalyst-conventions-'));
  created.push(dir);
  writeFixtureFiles(dir, files);
  return dir;
}

export function writeFixtureFiles(
  dir: string,
  files: Record<string, string>,
): void {
  for (const [path, content] of Object.entries(files)) {
    const target = joinPath(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
}

export function removeFixtureRepositories(): void {
  while (created.length > 0) {
    rmSync(created.pop()!, { recursive: true, force: true });
  }
}

/** Project files that make each default pack's checkout clean, tests included. */
export const projectFilesByPack: Record<string, Record<string, string>> = {
  typescript: {
    'package.json':
      '{"name":"demo","scripts":{"lint":"eslint .","test":"jest"}}\n',
    'src/index.ts': "export * from './greet';\n",
    'src/greet.ts': 'export const greet = (n: string) => `hi ${n}`;\n',
    'src/greet.test.ts': "import { greet } from './greet';\n",
    'src/api/client.ts': 'export const client = 1;\n',
    'src/api/client.test.ts': "import { client } from './client';\n",
  },
  go: {
    'go.mod': 'module example.com/demo\n\ngo 1.22\n',
    'main.go': 'package main\n\nfunc main() {}\n',
    'main_test.go': 'package main\n',
    'internal/store/store.go': 'package store\n',
    'internal/store/store_test.go': 'package store\n',
  },
  python: {
    'pyproject.toml': '[project]\nname = "demo"\nversion = "0.1.0"\n',
    'src/demo/__init__.py': '',
    'src/demo/core.py': 'def add(a, b):\n    return a + b\n',
    'tests/test_core.py': 'from demo.core import add\n',
  },
  ruby: {
    Gemfile: "source 'https://rubygems.org'\ngem 'rspec'\n",
    'lib/demo.rb': 'module Demo; end\n',
    'spec/demo_spec.rb': "require 'demo'\n",
  },
};

/** A checkout that follows every file and rule of the pack. */
export function createCleanRepository(pack: ConventionPack): string {
  const files: Record<string, string> = { ...projectFilesByPack[pack.id] };
  for (const file of pack.files) files[file.path] = file.content;
  const dir = createFixtureRepository(files);
  writeFixtureFiles(dir, {
    '.git/HEAD': 'ref: refs/heads/feat/add-greeting\n',
  });
  return dir;
}
