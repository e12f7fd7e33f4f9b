import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { FileReader, parseJsonFile } from '../config/FileReader';
import { GitRepository } from '../git/GitRepository';

/**
 * A releasable package of a repository.
 *
 * @public
 */
export type ReleasePackage = {
  name: string;
  /** Folder relative to the repository root; `.` for the root. */
  path: string;
  ecosystem: 'npm' | 'cargo' | 'python' | 'ruby' | 'helm' | 'go' | 'other';
  /** Version declared in its manifest, if it declares one. */
  version?: string;
};

const MAX_PACKAGES = 500;

function globToRegExp(glob: string): RegExp {
  const clean = glob.replace(/^\.\//, '').replace(/\/$/, '');
  const source = clean
    .split('/')
    .map(part =>
      part === '**'
        ? '.*'
        : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

async function describe(
  read: FileReader,
  path: string,
): Promise<ReleasePackage | undefined> {
  const prefix = path === '.' ? '' : `${path}/`;
  const pkg = parseJsonFile(await read(`${prefix}package.json`)) as
    | { name?: unknown; version?: unknown; private?: unknown }
    | undefined;
  if (pkg && typeof pkg.name === 'string') {
    return {
      name: pkg.name,
      path,
      ecosystem: 'npm',
      version: typeof pkg.version === 'string' ? pkg.version : undefined,
    };
  }
  const cargo = await read(`${prefix}Cargo.toml`);
  if (cargo) {
    try {
      const parsed = parseToml(cargo) as {
        package?: { name?: unknown; version?: unknown };
      };
      if (typeof parsed.package?.name === 'string') {
        return {
          name: parsed.package.name,
          path,
          ecosystem: 'cargo',
          version:
            typeof parsed.package.version === 'string'
              ? parsed.package.version
              : undefined,
        };
      }
    } catch {
      // A Cargo.toml that does not parse is not a package Catalyst can release.
      return undefined;
    }
  }
  return undefined;
}

/**
 * The packages of an npm / Yarn / pnpm workspace or a Cargo workspace; empty
 * for a single-package repository.
 *
 * @public
 */
export async function findWorkspacePackages(
  repo: GitRepository,
  ref: string,
  read: FileReader,
): Promise<ReleasePackage[]> {
  const globs: string[] = [];
  const rootPkg = parseJsonFile(await read('package.json')) as
    | { workspaces?: unknown }
    | undefined;
  const ws = rootPkg?.workspaces;
  if (Array.isArray(ws)) globs.push(...ws.filter(g => typeof g === 'string'));
  else if (
    ws &&
    typeof ws === 'object' &&
    Array.isArray((ws as any).packages)
  ) {
    globs.push(
      ...(ws as any).packages.filter((g: unknown) => typeof g === 'string'),
    );
  }
  const pnpm = await read('pnpm-workspace.yaml');
  if (pnpm) {
    try {
      const parsed = parseYaml(pnpm, { maxAliasCount: 10 }) as {
        packages?: unknown;
      };
      if (Array.isArray(parsed?.packages)) {
        globs.push(
          ...parsed.packages.filter(
            g => typeof g === 'string' && !g.startsWith('!'),
          ),
        );
      }
    } catch {
      // An unreadable pnpm-workspace.yaml adds no packages.
    }
  }
  const cargo = await read('Cargo.toml');
  if (cargo) {
    try {
      const parsed = parseToml(cargo) as { workspace?: { members?: unknown } };
      const members = parsed.workspace?.members;
      if (Array.isArray(members))
        globs.push(...members.filter(g => typeof g === 'string'));
    } catch {
      // An unreadable Cargo.toml adds no packages.
    }
  }
  if (!globs.length) return [];
  const patterns = globs.slice(0, 100).map(globToRegExp);
  const tree = await repo.git(['ls-tree', '-r', '-d', '--name-only', ref]);
  const dirs = tree.split('\n').filter(d => d && patterns.some(p => p.test(d)));
  const packages: ReleasePackage[] = [];
  for (const dir of dirs.slice(0, MAX_PACKAGES)) {
    const pkg = await describe(read, dir);
    if (pkg) packages.push(pkg);
  }
  return packages;
}

/**
 * The package at the root of the repository, read from its manifest.
 *
 * @public
 */
export async function describeRootPackage(
  read: FileReader,
): Promise<ReleasePackage> {
  const described = await describe(read, '.');
  if (described) return described;
  const pyproject = await read('pyproject.toml');
  if (pyproject) {
    try {
      const parsed = parseToml(pyproject) as {
        project?: { name?: unknown; version?: unknown };
        tool?: { poetry?: { name?: unknown; version?: unknown } };
      };
      const meta = parsed.project ?? parsed.tool?.poetry;
      if (typeof meta?.name === 'string') {
        return {
          name: meta.name,
          path: '.',
          ecosystem: 'python',
          version: typeof meta.version === 'string' ? meta.version : undefined,
        };
      }
    } catch {
      // Fall through to the other manifests.
    }
  }
  const chart = await read('Chart.yaml');
  if (chart) {
    const parsed = parseYaml(chart, { maxAliasCount: 10 }) as {
      name?: unknown;
      version?: unknown;
    };
    if (typeof parsed?.name === 'string') {
      return {
        name: parsed.name,
        path: '.',
        ecosystem: 'helm',
        version: String(parsed.version ?? '') || undefined,
      };
    }
  }
  const gomod = await read('go.mod');
  const module = gomod && /^module\s+(\S+)/m.exec(gomod)?.[1];
  if (module) return { name: module, path: '.', ecosystem: 'go' };
  return { name: '.', path: '.', ecosystem: 'other' };
}
