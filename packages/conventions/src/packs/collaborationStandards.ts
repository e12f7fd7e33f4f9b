import { ConventionRule, ConventionStandardFile } from './types';

/**
 * Conventional-commit types accepted by every pack's hooks and checks.
 *
 * @public
 */
export const conventionalCommitTypes = [
  'build',
  'chore',
  'ci',
  'docs',
  'feat',
  'fix',
  'perf',
  'refactor',
  'revert',
  'style',
  'test',
];

const conventionalSubject = `^(${conventionalCommitTypes.join(
  '|',
)})(\\([a-z0-9._,/-]+\\))?!?: .+`;

export const pullRequestTemplate: ConventionStandardFile = {
  path: '.github/pull_request_template.md',
  format: 'text',
  required: false,
  match: 'exists',
  description: 'Pull request template; teams fill in their own checklist.',
  content: `## What and why

<!-- One paragraph: what this change does and why it is needed. -->

## How it was tested

- [ ] Tests added or updated
- [ ] Lint and tests pass locally

## Related

<!-- Issues, specs or tasks this closes, e.g. Closes #123, T012. -->
`,
};

export const codeOwners: ConventionStandardFile = {
  path: '.github/CODEOWNERS',
  format: 'text',
  required: true,
  match: 'exists',
  description: 'Review owners; replace the placeholder team.',
  content: `# Owners of every path unless a later line says otherwise.
* @your-org/your-team
`,
};

/** Shell test used by lefthook's commit-msg hook; `{1}` is the message file. */
export const lefthookCommitMessageCheck = `grep -qE '${conventionalSubject}' {1} || (echo 'commit message must follow Conventional Commits: type(scope): subject' && exit 1)`;

/** Workflow job that checks every commit of a pull request. */
const commitMessageJob = `  commit-messages:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: wagoid/commitlint-github-action@v6
`;

export const branchNamingRule: ConventionRule = {
  ruleType: 'branch',
  ruleName: 'branch-naming',
  config: {
    pattern: `^(${conventionalCommitTypes.join('|')})/[a-z0-9._-]+$`,
    allow: ['main', 'master'],
  },
  enabled: true,
  required: false,
  description: 'Branches are named <type>/<short-topic>.',
};

export function editorConfig(
  indent: { style: 'space' | 'tab'; size: number },
  overrides = '',
): ConventionStandardFile {
  return {
    path: '.editorconfig',
    format: 'text',
    required: true,
    content: `root = true

[*]
charset = utf-8
end_of_line = lf
insert_final_newline = true
trim_trailing_whitespace = true
indent_style = ${indent.style}
indent_size = ${indent.size}

[*.md]
trim_trailing_whitespace = false
${overrides}`,
  };
}

/**
 * The pack's GitHub Actions workflow: its lint and test steps after the
 * checkout, and the commit-message job every pack shares.
 */
export function ciWorkflow(steps: string[]): ConventionStandardFile {
  return {
    path: '.github/workflows/ci.yml',
    format: 'yaml',
    required: true,
    content: `name: CI

on:
  push:
    branches: [main]
  pull_request:

permissions:
  contents: read

jobs:
  lint-and-test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
${steps.map(step => `      ${step.replace(/\n/g, '\n      ')}`).join('\n')}
${commitMessageJob}`,
  };
}

/**
 * lefthook.yml with the pack's pre-commit command and the shared
 * Conventional Commits check on commit-msg.
 */
export function lefthookConfig(preCommit: {
  name: string;
  glob: string;
  run: string;
}): ConventionStandardFile {
  return {
    path: 'lefthook.yml',
    format: 'yaml',
    required: true,
    content: `pre-commit:
  commands:
    ${preCommit.name}:
      glob: "${preCommit.glob}"
      run: ${preCommit.run}

commit-msg:
  commands:
    conventional-commit:
      run: ${JSON.stringify(lefthookCommitMessageCheck)}
`,
  };
}
