import { ConventionPack } from './types';
import {
  branchNamingRule,
  codeOwners,
  ciWorkflow,
  editorConfig,
  pullRequestTemplate,
} from './collaborationStandards';

/**
 * Python: ruff for lint and format, pre-commit hooks with a commit-message
 * check, a CI workflow running ruff and pytest.
 *
 * @public
 */
export const pythonConventionPack: ConventionPack = {
  id: 'python',
  title: 'Python',
  description: 'ruff, pre-commit, pytest, GitHub Actions CI.',
  detection: {
    ecosystem: 'python',
    anyOfFiles: ['pyproject.toml', 'setup.py', 'setup.cfg', 'requirements.txt'],
  },
  files: [
    editorConfig({ style: 'space', size: 4 }),
    {
      path: 'ruff.toml',
      format: 'toml',
      required: true,
      content: `line-length = 88
target-version = "py311"

[lint]
select = ["E", "F", "I", "B", "UP"]

[format]
quote-style = "double"
`,
    },
    {
      path: '.pre-commit-config.yaml',
      format: 'yaml',
      required: true,
      content: `default_install_hook_types: [pre-commit, commit-msg]

repos:
  - repo: https://github.com/astral-sh/ruff-pre-commit
    rev: v0.6.9
    hooks:
      - id: ruff
        args: [--fix]
      - id: ruff-format
  - repo: https://github.com/compilerla/conventional-pre-commit
    rev: v3.4.0
    hooks:
      - id: conventional-pre-commit
        stages: [commit-msg]
`,
    },
    ciWorkflow([
      `- uses: actions/setup-python@v5
  with:
    python-version: "3.12"`,
      '- run: python -m pip install ruff pytest',
      '- run: if [ -f requirements.txt ]; then pip install -r requirements.txt; fi',
      '- run: ruff check .',
      '- run: ruff format --check .',
      '- run: pytest',
    ]),
    pullRequestTemplate,
    codeOwners,
  ],
  rules: [
    {
      ruleType: 'lint',
      ruleName: 'ruff',
      config: { requireAnyOf: ['ruff.toml', '.ruff.toml'] },
      enabled: true,
      required: true,
      description: 'ruff lints and formats the code.',
    },
    {
      ruleType: 'commit',
      ruleName: 'conventional-commits',
      config: {
        convention: 'conventional',
        requireAnyOf: ['.pre-commit-config.yaml', 'lefthook.yml'],
      },
      enabled: true,
      required: true,
      description: 'Commit messages follow Conventional Commits (pre-commit).',
    },
    branchNamingRule,
    {
      ruleType: 'test',
      ruleName: 'pytest-tests',
      config: {
        sourcePattern: '\\.py$',
        testPattern: '(^|/)(test_[^/]*|[^/]*_test)\\.py$',
        granularity: 'repository',
      },
      enabled: true,
      required: false,
      description: 'A repository with Python sources has pytest tests.',
    },
  ],
};
