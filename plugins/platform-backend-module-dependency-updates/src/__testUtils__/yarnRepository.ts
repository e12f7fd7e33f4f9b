import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '@catalyst/plugin-platform-node';

/** This repository's own Yarn release, as a fixture's `.yarn/releases` file. */
async function yarnRelease(): Promise<{ path: string; text: string }> {
  const releases = join(__dirname, '../../../../.yarn/releases');
  const [name] = (await fs.readdir(releases)).filter(file =>
    /^yarn-.+\.cjs$/.test(file),
  );
  if (!name) throw new Error(`No Yarn release in ${releases}`);
  return {
    path: `.yarn/releases/${name}`,
    text: await fs.readFile(join(releases, name), 'utf8'),
  };
}

/** The environment that keeps Yarn's global folder (npm metadata, mirror) inside `dir`. */
export function yarnTestEnv(dir: string): Record<string, string> {
  return { YARN_GLOBAL_FOLDER: join(dir, 'yarn-global') };
}

/**
 * The files of a Yarn 4 repository (`web` on `left-pad@^1.0.0`, the
 * release of this repository under `.yarn/releases`, a `.yarnrc.yml` with
 * the node-modules linker and a project cache, the `.gitignore` of a
 * Backstage app) with the yarn.lock that a real
 * `yarn install --mode=update-lockfile` writes against `registryUrl`.
 */
export async function yarnRepository(
  registryUrl: string,
): Promise<Record<string, string>> {
  const release = await yarnRelease();
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: 'web',
        version: '1.0.0',
        private: true,
        dependencies: { 'left-pad': '^1.0.0' },
      },
      null,
      2,
    )}\n`,
    '.yarnrc.yml': [
      `yarnPath: ${release.path}`,
      'nodeLinker: node-modules',
      'enableGlobalCache: false',
      'enableTelemetry: false',
      `npmRegistryServer: '${registryUrl.replace(/\/$/, '')}'`,
      "unsafeHttpWhitelist: ['127.0.0.1']",
      '',
    ].join('\n'),
    '.gitignore': [
      'node_modules/',
      '.pnp.*',
      '.yarn/*',
      '!.yarn/patches',
      '!.yarn/plugins',
      '!.yarn/releases',
      '!.yarn/sdks',
      '!.yarn/versions',
      '',
    ].join('\n'),
    [release.path]: release.text,
  };
  const dir = await fs.mkdtemp(join(tmpdir(), 'yarn-lock-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      await fs.mkdir(join(dir, path, '..'), { recursive: true });
      await fs.writeFile(join(dir, path), text);
    }
    await runCommand('yarn', ['install', '--mode=update-lockfile'], {
      cwd: dir,
      // The registry of the environment (YARN_NPM_REGISTRY_SERVER) must not apply.
      env: {
        ...yarnTestEnv(dir),
        YARN_NPM_REGISTRY_SERVER: registryUrl,
        YARN_ENABLE_SCRIPTS: '0',
      },
    });
    files['yarn.lock'] = await fs.readFile(join(dir, 'yarn.lock'), 'utf8');
    return files;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
