import { ConventionPack } from './types';
import {
  branchNamingRule,
  codeOwners,
  ciWorkflow,
  editorConfig,
  lefthookConfig,
  pullRequestTemplate,
} from './collaborationStandards';

/**
 * Go: golangci-lint, lefthook with a commit-message check and a CI workflow
 * running vet, golangci-lint and tests.
 *
 * @public
 */
export const goConventionPack: ConventionPack = {
  id: 'go',
  title: 'Go',
  description: 'golangci-lint, lefthook, GitHub Actions CI.',
  detection: { ecosystem: 'go', anyOfFiles: ['go.mod'] },
  files: [
    editorConfig(
      { style: 'tab', size: 4 },
      `
[*.{yml,yaml}]
indent_style = space
indent_size = 2
`,
    ),
    {
      path: '.golangci.yml',
      format: 'yaml',
      required: true,
      content: `version: "2"

linters:
  default: standard
  enable:
    - misspell
    - revive

formatters:
  enable:
    - gofmt
    - goimports
`,
    },
    lefthookConfig({
      name: 'gofmt',
      glob: '*.go',
      run: 'test -z "$(gofmt -l {staged_files})"',
    }),
    ciWorkflow([
      `- uses: actions/setup-go@v5
  with:
    go-version-file: go.mod`,
      '- run: go vet ./...',
      '- uses: golangci/golangci-lint-action@v8',
      '- run: go test -race ./...',
    ]),
    pullRequestTemplate,
    codeOwners,
  ],
  rules: [
    {
      ruleType: 'lint',
      ruleName: 'golangci-lint',
      config: {
        requireAnyOf: [
          '.golangci.yml',
          '.golangci.yaml',
          '.golangci.toml',
          '.golangci.json',
        ],
      },
      enabled: true,
      required: true,
      description: 'golangci-lint runs with a checked-in configuration.',
    },
    {
      ruleType: 'commit',
      ruleName: 'conventional-commits',
      config: {
        convention: 'conventional',
        requireAnyOf: ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml'],
      },
      enabled: true,
      required: true,
      description: 'Commit messages follow Conventional Commits (lefthook).',
    },
    branchNamingRule,
    {
      ruleType: 'test',
      ruleName: 'tests-beside-code',
      config: {
        sourcePattern: '\\.go$',
        testPattern: '_test\\.go$',
        granularity: 'directory',
      },
      enabled: true,
      required: false,
      description: 'Every Go package has a _test.go file.',
    },
  ],
};
