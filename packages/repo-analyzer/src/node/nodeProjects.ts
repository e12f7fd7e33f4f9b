import { posix } from 'node:path';
import { Checkout } from '../checkout/Checkout';
import { asRecord, asString, asStrings } from '../checkout/asRecord';
import { matchFolders } from '../checkout/matchGlob';
import { FactSource, PackageManagerFact } from '../types';

/** A package.json that parsed. */
export interface NodePackage {
  /** Folder, '' for the root. */
  dir: string;
  file: string;
  name?: string;
  description?: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  json: Record<string, unknown>;
}

/**
 * A Node project: a package.json with its own lock file (or the root one) and
 * the workspace packages under it.
 */
export interface NodeProject {
  root: NodePackage;
  packageManager: PackageManagerFact;
  workspaces: NodePackage[];
}

type NodeManager = 'npm' | 'yarn' | 'pnpm' | 'bun';

const LOCKFILES: [string, NodeManager][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['yarn.lock', 'yarn'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

/** Reads a package.json; malformed ones leave a diagnostic and are skipped. */
export function readNodePackage(
  checkout: Checkout,
  file: string,
): NodePackage | undefined {
  const parsed = checkout.readJson(file);
  const json = asRecord(parsed);
  if (!json) {
    if (parsed !== undefined)
      checkout.warn(file, 'package.json is not a JSON object');
    return undefined;
  }
  const scripts: Record<string, string> = {};
  for (const [name, body] of Object.entries(asRecord(json.scripts) ?? {})) {
    if (typeof body === 'string') scripts[name] = body;
  }
  const dependencies: Record<string, string> = {};
  for (const key of [
    'dependencies',
    'devDependencies',
    'peerDependencies',
    'optionalDependencies',
  ]) {
    for (const [name, range] of Object.entries(asRecord(json[key]) ?? {})) {
      if (typeof range === 'string' && !(name in dependencies))
        dependencies[name] = range;
    }
  }
  return {
    dir: posix.dirname(file) === '.' ? '' : posix.dirname(file),
    file,
    name: asString(json.name),
    description: asString(json.description)?.trim() || undefined,
    scripts,
    dependencies,
    json,
  };
}

function workspaceGlobs(
  checkout: Checkout,
  pkg: NodePackage,
): { globs: string[]; source: FactSource } | undefined {
  const pnpmWorkspace = posix.join(pkg.dir, 'pnpm-workspace.yaml');
  if (checkout.has(pnpmWorkspace)) {
    const globs = asStrings(
      asRecord(checkout.readYaml(pnpmWorkspace))?.packages,
    );
    return { globs, source: checkout.sourceOf(pnpmWorkspace, /packages\s*:/) };
  }
  const workspaces = pkg.json.workspaces;
  const globs = Array.isArray(workspaces)
    ? asStrings(workspaces)
    : asStrings(asRecord(workspaces)?.packages);
  if (globs.length === 0) return undefined;
  return { globs, source: checkout.sourceOf(pkg.file, /"workspaces"\s*:/) };
}

function detectManager(
  checkout: Checkout,
  pkg: NodePackage,
): PackageManagerFact {
  const declared = asString(pkg.json.packageManager);
  const declaredMatch = declared
    ? /^(npm|yarn|pnpm|bun)@([^+\s]+)/.exec(declared)
    : null;
  const lock = LOCKFILES.find(([name]) =>
    checkout.has(posix.join(pkg.dir, name)),
  );
  const lockfile = lock ? posix.join(pkg.dir, lock[0]) : undefined;
  if (declaredMatch) {
    return {
      name: declaredMatch[1] as NodeManager,
      ecosystem: 'node',
      directory: pkg.dir,
      version: declaredMatch[2],
      lockfile,
      source: checkout.sourceOf(pkg.file, /"packageManager"\s*:/),
    };
  }
  if (lock && lockfile) {
    let version: string | undefined;
    if (lock[1] === 'yarn') {
      const head = checkout.readHead(lockfile, 400) ?? '';
      version =
        /__metadata:/.test(head) ||
        checkout.has(posix.join(pkg.dir, '.yarnrc.yml'))
          ? 'berry'
          : '1';
    } else if (lock[1] === 'pnpm') {
      const head = checkout.readHead(lockfile, 200) ?? '';
      const lockVersion = /lockfileVersion:\s*'?([\d.]+)/.exec(head)?.[1];
      if (lockVersion) version = `lockfile ${lockVersion}`;
    }
    return {
      name: lock[1],
      ecosystem: 'node',
      directory: pkg.dir,
      version,
      lockfile,
      source: { file: lockfile },
    };
  }
  return {
    name: 'npm',
    ecosystem: 'node',
    directory: pkg.dir,
    source: {
      file: pkg.file,
      note: 'no lock file or packageManager field: npm assumed',
    },
  };
}

/**
 * Finds the Node projects of a checkout: the root package.json, and any other
 * package.json with a lock file of its own (a `web/` app in a Go or Rails
 * repository), each with its workspace packages.
 */
export function findNodeProjects(checkout: Checkout): NodeProject[] {
  const manifests = checkout.files
    .filter(f => f.path === 'package.json' || f.path.endsWith('/package.json'))
    .map(f => f.path);
  if (manifests.length === 0) return [];
  const manifestDirs = manifests.map(m =>
    posix.dirname(m) === '.' ? '' : posix.dirname(m),
  );
  const projectDirs = manifestDirs.filter(
    dir =>
      dir === '' ||
      LOCKFILES.some(([name]) => checkout.has(posix.join(dir, name))),
  );
  const claimed = new Set<string>();
  const projects: NodeProject[] = [];
  for (const dir of projectDirs) {
    if (claimed.has(dir)) continue;
    const root = readNodePackage(checkout, posix.join(dir, 'package.json'));
    if (!root) continue;
    claimed.add(dir);
    const globs = workspaceGlobs(checkout, root);
    const workspaces: NodePackage[] = [];
    if (globs) {
      const prefix = dir ? `${dir}/` : '';
      const candidates = manifestDirs
        .filter(d => d !== dir && d.startsWith(prefix))
        .map(d => d.slice(prefix.length));
      for (const relative of matchFolders(globs.globs, candidates)) {
        const pkg = readNodePackage(
          checkout,
          `${prefix}${relative}/package.json`,
        );
        if (pkg) {
          workspaces.push(pkg);
          claimed.add(pkg.dir);
        }
      }
    }
    projects.push({
      root,
      packageManager: detectManager(checkout, root),
      workspaces,
    });
  }
  return projects;
}
