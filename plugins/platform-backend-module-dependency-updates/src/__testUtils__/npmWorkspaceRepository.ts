import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from '@catalyst/plugin-platform-node';

/**
 * The files of an npm workspaces repository (`packages/*`: `@acme/a` and
 * `@acme/b` sharing `left-pad@^1.0.0`, `@acme/b` also on `right-pad` and
 * `@acme/a` on `@acme/b`) with the root package-lock.json that real
 * `npm install --package-lock-only` writes against `registryUrl`.
 */
export async function npmWorkspaceRepository(
  registryUrl: string,
): Promise<Record<string, string>> {
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
  const files: Record<string, string> = {
    'package.json': json({
      name: 'monorepo',
      private: true,
      workspaces: ['packages/*'],
    }),
    'packages/a/package.json': json({
      name: '@acme/a',
      version: '1.0.0',
      dependencies: { '@acme/b': '^1.0.0', 'left-pad': '^1.0.0' },
    }),
    'packages/b/package.json': json({
      name: '@acme/b',
      version: '1.0.0',
      dependencies: { 'left-pad': '^1.0.0', 'right-pad': '~2.0.0' },
    }),
  };
  const dir = await fs.mkdtemp(join(tmpdir(), 'npm-workspaces-lock-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      await fs.mkdir(dirname(join(dir, path)), { recursive: true });
      await fs.writeFile(join(dir, path), text);
    }
    await runCommand(
      'npm',
      [
        'install',
        '--package-lock-only',
        '--ignore-scripts',
        '--omit-lockfile-registry-resolved=false',
        '--registry',
        registryUrl,
        '--cache',
        join(dir, '.npm'),
      ],
      { cwd: dir },
    );
    files['package-lock.json'] = await fs.readFile(
      join(dir, 'package-lock.json'),
      'utf8',
    );
    return files;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
