import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { buildRailsApp } from './__testUtils__/railsAppFixture';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';
import { RepoFacts } from './types';

describe('analyzeRepository on a Rails app', () => {
  let repo: FixtureRepo;
  let facts: RepoFacts;

  beforeAll(async () => {
    repo = buildRailsApp();
    facts = await analyzeRepository(repo.root);
  });
  afterAll(() => repo.remove());

  it('finds Bundler, Ruby and Rails with locked versions', () => {
    expect(facts.packageManagers).toEqual([
      {
        name: 'bundler',
        ecosystem: 'ruby',
        directory: '',
        version: '2.5.6',
        lockfile: 'Gemfile.lock',
        source: { file: 'Gemfile.lock' },
      },
    ]);
    expect(facts.runtimes).toEqual([
      {
        name: 'ruby',
        version: '3.3.0',
        source: { file: '.ruby-version', line: 1 },
      },
    ]);
    expect(facts.stack).toEqual(
      expect.arrayContaining([
        {
          name: 'Rails',
          role: 'framework',
          ecosystem: 'ruby',
          version: '7.1',
          source: { file: 'Gemfile', line: 5 },
        },
        {
          name: 'PostgreSQL',
          role: 'database',
          ecosystem: 'ruby',
          source: { file: 'Gemfile', line: 6 },
        },
        {
          name: 'Sidekiq',
          role: 'jobs',
          ecosystem: 'ruby',
          version: '7',
          source: { file: 'Gemfile', line: 10 },
        },
      ]),
    );
  });

  it('takes commands from binstubs, RSpec and Rails migrations', () => {
    const byKind = (kind: string) =>
      facts.commands
        .filter(c => c.kind === kind)
        .map(c => [c.command, c.origin]);
    expect(byKind('dev')).toEqual([['bin/dev', 'bin-script']]);
    expect(byKind('setup')).toEqual([['bin/setup', 'bin-script']]);
    expect(byKind('test')).toEqual([['bundle exec rspec', 'derived']]);
    expect(byKind('test-single')).toEqual([
      ['bundle exec rspec spec/path/to/thing_spec.rb:12', 'derived'],
    ]);
    expect(byKind('migrate')).toEqual([['bin/rails db:migrate', 'derived']]);
    expect(byKind('lint')).toEqual([
      ['bin/rubocop', 'derived'],
      ['bin/rubocop -f github', 'ci'],
    ]);
    expect(facts.commands.find(c => c.command === 'bin/dev')).toMatchObject({
      runs: 'foreman start -f Procfile.dev',
      source: { file: 'bin/dev' },
    });
    expect(
      facts.commands.find(c => c.command === 'bundle exec rspec'),
    ).toMatchObject({ runInCi: true, source: { file: 'Gemfile', line: 13 } });
  });

  it('reads RSpec, RuboCop settings and the generated schema', () => {
    expect(facts.testFrameworks).toEqual([
      expect.objectContaining({
        name: 'rspec',
        files: 2,
        locations: ['spec/'],
        patterns: ['*_spec.rb'],
        helpers: ['capybara', 'factory_bot'],
        config: '.rspec',
        source: { file: 'Gemfile', line: 13 },
      }),
    ]);
    const rubocop = facts.styleTools.find(t => t.name === 'rubocop')!;
    expect(rubocop.presets).toEqual(['rubocop-rails-omakase']);
    expect(rubocop.settings).toEqual([
      {
        key: 'quotes',
        value: 'double',
        source: {
          file: '.rubocop.yml',
          line: 2,
          note: 'from the rubocop-rails-omakase preset',
        },
      },
      {
        key: 'lineLength',
        value: '120',
        source: { file: '.rubocop.yml', line: 4 },
      },
    ]);
    expect(facts.generatedFiles).toEqual([
      {
        path: 'db/schema.rb',
        marker: 'auto-generated',
        source: { file: 'db/schema.rb', line: 1 },
      },
    ]);
  });

  it('sees that commits are not conventional and that PRs come from feature/ and bugfix/ branches', () => {
    expect(facts.history).toMatchObject({
      commitsAnalysed: 14,
      mergeCommits: 3,
      conventionalCommits: 0,
    });
    expect(facts.history.branchPrefixes).toEqual([
      { name: 'feature', count: 2 },
      { name: 'bugfix', count: 1 },
    ]);
    expect(facts.collaboration.codeowners).toEqual({
      file: '.github/CODEOWNERS',
      rules: 2,
      source: { file: '.github/CODEOWNERS' },
    });
  });

  it('generates Rails commands and conventions, and no commit rule the history does not show', () => {
    const { content } = generateAgentsMd(facts);
    const lines = content.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '| Set up | `bin/setup` |  |',
        '| Run locally | `bin/dev` | `foreman start -f Procfile.dev` |',
        '| Test | `bundle exec rspec` |  |',
        '| One test | `bundle exec rspec spec/path/to/thing_spec.rb:12` |  |',
        '| Lint | `bin/rubocop` |  |',
        '| Lint and fix | `bin/rubocop -a` |  |',
        '| Database migrations | `bin/rails db:migrate` |  |',
        '| Security scan | `bin/brakeman` |  |',
        'CI (`.github/workflows/ci.yml`) runs on pull requests: `bin/rubocop -f github`, `bundle exec rspec`.',
        '- **Stack**: Ruby 3.3.0, Rails 7.1, Stimulus (Hotwire) 1, Turbo (Hotwire) 2, PostgreSQL, Sidekiq 7.',
        '- **Linting**: RuboCop (`.rubocop.yml`, rubocop-rails-omakase): double quotes, line length 120, `# frozen_string_literal: true` at the top of Ruby files. Run `bin/rubocop`.',
        '- **Tests**: RSpec in `spec/` as `*_spec.rb`, using capybara, factory_bot.',
        '- **Generated files**: do not edit by hand: `db/schema.rb`; regenerate with `bin/rails db:migrate` for the schema.',
        '- **Branches**: the default branch is `main`; branch off it; name topic branches by kind: `bugfix/`, `feature/`.',
        '| `app/` | application code: models, views, controllers, jobs |',
        '| `db/` | migrations (`db/migrate/`) and the generated schema |',
      ]),
    );
    expect(content).not.toContain('**Commits**');
    expect(content).not.toContain('bin/rails server');
  });
});

describe('analyzeRepository on a Minitest Rails app', () => {
  let repo: FixtureRepo;
  afterAll(() => repo.remove());

  it('uses bin/rails test, system tests and fixtures', async () => {
    repo = FixtureRepo.create('rails-minitest')
      .write(
        'Gemfile',
        'source "https://rubygems.org"\n\ngem "rails", "~> 8.0.0"\ngem "sqlite3"\n\ngroup :development do\n  gem "rubocop-rails-omakase", require: false\nend\n',
      )
      .write(
        'Gemfile.lock',
        'GEM\n  specs:\n    rails (8.0.1)\n    railties (8.0.1)\n    minitest (5.25.4)\n\nBUNDLED WITH\n   2.6.2\n',
      )
      .write(
        'config/application.rb',
        'module Blog\n  class Application < Rails::Application\n  end\nend\n',
      )
      .write('bin/rails', '#!/usr/bin/env ruby\n')
      .write('bin/ci', '#!/usr/bin/env ruby\nrequire_relative "../config/ci"\n')
      .write(
        'app/javascript/controllers/hello_controller.js',
        'export default class {}\n',
      )
      .write(
        'db/schema.rb',
        '# This file is auto-generated from the current state of the database.\n',
      )
      .write('test/test_helper.rb', 'require "rails/test_help"\n')
      .write(
        'test/models/post_test.rb',
        'class PostTest < ActiveSupport::TestCase\nend\n',
      )
      .write(
        'test/controllers/posts_controller_test.rb',
        'class PostsControllerTest < ActionDispatch::IntegrationTest\nend\n',
      )
      .write(
        'test/system/posts_test.rb',
        'class PostsTest < ApplicationSystemTestCase\nend\n',
      )
      .write('test/fixtures/posts.yml', 'one:\n  title: Hello\n');
    const facts = await analyzeRepository(repo.root);
    const byKind = (kind: string) =>
      facts.commands.filter(c => c.kind === kind).map(c => c.command);
    expect(byKind('test')).toEqual(['bin/rails test']);
    expect(byKind('test-single')).toEqual([
      'bin/rails test test/path/to/thing_test.rb:12',
    ]);
    expect(byKind('e2e')).toEqual(['bin/rails test:system']);
    expect(byKind('dev')).toEqual(['bin/rails server']);
    expect(byKind('check')).toEqual(['bin/ci']);
    expect(byKind('lint')).toEqual(['bundle exec rubocop']);
    expect(facts.testFrameworks).toEqual([
      expect.objectContaining({
        name: 'minitest',
        files: 3,
        locations: ['test/'],
        helpers: ['fixtures (test/fixtures)'],
        source: {
          file: 'Gemfile.lock',
          note: 'locked as a dependency of another gem',
        },
      }),
    ]);
    const lines = generateAgentsMd(facts).content.split('\n');
    expect(lines).toEqual(
      expect.arrayContaining([
        '| Run locally | `bin/rails server` |',
        '| Test | `bin/rails test` |',
        '| One test | `bin/rails test test/path/to/thing_test.rb:12` |',
        '| End-to-end tests | `bin/rails test:system` |',
        '| All checks | `bin/ci` |',
        '- **Stack**: Ruby, Rails 8.0, SQLite.',
        '- **Tests**: Minitest in `test/` as `*_test.rb`, using fixtures (test/fixtures).',
      ]),
    );
  });
});
