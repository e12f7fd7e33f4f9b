import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCommand } from '@catalyst/plugin-platform-node';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A JavaScript repository using ESLint and Prettier, with lint and format violations. */
export function lintFixtureFiles(): Record<string, string> {
  return {
    'package.json': json({
      name: 'web',
      private: true,
      scripts: { lint: 'eslint .', format: 'prettier --write .' },
      devDependencies: { eslint: '8.57.1', prettier: '2.8.8' },
    }),
    '.eslintrc.json': json({
      root: true,
      env: { node: true, es2022: true },
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
      extends: 'eslint:recommended',
      rules: {
        'no-var': 'error',
        'prefer-const': 'error',
        eqeqeq: 'error',
        curly: 'error',
        semi: 'error',
      },
    }),
    '.prettierrc.json': json({ singleQuote: true }),
    'src/cart.js': [
      'var total = 0',
      'let items = [ ]',
      'export function add(item){',
      '  let price = item.price;;',
      '    if (item.count == 0) { return total }',
      '  total += price * item.count',
      '  items.push( item )',
      '  return total;',
      '}',
      '',
    ].join('\n'),
    'src/format.js': [
      'export const currency = (amount) => { return "€" + amount.toFixed( 2 ) }',
      'export function label(name, unused) {',
      '  let text = `${name}:`',
      '  return text',
      '}',
      '',
    ].join('\n'),
    'src/clean.js': "export const ok = 'ok';\n",
  };
}

/**
 * The repository-local tools of the fixture: a node_modules with eslint and
 * prettier linked from this monorepo, so no registry is needed.
 */
export async function linkedLintTools(): Promise<{
  nodeModules: string;
  /** What an isolated tool must be able to read to run them: the links and their targets. */
  readOnlyPaths: string[];
  remove(): Promise<void>;
}> {
  const root = await fs.mkdtemp(join(tmpdir(), 'lint-tools-'));
  const nodeModules = join(root, 'node_modules');
  await fs.mkdir(join(nodeModules, '.bin'), { recursive: true });
  const readOnlyPaths = new Set([root]);
  for (const tool of ['eslint', 'prettier']) {
    const manifest = require.resolve(`${tool}/package.json`);
    readOnlyPaths.add(dirname(dirname(manifest)));
    const pkg = JSON.parse(await fs.readFile(manifest, 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin[tool];
    await fs.symlink(dirname(manifest), join(nodeModules, tool));
    await fs.symlink(join('..', tool, bin), join(nodeModules, '.bin', tool));
  }
  return {
    nodeModules,
    readOnlyPaths: [...readOnlyPaths],
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}

/** ESLint problems and files Prettier would rewrite, counted by the tools themselves. */
export async function countLintViolations(dir: string): Promise<{
  eslint: number;
  prettier: number;
}> {
  const bin = (tool: string) => join(dir, 'node_modules', '.bin', tool);
  const eslint = await runCommand(bin('eslint'), ['--format', 'json', '.'], {
    cwd: dir,
    okCodes: [0, 1],
  });
  const prettier = await runCommand(
    bin('prettier'),
    ['--list-different', '.'],
    {
      cwd: dir,
      okCodes: [0, 1],
    },
  );
  const results = JSON.parse(eslint.stdout) as { messages: unknown[] }[];
  return {
    eslint: results.reduce((sum, file) => sum + file.messages.length, 0),
    prettier: prettier.stdout.split('\n').filter(Boolean).length,
  };
}
