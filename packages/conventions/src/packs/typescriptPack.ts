import { ConventionPack } from './types';
import {
  branchNamingRule,
  codeOwners,
  ciWorkflow,
  editorConfig,
  pullRequestTemplate,
} from './collaborationStandards';

/**
 * TypeScript and Node: ESLint flat config, Prettier, husky + commitlint and a
 * CI workflow running lint, tests and the commit-message check.
 *
 * @public
 */
export const typescriptConventionPack: ConventionPack = {
  id: 'typescript',
  title: 'TypeScript / Node',
  description: 'ESLint, Prettier, commitlint with husky, GitHub Actions CI.',
  detection: {
    ecosystem: 'node',
    anyOfFiles: ['package.json', 'tsconfig.json'],
  },
  files: [
    editorConfig({ style: 'space', size: 2 }),
    {
      path: 'eslint.config.mjs',
      format: 'text',
      required: true,
      content: `import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
);
`,
    },
    {
      path: '.prettierrc.json',
      format: 'json',
      required: false,
      content: `{
  "singleQuote": true,
  "trailingComma": "all",
  "arrowParens": "avoid",
  "printWidth": 80
}
`,
    },
    {
      path: 'commitlint.config.mjs',
      format: 'text',
      required: true,
      content: `export default { extends: ['@commitlint/config-conventional'] };
`,
    },
    {
      path: '.husky/commit-msg',
      format: 'text',
      required: true,
      executable: true,
      content: `npx --no -- commitlint --edit "$1"
`,
    },
    ciWorkflow([
      `- uses: actions/setup-node@v4
  with:
    node-version: 22
    cache: npm`,
      '- run: npm ci',
      '- run: npm run lint',
      '- run: npm test',
    ]),
    pullRequestTemplate,
    codeOwners,
  ],
  rules: [
    {
      ruleType: 'lint',
      ruleName: 'eslint',
      config: {
        requireAnyOf: [
          'eslint.config.mjs',
          'eslint.config.js',
          'eslint.config.cjs',
          'eslint.config.ts',
        ],
      },
      enabled: true,
      required: true,
      description: 'ESLint runs with a flat config.',
    },
    {
      ruleType: 'lint',
      ruleName: 'prettier',
      config: {
        requireAnyOf: [
          '.prettierrc.json',
          '.prettierrc',
          '.prettierrc.yaml',
          '.prettierrc.yml',
          'prettier.config.js',
          'prettier.config.mjs',
        ],
      },
      enabled: true,
      required: false,
      description: 'Prettier formats the code.',
    },
    {
      ruleType: 'commit',
      ruleName: 'conventional-commits',
      config: {
        convention: 'conventional',
        requireAnyOf: [
          'commitlint.config.mjs',
          'commitlint.config.js',
          'commitlint.config.cjs',
          'commitlint.config.ts',
          '.commitlintrc.json',
          '.commitlintrc.yml',
        ],
        requireAllOf: ['.husky/commit-msg'],
      },
      enabled: true,
      required: true,
      description: 'Commit messages follow Conventional Commits (commitlint).',
    },
    branchNamingRule,
    {
      ruleType: 'test',
      ruleName: 'tests-beside-code',
      config: {
        sourcePattern: '^src/(?:.+/)?(?!index\\.)[^/]+(?<!\\.d)\\.tsx?$',
        testPattern: '\\.(test|spec)\\.tsx?$',
        granularity: 'directory',
      },
      enabled: true,
      required: false,
      description: 'Every source folder under src/ has a test beside its code.',
    },
  ],
};
