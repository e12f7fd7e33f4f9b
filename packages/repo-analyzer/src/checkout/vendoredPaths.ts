/**
 * Folders that hold installed, vendored or built code rather than the
 * project's own: never read, even when committed.
 */
const VENDORED_DIRECTORY_NAMES = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  'jspm_packages',
  'vendor',
  'third_party',
  'dist',
  'target',
  '.venv',
  'venv',
  '.tox',
  '.nox',
  '__pycache__',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.yarn',
  '.pnpm-store',
  '.next',
  '.nuxt',
  '.svelte-kit',
  '.turbo',
  '.gradle',
  '.bundle',
  'Pods',
  'coverage',
  '.terraform',
  '.cache',
]);

/** True when a repository-relative path lies inside a vendored or build folder. */
export function isVendoredPath(path: string): boolean {
  const parts = path.split('/');
  for (let i = 0; i < parts.length - 1; i++) {
    if (VENDORED_DIRECTORY_NAMES.has(parts[i])) return true;
  }
  return false;
}

/** True when a folder name is one the walker never enters. */
export function isVendoredDirectoryName(name: string): boolean {
  return VENDORED_DIRECTORY_NAMES.has(name);
}
