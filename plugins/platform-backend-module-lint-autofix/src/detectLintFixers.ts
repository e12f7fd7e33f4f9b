/**
 * A fixer of the repository's own toolchain: ESLint and Prettier from its
 * node_modules/.bin, ruff and the Go tools from the isolated tool runner's
 * toolchain (`platform.isolation.toolchain`; `scripts/lint-tools.sh`
 * installs ruff and goimports).
 *
 * @public
 */
export interface LintFixer {
  /** The program: a node_modules/.bin name or a toolchain program. */
  tool: 'eslint' | 'prettier' | 'ruff' | 'gofmt' | 'goimports';
  /** `node_modules`: the repository's own install; `toolchain`: a program on the runner's PATH. */
  source: 'node_modules' | 'toolchain';
  /** Its arguments, run in the repository's root. */
  args: string[];
  /** Exit codes that still mean the fixer ran: eslint and `ruff check` exit 1 when problems remain. */
  okCodes: number[];
  /** A fixer whose absence is reported in the pull request rather than failing the task. */
  optional?: boolean;
}

/**
 * What decides a repository's fixers: its package.json (parsed), and the
 * names of the files at its root.
 *
 * @public
 */
export interface LintFixerInputs {
  /** The root package.json, parsed; absent when there is none. */
  packageJson?: {
    scripts?: Record<string, string>;
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  /** The names of the files at the repository's root. */
  rootFiles: string[];
}

const PYTHON_MARKERS = [
  'pyproject.toml',
  'setup.py',
  'setup.cfg',
  'requirements.txt',
  'ruff.toml',
  '.ruff.toml',
];

/** `ruff check --fix`, then `ruff format`, with the repository's own ruff config when it has one. */
const RUFF: LintFixer[] = [
  {
    tool: 'ruff',
    source: 'toolchain',
    args: ['check', '--fix', '--no-cache', '.'],
    okCodes: [0, 1],
  },
  {
    tool: 'ruff',
    source: 'toolchain',
    args: ['format', '--no-cache', '.'],
    okCodes: [0],
  },
];

/** gofmt formats; goimports also removes unused imports and adds missing standard ones. */
const GO: LintFixer[] = [
  { tool: 'gofmt', source: 'toolchain', args: ['-w', '.'], okCodes: [0] },
  {
    tool: 'goimports',
    source: 'toolchain',
    args: ['-w', '.'],
    okCodes: [0],
    optional: true,
  },
];

/**
 * The fixers a repository uses. Node: a tool counts when package.json has
 * it as a dependency or a script calls it; ESLint runs first so that
 * Prettier has the last word on formatting. Python (a pyproject.toml,
 * setup.py, setup.cfg, requirements.txt or ruff config at the root): ruff.
 * Go (a go.mod at the root): gofmt and goimports.
 *
 * @public
 */
export function detectLintFixers(inputs: LintFixerInputs): LintFixer[] {
  const { packageJson } = inputs;
  const root = new Set(inputs.rootFiles);
  const uses = (tool: string) =>
    Boolean(
      packageJson &&
        (packageJson.devDependencies?.[tool] ||
          packageJson.dependencies?.[tool] ||
          Object.values(packageJson.scripts ?? {}).some(script =>
            new RegExp(`(^|[\\s;&|])${tool}(\\s|$)`).test(script),
          )),
    );
  const fixers: LintFixer[] = [];
  if (uses('eslint')) {
    fixers.push({
      tool: 'eslint',
      source: 'node_modules',
      args: ['--fix', '.'],
      okCodes: [0, 1],
    });
  }
  if (uses('prettier')) {
    fixers.push({
      tool: 'prettier',
      source: 'node_modules',
      args: ['--write', '--ignore-unknown', '.'],
      okCodes: [0],
    });
  }
  if (PYTHON_MARKERS.some(marker => root.has(marker))) fixers.push(...RUFF);
  if (root.has('go.mod')) fixers.push(...GO);
  return fixers;
}

/**
 * `eslint --fix .`, `ruff format --no-cache .`: how a fixer is named to people.
 *
 * @public
 */
export function describeLintFixer(fixer: LintFixer): string {
  return `${fixer.tool} ${fixer.args.join(' ')}`;
}
