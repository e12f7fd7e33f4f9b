import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { buildYarnMonorepo } from './__testUtils__/yarnMonorepoFixture';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';
import { RepoFacts } from './types';

describe('analyzeRepository on a Yarn monorepo', () => {
  let repo: FixtureRepo;
  let facts: RepoFacts;

  beforeAll(async () => {
    repo = buildYarnMonorepo();
    facts = await analyzeRepository(repo.root);
  });
  afterAll(() => repo.remove());

  it('finds Yarn 4 and the workspace packages with their descriptions, and nothing outside the workspace globs', () => {
    expect(facts.packageManagers).toEqual([
      {
        name: 'yarn',
        ecosystem: 'node',
        directory: '',
        version: '4.5.0',
        lockfile: 'yarn.lock',
        source: { file: 'package.json', line: 4 },
      },
    ]);
    expect(facts.workspacePackages).toEqual([
      {
        name: '@acme/core',
        path: 'packages/core',
        ecosystem: 'node',
        description: 'Domain model and business rules',
        source: { file: 'packages/core/package.json', line: 3 },
      },
      {
        name: '@acme/web',
        path: 'packages/web',
        ecosystem: 'node',
        description: 'Customer-facing web app',
        source: { file: 'packages/web/package.json', line: 3 },
      },
      {
        name: '@acme/codemods',
        path: 'tools/codemods',
        ecosystem: 'node',
        source: { file: 'tools/codemods/package.json' },
      },
    ]);
  });

  it('lists package scripts as workspace commands and derives the single test inside a package', () => {
    expect(
      facts.commands.filter(c => c.kind === 'test').map(c => c.command),
    ).toEqual([
      'yarn test',
      'yarn workspace @acme/core test',
      'yarn workspace @acme/web test',
      'yarn workspace @acme/codemods test',
    ]);
    expect(facts.commands.find(c => c.kind === 'test-single')?.command).toBe(
      'cd <package-dir> && yarn test src/path/to/file.test.ts -t "name"',
    );
  });

  it('reads the Prettier key of package.json, ESLint JSON rules and EditorConfig sections', () => {
    expect(
      facts.styleTools.find(t => t.name === 'prettier')?.settings.slice(0, 2),
    ).toEqual([
      {
        key: 'indent',
        value: '4 spaces',
        source: { file: 'package.json', line: 24 },
      },
      {
        key: 'quotes',
        value: 'single',
        source: { file: 'package.json', line: 25 },
      },
    ]);
    const eslint = facts.styleTools.find(t => t.name === 'eslint')!;
    expect(eslint.rules.map(r => r.name)).toEqual([
      'import/no-default-export',
      'quotes',
      'semi',
    ]);
    expect(eslint.settings).toEqual([
      {
        key: 'quotes',
        value: 'single',
        source: { file: '.eslintrc.json', line: 8 },
      },
      {
        key: 'semicolons',
        value: 'always',
        source: { file: '.eslintrc.json', line: 12 },
      },
    ]);
    expect(
      facts.styleTools.find(t => t.name === 'editorconfig')?.settings,
    ).toEqual(
      expect.arrayContaining([
        {
          key: 'indent',
          value: '4 spaces',
          source: { file: '.editorconfig', line: 4 },
        },
        {
          key: 'indent',
          value: 'tabs',
          scope: 'Makefile',
          source: { file: '.editorconfig', line: 10 },
        },
      ]),
    );
  });

  it('generates monorepo commands, package-scoped commits and the package list', () => {
    const lines = generateAgentsMd(facts).content.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        'Use yarn 4.5.0 (`yarn.lock`), not npm or pnpm.',
        '| Run locally | `yarn workspace @acme/web dev` | `vite` |',
        '| Test | `yarn test` | `yarn workspaces foreach -A run test` |',
        '| Test one package | `yarn workspace <package> test` |  |',
        '| One test | `cd <package-dir> && yarn test src/path/to/file.test.ts -t "name"` |  |',
        '- **Formatting**: Prettier (`package.json`): 4-space indent, single quotes, semicolons, line length 80; EditorConfig: LF line endings, tab indent in `Makefile`. Run `yarn format` before committing.',
        '- **Linting**: ESLint (`.eslintrc.json`, eslint:recommended, plugin:@typescript-eslint/recommended): named exports only (no default exports). Run `yarn lint`.',
        '- **Commits**: Conventional Commits, `type(scope): summary` (nearly every recent commit); types used: `chore`, `feat`, `fix`; the scope is the package name (`codemods`, `core`, `deps`, `repo`, `web`).',
        '- **Pull requests**: add a changeset (`.changeset/`) for every user-visible change.',
        '- **Commit hooks**: husky pre-commit runs `yarn lint-staged`.',
        '| `packages/core/` | `@acme/core`: Domain model and business rules |',
        '| `packages/web/` | `@acme/web`: Customer-facing web app |',
        '| `tools/codemods/` | `@acme/codemods` |',
      ]),
    );
  });
});
