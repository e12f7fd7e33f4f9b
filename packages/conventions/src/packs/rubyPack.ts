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
 * Ruby: RuboCop, lefthook with a commit-message check, a CI workflow running
 * RuboCop and RSpec.
 *
 * @public
 */
export const rubyConventionPack: ConventionPack = {
  id: 'ruby',
  title: 'Ruby',
  description: 'RuboCop, lefthook, RSpec, GitHub Actions CI.',
  detection: { ecosystem: 'ruby', anyOfFiles: ['Gemfile', '.ruby-version'] },
  files: [
    editorConfig({ style: 'space', size: 2 }),
    {
      path: '.rubocop.yml',
      format: 'yaml',
      required: true,
      content: `AllCops:
  NewCops: enable
  TargetRubyVersion: 3.3
  Exclude:
    - "bin/**/*"
    - "vendor/**/*"
    - "db/schema.rb"

Style/Documentation:
  Enabled: false
`,
    },
    lefthookConfig({
      name: 'rubocop',
      glob: '*.rb',
      run: 'bundle exec rubocop --force-exclusion {staged_files}',
    }),
    ciWorkflow([
      `- uses: ruby/setup-ruby@v1
  with:
    bundler-cache: true`,
      '- run: bundle exec rubocop',
      '- run: bundle exec rspec',
    ]),
    pullRequestTemplate,
    codeOwners,
  ],
  rules: [
    {
      ruleType: 'lint',
      ruleName: 'rubocop',
      config: { requireAnyOf: ['.rubocop.yml'] },
      enabled: true,
      required: true,
      description: 'RuboCop runs with a checked-in configuration.',
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
      ruleName: 'rspec-specs',
      config: {
        sourcePattern: '^(app|lib)/.*\\.rb$',
        testPattern: '_spec\\.rb$',
        granularity: 'repository',
      },
      enabled: true,
      required: false,
      description: 'A repository with Ruby sources has RSpec specs.',
    },
  ],
};
