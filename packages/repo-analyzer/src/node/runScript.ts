import { PackageManagerName } from '../types';

/** Script names that clash with a package manager's own commands. */
const BUILTINS: Record<string, Set<string>> = {
  pnpm: new Set([
    'add',
    'audit',
    'bin',
    'create',
    'dlx',
    'exec',
    'import',
    'init',
    'install',
    'link',
    'list',
    'ls',
    'outdated',
    'pack',
    'prune',
    'publish',
    'rebuild',
    'remove',
    'root',
    'server',
    'setup',
    'store',
    'unlink',
    'update',
    'why',
    'deploy',
    'env',
    'patch',
    'fetch',
  ]),
  yarn: new Set([
    'add',
    'bin',
    'cache',
    'config',
    'constraints',
    'dedupe',
    'dlx',
    'exec',
    'explain',
    'info',
    'init',
    'install',
    'link',
    'node',
    'npm',
    'pack',
    'patch',
    'plugin',
    'rebuild',
    'remove',
    'run',
    'set',
    'stage',
    'unlink',
    'unplug',
    'up',
    'version',
    'why',
    'workspace',
    'workspaces',
    'upgrade',
    'audit',
    'publish',
    'outdated',
    'list',
    'global',
    'import',
    'check',
    'create',
    'generate-lock-entry',
    'licenses',
    'login',
    'logout',
    'owner',
    'policies',
    'tag',
    'team',
    'autoclean',
  ]),
};

/** How to run a root script: `pnpm test`, `yarn lint`, `npm run lint`, `bun run test`. */
export function runScriptCommand(
  manager: PackageManagerName,
  script: string,
): string {
  switch (manager) {
    case 'pnpm':
    case 'yarn':
      return BUILTINS[manager].has(script)
        ? `${manager} run ${script}`
        : `${manager} ${script}`;
    case 'bun':
      // `bun test` is bun's own test runner, not the script.
      return `bun run ${script}`;
    default:
      return ['test', 'start', 'stop', 'restart'].includes(script)
        ? `npm ${script}`
        : `npm run ${script}`;
  }
}

/** How to run a script of one workspace package from the root. */
export function runWorkspaceScriptCommand(
  manager: PackageManagerName,
  pkg: { name?: string; dir: string },
  script: string,
): string {
  const id = pkg.name ?? pkg.dir;
  switch (manager) {
    case 'pnpm':
      return `pnpm --filter ${id} ${script}`;
    case 'yarn':
      return pkg.name
        ? `yarn workspace ${pkg.name} ${script}`
        : `cd ${pkg.dir} && yarn ${script}`;
    case 'bun':
      return `bun run --filter ${id} ${script}`;
    default:
      return `npm run ${script} --workspace=${pkg.dir}`;
  }
}

/** How to run a package's binary: `pnpm exec vitest`, `npx vitest`, `yarn vitest`, `bunx vitest`. */
export function execBinaryCommand(
  manager: PackageManagerName,
  binary: string,
): string {
  switch (manager) {
    case 'pnpm':
      return `pnpm exec ${binary}`;
    case 'yarn':
      return `yarn ${binary}`;
    case 'bun':
      return `bunx ${binary}`;
    default:
      return `npx ${binary}`;
  }
}

/** Passes extra arguments to a script (npm needs `--`). */
export function withScriptArguments(
  manager: PackageManagerName,
  command: string,
  args: string,
): string {
  return manager === 'npm' ? `${command} -- ${args}` : `${command} ${args}`;
}

/** How to install dependencies. */
export function installCommand(manager: PackageManagerName): string {
  switch (manager) {
    case 'pnpm':
      return 'pnpm install';
    case 'yarn':
      return 'yarn install';
    case 'bun':
      return 'bun install';
    default:
      return 'npm install';
  }
}
