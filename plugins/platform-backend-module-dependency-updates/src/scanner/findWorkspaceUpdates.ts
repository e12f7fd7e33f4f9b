import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { findNpmWorkspaces } from '../dependencies/npmWorkspaces/findNpmWorkspaces';
import { readNpmWorkspacePatterns } from '../dependencies/npmWorkspaces/readNpmWorkspacePatterns';
import {
  NpmPackument,
  NpmRegistryClient,
} from '../dependencies/npmRegistry/NpmRegistryClient';
import { DependencyUpdate } from '../dependencies/types';
import { findNpmUpdates, ManifestScan } from './findManifestUpdates';
import { readLockedVersions } from './readLockedVersions';

/** A file's text, or undefined when it does not exist. */
export function readOptionalFile(path: string): Promise<string | undefined> {
  return fs.readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** The manifests of a workspace root and the updates found in them. */
export interface WorkspaceUpdates {
  /** The root (`''`) and every workspace folder: their package.json is read here only. */
  folders: string[];
  updates: DependencyUpdate[];
}

/**
 * The npm updates of a checkout whose root package.json (or
 * pnpm-workspace.yaml) declares workspaces: the root's and every
 * workspace's package.json, resolved against the root lockfile (a
 * package-lock.json's nested entries of the workspace first, or the
 * yarn.lock), skipping dependencies on another workspace. Each update names its workspace folder and the root whose
 * lockfile is refreshed. A checkout without workspaces gives `undefined`.
 */
export async function findWorkspaceUpdates(
  checkoutDir: string,
  scan: Omit<ManifestScan, 'directory'>,
  registry: NpmRegistryClient,
  cache: Map<string, NpmPackument | undefined>,
): Promise<WorkspaceUpdates | undefined> {
  const read = (file: string) => readOptionalFile(join(checkoutDir, file));
  const rootManifest = await read('package.json');
  const patterns = readNpmWorkspacePatterns({
    packageJson: rootManifest,
    pnpmWorkspaceYaml: await read('pnpm-workspace.yaml'),
  });
  if (rootManifest === undefined || patterns.length === 0) return undefined;
  const workspaces = await findNpmWorkspaces(checkoutDir, patterns);
  const folders = ['', ...workspaces.folders];
  const updates: DependencyUpdate[] = [];
  for (const folder of folders) {
    const manifest = await read(join(folder, 'package.json'));
    if (manifest === undefined) continue;
    const found = await findNpmUpdates(
      manifest,
      await readLockedVersions(read, folder, manifest),
      {
        ...scan,
        directory: folder,
        isIgnored: name => workspaces.names.has(name) || scan.isIgnored(name),
      },
      registry,
      cache,
    );
    updates.push(...found.map(update => ({ ...update, workspaceRoot: '' })));
  }
  return { folders, updates };
}
