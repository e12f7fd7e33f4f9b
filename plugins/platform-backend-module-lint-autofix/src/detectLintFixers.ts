/** A fixer of the repository's own toolchain, run from its node_modules/.bin. */
export interface LintFixer {
  tool: 'eslint' | 'prettier';
  args: string[];
  /** Exit codes that still mean the fixer ran: eslint exits 1 when problems remain. */
  okCodes: number[];
}

interface PackageJson {
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/**
 * The fixers a repository uses, read from its package.json: a tool counts
 * when it is a dependency or a script calls it. ESLint runs first so that
 * Prettier has the last word on formatting.
 */
export function detectLintFixers(packageJson: PackageJson): LintFixer[] {
  const uses = (tool: string) =>
    Boolean(
      packageJson.devDependencies?.[tool] ||
        packageJson.dependencies?.[tool] ||
        Object.values(packageJson.scripts ?? {}).some(script =>
          new RegExp(`(^|[\\s;&|])${tool}(\\s|$)`).test(script),
        ),
    );
  const fixers: LintFixer[] = [];
  if (uses('eslint')) {
    fixers.push({ tool: 'eslint', args: ['--fix', '.'], okCodes: [0, 1] });
  }
  if (uses('prettier')) {
    fixers.push({
      tool: 'prettier',
      args: ['--write', '--ignore-unknown', '.'],
      okCodes: [0],
    });
  }
  return fixers;
}
